"""Nominations (cử đi học) and their state machine.

    draft ──submit──▶ submitted ──approve──▶ approved ──admit──▶ admitted
                         │                     │
                         └──reject──▶ rejected  └──(withdraw from draft, submitted, approved or admitted)

`NOMINATION_FLOW` is the whole machine (llct.workflows, as every workflow): for each transition the states
it leaves, the state it reaches, the action the user's role must allow, whose scope the user must cover,
and whether a reason is required. Every transition leaves a NominationLog row (who, when, from, to, why).

Segregation of duties: the user who submitted a nomination may not approve it. The regulations do not
say so in these words; it is a careful reading of them: the sending unit's organisation board proposes
(reviews the pool and nominates), the competent authority decides (QĐ 57-QĐ/TW ch. III, QĐ 350-QĐ/TW) —
so proposing and deciding stay with two people even when one account holds both permissions.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from llct import workflows
from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.registry.models import Cadre, Unit
from llct.registry.scope import in_scope
from llct.training.choices import ACTIVE_NOMINATION_STATUSES, NominationStatus
from llct.training.models import Nomination, NominationLog, PlanQuota, Programme, TrainingClass

from .allocation import offered_check
from .classes import enrolment_add, enrolment_withdraw
from .errors import TrainingRuleError
from .plans import quota_for

S = NominationStatus


@dataclass(frozen=True)
class Transition(workflows.Transition):
    """Besides the table's columns: whose scope the user must cover, "sending_unit" or "institution" (the
    class's institution), and whether a reason is required."""

    scope: str = "sending_unit"
    needs_reason: bool = False


def _step(name: str, sources: tuple[str, ...], target: str, action: Action, **more) -> Transition:
    def refusal(nomination: Nomination) -> str:
        return _("Không thể chuyển hồ sơ cử đi học từ “%(from)s” sang “%(to)s”.") % {
            "from": nomination.get_status_display(),
            "to": S(target).label,
        }

    return Transition(name, sources, target, action, refusal, **more)


NOMINATION_FLOW = workflows.Workflow(
    TrainingRuleError,
    _step("submit", (S.DRAFT,), S.SUBMITTED, Action.MANAGE_NOMINATIONS),
    _step("approve", (S.SUBMITTED,), S.APPROVED, Action.APPROVE),
    _step("reject", (S.SUBMITTED,), S.REJECTED, Action.APPROVE, needs_reason=True),
    _step("admit", (S.APPROVED,), S.ADMITTED, Action.RUN_TRAINING, scope="institution"),
    _step(
        "withdraw",
        (S.DRAFT, S.SUBMITTED, S.APPROVED, S.ADMITTED),
        S.WITHDRAWN,
        Action.MANAGE_NOMINATIONS,
        needs_reason=True,
    ),
)
TRANSITIONS: dict[str, Transition] = NOMINATION_FLOW.transitions


def allowed_transitions(nomination: Nomination, user) -> list[Transition]:
    """The transitions `user` may take on `nomination` now (for the buttons of the page)."""
    return [
        t
        for t in TRANSITIONS.values()
        if nomination.status in t.sources
        and _may(user, t, nomination)
        and not (t.name == "approve" and submitter_id(nomination) == user.pk)
    ]


def submitter_id(nomination: Nomination) -> int | None:
    """Who submitted the nomination (its last submit in the log)."""
    row = nomination.log.filter(to_status=S.SUBMITTED).order_by("-at", "-pk").first()
    return row.by_id if row is not None else None


def _may(user, transition: Transition, nomination: Nomination) -> bool:
    if not can(user, transition.action):
        return False
    if transition.scope == "institution":
        return nomination.training_class is not None and in_scope(user, nomination.training_class.institution)
    return in_scope(user, nomination.sending_unit)


def _log(nomination: Nomination, by, from_status: str, to_status: str, reason: str) -> None:
    NominationLog.objects.create(
        nomination=nomination, by=by, from_status=from_status, to_status=to_status, reason=reason
    )


def _check_quota(nomination: Nomination) -> None:
    """Refuse when the quota line is used up. The caller holds the line's row lock (`_lock_quota`), so
    parallel nominations against the same line are counted one after the other."""
    quota = nomination.quota
    if quota is None:
        return
    used = quota.nominations.filter(status__in=ACTIVE_NOMINATION_STATUSES).exclude(pk=nomination.pk).count()
    if used >= quota.quota:
        raise TrainingRuleError(
            _("Đã dùng hết chỉ tiêu %(quota)s người của %(plan)s cho chương trình %(p)s.")
            % {"quota": quota.quota, "plan": quota.plan, "p": nomination.programme.name},
            code="quota_full",
        )


