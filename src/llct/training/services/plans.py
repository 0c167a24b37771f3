"""Annual training plans: drafted by a unit, approved by the competent body, then fixed (chốt).

`PLAN_FLOW` is the whole machine: draft → approved (Action.APPROVE, in scope of the plan's unit) → fixed
(Action.APPROVE). Quotas change only while the plan is a draft.

Segregation of duties: whoever drafted a plan (created it or set one of its quota lines) may not approve
it. The regulations do not say so in these words; it is a careful reading of them: the organisation board
reviews the pool and *proposes* the plan, the competent body (the Party committee's standing committee,
for the commune centre the host commune's Party committee, QĐ 1147) *approves* it — two roles the system
keeps apart even when one account holds both permissions.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.registry.models import Unit
from llct.registry.scope import in_scope
from llct.training.choices import PlanStatus
from llct.training.models import PlanQuota, Programme, TrainingPlan
from llct.workflows import Transition, Workflow

from .errors import TrainingRuleError

YEARS = (2000, 2100)

PLAN_FLOW = Workflow(
    TrainingRuleError,
    Transition(
        "approve",
        (PlanStatus.DRAFT,),
        PlanStatus.APPROVED,
        Action.APPROVE,
        lambda _plan: _("Chỉ phê duyệt được kế hoạch đang là dự thảo."),
    ),
    Transition(
        "fix",
        (PlanStatus.APPROVED,),
        PlanStatus.FIXED,
        Action.APPROVE,
        lambda _plan: _("Chỉ chốt được kế hoạch đã phê duyệt."),
    ),
)


def _require(by, action: Action, unit: Unit) -> None:
    if not can(by, action) or not in_scope(by, unit):
        raise PermissionDenied


@transaction.atomic
def plan_create(*, unit: Unit, year: int, title: str = "", by) -> TrainingPlan:
    """Create the unit's plan for `year`, or return the one that exists (a double submit adds nothing)."""
    _require(by, Action.MANAGE_NOMINATIONS, unit)
    if not YEARS[0] <= year <= YEARS[1]:
        raise TrainingRuleError(
            _("Năm kế hoạch phải từ %(a)s đến %(b)s.") % {"a": YEARS[0], "b": YEARS[1]}, field="year"
        )
    plan = TrainingPlan.objects.filter(unit=unit, year=year).first()
    if plan is not None:
        return plan
    plan = TrainingPlan(
        unit=unit,
        year=year,
        title=title.strip() or _("Kế hoạch đào tạo năm %(year)s") % {"year": year},
        created_by=by,
    )
    plan.full_clean()
    audit(plan, by).save()
    return plan


@transaction.atomic
def quota_set(
    *,
    plan: TrainingPlan,
    programme: Programme,
    quota: int,
    mode: str = "",
    institution: Unit | None = None,
    by,
) -> PlanQuota:
    """Set one quota line of a draft plan (create or change it)."""
    _require(by, Action.MANAGE_NOMINATIONS, plan.unit)
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise TrainingRuleError(
            _("Kế hoạch đã %(status)s; chỉ sửa chỉ tiêu khi kế hoạch còn là dự thảo.")
            % {"status": plan.get_status_display().lower()}
        )
    if mode and programme.modes and mode not in programme.modes:
        raise TrainingRuleError(
            _("Chương trình %(p)s không có hình thức học này.") % {"p": programme.name}, field="mode"
        )
    if quota < 0:
        raise TrainingRuleError(_("Chỉ tiêu phải là số không âm."), field="quota")
    line = PlanQuota.objects.filter(
        plan=plan, programme=programme, mode=mode, institution=institution
    ).first()
    line = line or PlanQuota(plan=plan, programme=programme, mode=mode, institution=institution)
    line.quota = quota
    line.full_clean()
    audit(line, by).save()
    return line


def plan_drafters(plan: TrainingPlan) -> set[int]:
    """The users who drafted the plan: its author and whoever set one of its quota lines."""
    authors = set(PlanQuota.history.filter(plan_id=plan.pk).values_list("history_user_id", flat=True))
    return {pk for pk in authors | {plan.created_by_id} if pk is not None}


@transaction.atomic
def plan_approve(*, plan: TrainingPlan, approving_body: str, document: str, by) -> TrainingPlan:
    """Approve a draft plan (the competent body's approval, with its document number). Refused to a user
    who drafted it (segregation of duties, see the module docstring)."""
    _require(by, PLAN_FLOW["approve"].action, plan.unit)
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    PLAN_FLOW.check(plan, "approve")
    if by.pk in plan_drafters(plan):
        raise TrainingRuleError(
            _(
                "Bạn đã lập hoặc sửa dự thảo kế hoạch này nên không được tự phê duyệt; "
                "người có thẩm quyền khác phê duyệt."
            ),
            code="same_user",
        )
    if not plan.quotas.exists():
        raise TrainingRuleError(_("Kế hoạch chưa có chỉ tiêu nào; thêm chỉ tiêu trước khi phê duyệt."))
    if not approving_body.strip():
        raise TrainingRuleError(_("Ghi cơ quan phê duyệt."), field="approving_body")
    if not document.strip():
        raise TrainingRuleError(_("Ghi số văn bản phê duyệt."), field="document")
    plan.approving_body = approving_body.strip()
    plan.approval_document = document.strip()
    plan.approved_by = by
    plan.approved_at = timezone.now()
    return PLAN_FLOW.take(plan, "approve", by)


@transaction.atomic
def plan_fix(*, plan: TrainingPlan, by) -> TrainingPlan:
    """Fix (chốt) an approved plan: it no longer changes."""
    _require(by, PLAN_FLOW["fix"].action, plan.unit)
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    PLAN_FLOW.check(plan, "fix")
    plan.fixed_at = timezone.now()
    return PLAN_FLOW.take(plan, "fix", by)


def quota_for(unit: Unit, programme: Programme, mode: str, on: dt.date) -> PlanQuota | None:
    """The quota line a nomination of `unit` on `on` counts against: the approved or fixed plan of the
    unit or its nearest ancestor for that year, matching programme and mode (a line without a mode
    covers every mode)."""
    for planning_unit in [unit, *reversed(list(Unit.objects.get_ancestors(unit)))]:
        lines = PlanQuota.objects.filter(
            plan__unit=planning_unit,
            plan__year=on.year,
            plan__status__in=[PlanStatus.APPROVED, PlanStatus.FIXED],
            programme=programme,
        )
        exact = lines.filter(mode=mode).first() if mode else None
        line = exact or lines.filter(mode="").first() or (lines.first() if not mode else None)
        if line is not None:
            return line
    return None
