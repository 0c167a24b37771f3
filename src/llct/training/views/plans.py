"""Annual plans and their quotas: list and create, plan versus actual, quotas, approval, fixing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from llct.accounts.permissions import Action, can
from llct.registry.models import Unit
from llct.registry.scope import scoped
from llct.training import selectors
from llct.training.forms.planning import PlanApproveForm, PlanForm, QuotaForm
from llct.training.services import plans as plan_services
from llct.training.services.errors import TrainingRuleError

from .common import refused, run, viewer


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    viewer(request)
    form = None
    if can(request.user, Action.MANAGE_NOMINATIONS):
        form = PlanForm(request.POST or None, units=scoped(Unit.objects.all(), request.user, ""))
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        created = {}

        def create(data):
            created["plan"] = plan_services.plan_create(
                unit=data["unit"], year=data["year"], title=data["title"], by=request.user
            )

        if run(form, create):
            return redirect("training:plan_detail", pk=created["plan"].pk)
    return render(
        request, "training/plan_list.html", {"plans": selectors.plan_list(request.user), "form": form}
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer(request)
    plan = get_object_or_404(selectors.plan_list(request.user), pk=pk)
    institutions = selectors.quota_institutions(plan)
    quota_form = QuotaForm(institutions=institutions)
    approve_form = PlanApproveForm()
    if request.method == "POST":
        step = request.POST.get("step")
        if step == "quota":
            quota_form = QuotaForm(request.POST, institutions=institutions)
            if run(quota_form, lambda d: plan_services.quota_set(plan=plan, **d, by=request.user)):
                messages.success(request, _("Đã lưu chỉ tiêu."))
                return redirect("training:plan_detail", pk=plan.pk)
        elif step == "approve":
            approve_form = PlanApproveForm(request.POST)
            if run(approve_form, lambda d: plan_services.plan_approve(plan=plan, **d, by=request.user)):
                messages.success(request, _("Đã phê duyệt kế hoạch."))
                return redirect("training:plan_detail", pk=plan.pk)
        elif step == "fix":
            try:
                plan_services.plan_fix(plan=plan, by=request.user)
            except TrainingRuleError as error:
                refused(request, error)
            return redirect("training:plan_detail", pk=plan.pk)
        else:
            return redirect("training:plan_detail", pk=plan.pk)
    return render(
        request,
        "training/plan_detail.html",
        {
            "plan": plan,
            "rows": selectors.plan_actual(plan),
            "quota_form": quota_form,
            "approve_form": approve_form,
            "drafters": plan_services.plan_drafters(plan),
        },
    )