def _lock_quota(quota: PlanQuota | None) -> PlanQuota | None:
    return None if quota is None else PlanQuota.objects.select_for_update().get(pk=quota.pk)


@dataclass(frozen=True)
class SpecialCaseTerms:
    """What the nomination form records of a special-case decision (QĐ 350-QĐ/TW: special cases are
    decided by the competent authority): who decided, the document, its date and why."""

    authority: str
    document_number: str
    decided_on: dt.date
    reason: str


def _special_case(cadre: Cadre, programme: Programme, mode: str, on: dt.date, terms, by):
    """The special-case decision that lets a cadre who is not eligible be nominated: the one recorded in
    the eligibility pages and in force on `on`, or the one the nomination form brings (recorded now)."""
    if not programme.level:
        raise TrainingRuleError(
            _("Trường hợp đặc biệt chỉ áp dụng cho chương trình đào tạo theo trình độ lý luận chính trị."),
            code="special_case_level",
            field="special_authority",
        )
    from llct.eligibility.services.special_cases import special_case_record, special_cases_for

    if terms is None:
        found = special_cases_for(cadre, on).get(programme.level)
        return found if found is not None and found.eligible else None
    return special_case_record(
        cadre=cadre,
        level=programme.level,
        eligible=True,
        modes=[mode] if mode else list(programme.modes),
        authority=terms.authority,
        document_number=terms.document_number,
        decided_on=terms.decided_on,
        reason=terms.reason,
        by=by,
    )


@transaction.atomic
def nomination_create(
    *,
    cadre: Cadre,
    programme: Programme,
    sending_unit: Unit,
    nominated_on: dt.date,
    mode: str = "",
    special_case=None,
    special_terms: SpecialCaseTerms | None = None,
    note: str = "",
    by,
) -> Nomination:
    """Nominate one cadre (draft). The rules engine's decision on `nominated_on` is stored with it.

    Refused: a cadre already holding the programme's level or higher; a cadre not eligible without a
    special-case decision granting it (QĐ 350-QĐ/TW) — one in force, or `special_terms` recorded now; no
    quota left in the approved plan; a programme not offered that day. Submitting the same cadre and
    programme twice returns the live nomination, also when both submits race (the quota line's row lock
    orders them, the partial unique constraint `one_active_nomination_per_programme` backs it up).
    """
    if (
        not can(by, Action.MANAGE_NOMINATIONS)
        or not in_scope(by, sending_unit)
        or not in_scope(by, cadre.unit)
    ):
        raise PermissionDenied
    live = Nomination.objects.filter(cadre=cadre, programme=programme, status__in=ACTIVE_NOMINATION_STATUSES)
    if (existing := live.first()) is not None:
        return existing
    from .eligibility import holds_level_or_higher, nomination_decision

    offered_check(programme, nominated_on, "nominated_on")
    if holds_level_or_higher(cadre, programme.level):
        raise TrainingRuleError(
            _("%(name)s đã có trình độ %(held)s, bằng hoặc cao hơn trình độ của chương trình %(p)s.")
            % {"name": cadre.full_name, "held": cadre.get_theory_level_display(), "p": programme.name},
            code="already_held",
            field="cadre",
        )
    if mode and programme.modes and mode not in programme.modes:
        raise TrainingRuleError(
            _("Chương trình %(p)s không có hình thức học này.") % {"p": programme.name}, field="mode"
        )
    decision = nomination_decision(cadre, programme, nominated_on)
    eligible = bool(decision.get("eligible"))
    quota = _lock_quota(quota_for(sending_unit, programme, mode, nominated_on))
    if (existing := live.first()) is not None:  # the other submit of the same form got the lock first
        return existing
    if programme.level and quota is None:
        raise TrainingRuleError(
            _(
                "Chưa có chỉ tiêu cho chương trình %(p)s năm %(y)s trong kế hoạch đã phê duyệt của %(u)s "
                "hoặc đơn vị cấp trên; lập và phê duyệt kế hoạch trước."
            )
            % {"p": programme.name, "y": nominated_on.year, "u": sending_unit.name},
            code="no_quota",
        )
    if not eligible:
        special_case = special_case or _special_case(cadre, programme, mode, nominated_on, special_terms, by)
        if special_case is None:
            raise TrainingRuleError(
                _(
                    "%(name)s chưa đủ điều kiện (%(why)s). Chỉ cử được khi có quyết định trường hợp đặc "
                    "biệt: ghi cấp có thẩm quyền, số văn bản, ngày quyết định và lý do."
                )
                % {"name": cadre.full_name, "why": decision.get("summary", "")},
                citation=decision.get("regulation", ""),
                code="not_eligible",
                field="special_authority",
            )
        if (
            special_case.cadre_id != cadre.pk
            or special_case.level != programme.level
            or not special_case.eligible
            or special_case.decided_on > nominated_on
        ):
            raise TrainingRuleError(
                _(
                    "Quyết định trường hợp đặc biệt phải là của chính cán bộ này, đúng trình độ, "
                    "cho phép cử đi học và ký trước ngày cử."
                ),
                code="special_case_mismatch",
                field="special_decided_on",
            )
    allowed_modes = decision.get("modes") or []
    if mode and allowed_modes and mode not in allowed_modes and eligible:
        raise TrainingRuleError(
            _("Hình thức học này không phù hợp với kết quả xét điều kiện (%(why)s).")
            % {"why": decision.get("summary", "")},
            citation=decision.get("regulation", ""),
            field="mode",
        )
    nomination = Nomination(
        cadre=cadre,
        programme=programme,
        sending_unit=sending_unit,
        nominated_on=nominated_on,
        mode=mode,
        eligible=eligible,
        eligibility=decision,
        special_case=None if eligible else special_case,
        note=note,
        created_by=by,
        quota=quota,
    )
    _check_quota(nomination)
    try:
        with transaction.atomic():
            audit(nomination, by).save()
    except IntegrityError:
        # A concurrent submit of the same form (not held back by a quota lock) won the race.
        return live.get()
    _log(nomination, by, "", S.DRAFT, note)
    return nomination


