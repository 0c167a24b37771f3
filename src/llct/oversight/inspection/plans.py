"""Inspection plans (kế hoạch kiểm tra) and their conclusions (kết luận kiểm tra).

A plan names the year, the unit inspected, the topics (checks), the team and the dates; its run is an
ordinary inspection run over the subject unit and the period inspected. The conclusion lists the findings
of the plan's last finished run with their clauses, the unit's explanations and the inspector's decisions,
and adds the general assessment and the recommendations with their deadlines.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.oversight.models import (
    ConclusionRecommendation,
    Finding,
    InspectionConclusion,
    InspectionPlan,
    InspectionRun,
    RunStatus,
    RunTrigger,
)
from llct.registry.models import Unit
from llct.registry.scope import in_scope, scoped

from .checks import CHECKS
from .runs import InspectionError, inspection_run_create


def plans_visible(user) -> QuerySet[InspectionPlan]:
    """Plans whose subject lies in the user's scope (the unit inspected sees its own)."""
    if not can(user, Action.VIEW):
        return InspectionPlan.objects.none()
    return scoped(InspectionPlan.objects.select_related("subject", "inspecting_unit"), user, "subject")


def _require(by, unit: Unit) -> None:
    if not can(by, Action.INSPECT) or not in_scope(by, unit):
        raise PermissionDenied


@transaction.atomic
def plan_create(
    *,
    year: int,
    title: str,
    subject: Unit,
    topics: list[str],
    team: list,
    starts_on: dt.date,
    ends_on: dt.date,
    period_to: dt.date,
    period_from: dt.date | None = None,
    decision_number: str = "",
    by,
) -> InspectionPlan:
    """Plan an inspection of `subject` by the user's unit; the team are users whose scope covers it."""
    _require(by, subject)
    if by.unit is None:
        raise PermissionDenied
    unknown = sorted(set(topics) - set(CHECKS))
    if not topics or unknown:
        raise InspectionError(_("Chọn ít nhất một nội dung kiểm tra trong danh mục."), field="topics")
    if ends_on < starts_on:
        raise InspectionError(_("Ngày kết thúc kiểm tra trước ngày bắt đầu."), field="ends_on")
    if period_from and period_from > period_to:
        raise InspectionError(_("Thời kỳ kiểm tra: ngày đầu sau ngày cuối."), field="period_from")
    outside = [u for u in team if not (can(u, Action.INSPECT) and in_scope(u, subject))]
    if outside:
        raise InspectionError(
            _("%(names)s không thuộc cán bộ kiểm tra có phạm vi bao gồm đơn vị được kiểm tra.")
            % {"names": ", ".join(u.get_full_name() or u.username for u in outside)},
            field="team",
        )
    plan = InspectionPlan(
        year=year,
        title=title.strip(),
        decision_number=decision_number.strip(),
        subject=subject,
        inspecting_unit=by.unit,
        topics=[c for c in CHECKS if c in set(topics)],
        starts_on=starts_on,
        ends_on=ends_on,
        period_from=period_from,
        period_to=period_to,
        created_by=by,
    )
    audit(plan, by).save()
    plan.team.set(team)
    return plan


def plan_run_start(plan: InspectionPlan, *, by) -> InspectionRun:
    """A pending run of the plan's topics over its subject and period (the caller queues its execution)."""
    _require(by, plan.subject)
    return inspection_run_create(
        checks=plan.topics,
        unit=plan.subject,
        period_from=plan.period_from,
        period_to=plan.period_to,
        trigger=RunTrigger.WEB,
        by=by,
        plan=plan,
    )


def plan_last_run(plan: InspectionPlan) -> InspectionRun | None:
    return plan.runs.filter(status=RunStatus.DONE).order_by("-created_at", "-pk").first()


def plan_findings(plan: InspectionPlan) -> QuerySet[Finding]:
    """The findings of the plan's last finished run, by check then unit."""
    run = plan_last_run(plan)
    if run is None:
        return Finding.objects.none()
    return (
        Finding.objects.filter(occurrences__run=run)
        .select_related("unit")
        .order_by("check_code", "unit__path", "pk")
    )


@transaction.atomic
def conclusion_save(
    plan: InspectionPlan,
    *,
    number: str,
    signed_on: dt.date,
    signed_by: str,
    signer_title: str,
    assessment: str,
    by,
) -> InspectionConclusion:
    """Write (or correct, in the audit trail) the plan's conclusion; only an inspector of the plan's scope,
    once a run of the plan has finished."""
    _require(by, plan.subject)
    if plan_last_run(plan) is None:
        raise InspectionError(_("Chạy kiểm tra theo kế hoạch trước khi kết luận."), code="no_run")
    if not (number.strip() and signed_by.strip() and assessment.strip()):
        raise InspectionError(_("Ghi số kết luận, người ký và nội dung nhận xét, đánh giá."))
    conclusion = getattr(plan, "conclusion", None) or InspectionConclusion(plan=plan, created_by=by)
    conclusion.number = number.strip()
    conclusion.signed_on = signed_on
    conclusion.signed_by = signed_by.strip()
    conclusion.signer_title = signer_title.strip()
    conclusion.assessment = assessment.strip()
    audit(conclusion, by).save()
    return conclusion


def recommendation_add(
    plan: InspectionPlan, *, unit: Unit, text: str, deadline: dt.date | None, by
) -> ConclusionRecommendation:
    """Add a recommendation (kiến nghị) of the conclusion to a unit of the subject's subtree."""
    _require(by, plan.subject)
    conclusion = getattr(plan, "conclusion", None)
    if conclusion is None:
        raise InspectionError(_("Ghi kết luận trước khi thêm kiến nghị."), code="no_conclusion")
    if not unit.path.startswith(plan.subject.path):
        raise InspectionError(
            _("%(unit)s không thuộc đơn vị được kiểm tra.") % {"unit": unit.name}, field="unit"
        )
    if not text.strip():
        raise InspectionError(_("Ghi nội dung kiến nghị."), field="text")
    recommendation = ConclusionRecommendation(
        conclusion=conclusion, unit=unit, text=text.strip(), deadline=deadline
    )
    audit(recommendation, by).save()
    return recommendation
