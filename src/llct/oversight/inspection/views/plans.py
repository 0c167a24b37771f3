"""Inspection plans: the list with the planning form, a plan's page (its run, findings, conclusion and
recommendations), and the conclusion as PDF and .xlsx."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from llct.accounts.permissions import Action, can
from llct.oversight.inspection import conclusion as documents
from llct.oversight.inspection.checks import CHECKS
from llct.oversight.inspection.forms import ConclusionForm, PlanForm, RecommendationForm, inspectors_in
from llct.oversight.inspection.plans import (
    conclusion_save,
    plan_create,
    plan_findings,
    plan_last_run,
    plan_run_start,
    plans_visible,
    recommendation_add,
)
from llct.oversight.inspection.runs import InspectionError
from llct.oversight.inspection.tasks import inspection_run_task
from llct.web.access import require

from .common import XLSX, download, refused, units_in_scope


def _plan_form(request: HttpRequest) -> PlanForm:
    units = units_in_scope(request.user)
    return PlanForm(request.POST or None, units=units, inspectors=inspectors_in(units))


@require(Action.VIEW)
@require_http_methods(["GET", "POST"])
def plan_list(request: HttpRequest) -> HttpResponse:
    form = _plan_form(request) if can(request.user, Action.INSPECT) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan = plan_create(**{**data, "team": list(data["team"])}, by=request.user)
            except InspectionError as error:
                form.add_error(error.field if error.field in form.fields else None, error.messages)
            else:
                messages.success(request, _("Đã lập kế hoạch kiểm tra."))
                return redirect("inspection:plan_detail", pk=plan.pk)
    plans = plans_visible(request.user)[:200]
    return render(request, "oversight/inspection/plan_list.html", {"form": form, "plans": plans})


def _forms(request: HttpRequest, plan, post=None) -> dict:
    conclusion = getattr(plan, "conclusion", None)
    initial = (
        {
            "number": conclusion.number,
            "signed_on": conclusion.signed_on,
            "signed_by": conclusion.signed_by,
            "signer_title": conclusion.signer_title,
            "assessment": conclusion.assessment,
        }
        if conclusion
        else {"signer_title": _("Trưởng đoàn kiểm tra")}
    )
    units = units_in_scope(request.user).filter(path__startswith=plan.subject.path)
    return {
        "conclusion_form": ConclusionForm(
            post if post and post.get("action") == "conclude" else None, initial=initial
        ),
        "recommendation_form": RecommendationForm(
            post if post and post.get("action") == "recommend" else None, units=units
        ),
    }


@require(Action.VIEW)
@require_http_methods(["GET", "POST"])
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible(request.user), pk=pk)
    forms = _forms(request, plan, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can(request.user, Action.INSPECT):
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "run":
                run = plan_run_start(plan, by=request.user)
                inspection_run_task(run.pk)
                return redirect("inspection:run_detail", pk=run.pk)
            if action == "conclude" and forms["conclusion_form"].is_valid():
                conclusion_save(plan, **forms["conclusion_form"].cleaned_data, by=request.user)
                messages.success(request, _("Đã ghi kết luận kiểm tra."))
                return redirect("inspection:plan_detail", pk=plan.pk)
            if action == "recommend" and forms["recommendation_form"].is_valid():
                recommendation_add(plan, **forms["recommendation_form"].cleaned_data, by=request.user)
                return redirect("inspection:plan_detail", pk=plan.pk)
        except InspectionError as error:
            refused(request, error)
            return redirect("inspection:plan_detail", pk=plan.pk)
    conclusion = getattr(plan, "conclusion", None)
    context = {
        "plan": plan,
        "topics": [CHECKS[c] for c in plan.topics if c in CHECKS],
        "runs": plan.runs.order_by("-created_at")[:10],
        "last_run": plan_last_run(plan),
        "findings": plan_findings(plan),
        "conclusion": conclusion,
        "recommendations": conclusion.recommendations.select_related("unit") if conclusion else [],
        "may_inspect": can(request.user, Action.INSPECT),
        **forms,
    }
    return render(request, "oversight/inspection/plan_detail.html", context)


@require(Action.VIEW)
@require_GET
def conclusion_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible(request.user), pk=pk)
    return download(documents.conclusion_pdf(plan), "application/pdf", f"ket-luan-kiem-tra-{plan.pk}.pdf")


@require(Action.VIEW)
@require_GET
def conclusion_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible(request.user), pk=pk)
    return download(documents.conclusion_xlsx(plan), XLSX, f"ket-luan-kiem-tra-{plan.pk}.xlsx")