@transaction.atomic
def nomination_transition(
    nomination: Nomination, name: str, *, by, reason: str = "", training_class: TrainingClass | None = None
) -> Nomination:
    """Take transition `name` (see TRANSITIONS). Taking it again once done changes nothing (idempotent)."""
    transition = TRANSITIONS[name]
    nomination = (
        Nomination.objects.select_for_update().select_related("programme", "cadre").get(pk=nomination.pk)
    )
    if training_class is not None and name == "admit":
        nomination.training_class = training_class
    if not _may(by, transition, nomination):
        raise PermissionDenied
    if nomination.status == transition.target:
        return nomination
    NOMINATION_FLOW.check(nomination, name)
    if transition.needs_reason and not reason.strip():
        raise TrainingRuleError(_("Ghi lý do."), code="reason_required", field="reason")
    if name == "approve" and submitter_id(nomination) == by.pk:
        raise TrainingRuleError(
            _("Bạn đã trình hồ sơ này nên không được tự duyệt; người có thẩm quyền khác duyệt."),
            code="same_user",
        )
    if name == "approve" and nomination.quota is not None:
        nomination.quota = _lock_quota(nomination.quota)
        _check_quota(nomination)
    if name == "admit":
        _admit(nomination, by)
    if name == "withdraw" and nomination.status == S.ADMITTED:
        enrolment_withdraw(nomination.enrolment, by=by, reason=reason)
    source = nomination.status
    NOMINATION_FLOW.take(nomination, name, by, reason)
    _log(nomination, by, source, transition.target, reason.strip())
    return nomination


def _admit(nomination: Nomination, by) -> None:
    klass = nomination.training_class
    if klass is None:
        raise TrainingRuleError(_("Chọn lớp để nhập học."), code="class_required")
    if klass.programme_id != nomination.programme_id:
        raise TrainingRuleError(
            _("Lớp %(c)s thuộc chương trình khác với hồ sơ cử đi học.") % {"c": klass.code},
            code="wrong_class",
        )
    if nomination.mode and klass.mode and nomination.mode != klass.mode:
        raise TrainingRuleError(
            _("Lớp %(c)s học %(m)s, khác hình thức được cử.")
            % {"c": klass.code, "m": klass.get_mode_display()}
        )
    enrolment_add(klass, nomination.cadre, sending_unit=nomination.sending_unit, nomination=nomination, by=by)


def nominations_admit(klass: TrainingClass, nominations: list[Nomination], *, by) -> list[Nomination]:
    """Admit approved nominations into `klass` (the institution's staff, from the class page). All or
    none: a refusal for one (class full, wrong programme or mode) admits nobody."""
    with transaction.atomic():
        return [nomination_transition(n, "admit", by=by, training_class=klass) for n in nominations]
