"""A finding's follow-up, a state machine like the nominations':

    open ──explain──▶ explained ──accept──▶ accepted
                          │
                          └──require_remediation (deadline)──▶ remediation required ──resolve──▶ resolved
                                                                  ↺ report (evidence)

The unit responsible explains and reports its remediation with evidence (Action.ANSWER_FINDINGS, the unit
in the user's scope); the inspector decides (Action.INSPECT): accepts the explanation, or requires
remediation by a deadline, then finds it resolved. Every step leaves a FindingLog row (who, when, from,
to, the text, the deadline) with its attachments. Nobody deletes a finding, and no step edits what a run
recorded.

Segregation of duties (as for nominations): the user who wrote the explanation or the last evidence may not
decide on it, even when one account holds both permissions.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from llct.accounts.permissions import Action, can
from llct.oversight.models import Finding, FindingAttachment, FindingLog, FindingStatus
from llct.registry.scope import in_scope, scoped

from .runs import InspectionError

S = FindingStatus
MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    action: Action
    needs_deadline: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("explain", gettext_lazy("Giải trình"), (S.OPEN,), S.EXPLAINED, Action.ANSWER_FINDINGS),
        Transition(
            "accept", gettext_lazy("Chấp nhận giải trình"), (S.EXPLAINED,), S.ACCEPTED, Action.INSPECT
        ),
        Transition(
            "require_remediation",
            gettext_lazy("Yêu cầu khắc phục"),
            (S.EXPLAINED,),
            S.REMEDIATION,
            Action.INSPECT,
            needs_deadline=True,
        ),
        Transition(
            "report",
            gettext_lazy("Báo cáo kết quả khắc phục"),
            (S.REMEDIATION,),
            S.REMEDIATION,
            Action.ANSWER_FINDINGS,
        ),
        Transition(
            "resolve", gettext_lazy("Xác nhận đã khắc phục"), (S.REMEDIATION,), S.RESOLVED, Action.INSPECT
        ),
    )
}
ANSWERS = ("explain", "report")


def findings_visible(user) -> QuerySet[Finding]:
    """Findings whose responsible unit lies in the user's scope."""
    if not can(user, Action.VIEW):
        return Finding.objects.none()
    return scoped(Finding.objects.select_related("unit"), user)


def _last_answer_by(finding: Finding) -> int | None:
    row = finding.log.filter(action__in=ANSWERS).order_by("-at", "-pk").first()
    return row.by_id if row is not None else None


def _may(user, transition: Transition, finding: Finding) -> bool:
    return can(user, transition.action) and in_scope(user, finding.unit)


def allowed_transitions(finding: Finding, user) -> list[Transition]:
    """The steps `user` may take on `finding` now (the forms of its page)."""
    answered_by = _last_answer_by(finding)
    return [
        t
        for t in TRANSITIONS.values()
        if finding.status in t.sources
        and _may(user, t, finding)
        and not (t.action == Action.INSPECT and answered_by == user.pk)
    ]


def _check_files(files) -> None:
    if len(files) > MAX_FILES:
        raise InspectionError(_("Đính kèm tối đa %(n)s tệp mỗi lần.") % {"n": MAX_FILES}, field="files")
    for f in files:
        if f.size > MAX_FILE_BYTES:
            raise InspectionError(
                _("Tệp %(name)s lớn hơn 10 MB; hãy nén hoặc chia nhỏ.") % {"name": f.name}, field="files"
            )


@transaction.atomic
def finding_transition(
    finding: Finding, name: str, *, by, text: str = "", deadline: dt.date | None = None, files=()
) -> Finding:
    """Take step `name` (see TRANSITIONS) with its text (explanation, decision, evidence), the deadline of a
    remediation, and files attached. Taking a step whose target is already reached changes nothing (a form
    submitted twice), except `report`, which adds evidence each time."""
    transition = TRANSITIONS[name]
    finding = Finding.objects.select_for_update().select_related("unit").get(pk=finding.pk)
    if not _may(by, transition, finding):
        raise PermissionDenied
    if finding.status == transition.target and name != "report":
        return finding
    if finding.status not in transition.sources:
        raise InspectionError(
            _("Không thể chuyển phát hiện từ “%(from)s” sang “%(to)s”.")
            % {"from": finding.get_status_display(), "to": S(transition.target).label},
            code="bad_transition",
        )
    if not text.strip():
        raise InspectionError(
            _("Ghi nội dung giải trình, kết luận hoặc minh chứng (không để trống)."),
            code="text",
            field="text",
        )
    if transition.action == Action.INSPECT and _last_answer_by(finding) == by.pk:
        raise InspectionError(
            _(
                "Bạn đã viết giải trình (minh chứng) của phát hiện này nên không tự kết luận; người kiểm tra "
                "khác kết luận."
            ),
            code="same_user",
        )
    if transition.needs_deadline:
        if deadline is None:
            raise InspectionError(_("Ghi hạn khắc phục (dd/mm/yyyy)."), code="deadline", field="deadline")
        if deadline < timezone.localdate():
            raise InspectionError(
                _("Hạn khắc phục không thể trước hôm nay."), code="deadline", field="deadline"
            )
    _check_files(files)
    source = finding.status
    finding.status = transition.target
    if transition.needs_deadline:
        finding.deadline = deadline
    finding.save(update_fields=["status", "deadline"])
    row = FindingLog.objects.create(
        finding=finding,
        by=by,
        action=name,
        from_status=source,
        to_status=transition.target,
        text=text.strip(),
        deadline=deadline if transition.needs_deadline else None,
    )
    for f in files:
        FindingAttachment.objects.create(log=row, file=f, name=f.name[:255], uploaded_by=by)
    return finding


def finding_explanation(finding: Finding) -> FindingLog | None:
    """The unit's last explanation (shown in the conclusion)."""
    return finding.log.filter(action="explain").order_by("-at", "-pk").first()


def finding_decision(finding: Finding) -> FindingLog | None:
    """The inspector's last decision (accept, remediation, resolved)."""
    return (
        finding.log.filter(action__in=("accept", "require_remediation", "resolve"))
        .order_by("-at", "-pk")
        .first()
    )
