"""Annual plans and their quotas: list and create, plan versus actual, quotas, approval, fixing."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from llct.accounts.permissions import Action, can
from llct.registry.models import Unit
from llct.registry.scope import scoped
from llct.training import exports, selectors
from llct.training.forms.planning import PlanApproveForm, PlanForm, QuotaForm
from llct.training.services import plans as plan_services
from llct.web.access import check, require
from llct.web.actions import act, submit
from llct.web.export import xlsx_response


@require(Action.VIEW)
def plan_list(request: HttpRequest) -> HttpResponse:
    form = None
    if can(request.user, Action.MANAGE_NOMINATIONS):
        form = PlanForm(request.POST or None, units=scoped(Unit.objects.all(), request.user, ""))
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if response := submit(
            request,
            form,
            lambda data: plan_services.plan_create(
                unit=data["unit"], year=data["year"], title=data["title"], by=request.user
            ),
            then=lambda plan: redirect("training:plan_detail", pk=plan.pk),
        ):
            return response
    return render(
        request, "training/plan_list.html", {"plans": selectors.plan_list(request.user), "form": form}
    )


# What each step of the plan page needs (the services check it again, with the plan's scope).
_STEP_ACTIONS = {"quota": Action.MANAGE_NOMINATIONS, "approve": Action.APPROVE, "fix": Action.APPROVE}


@require(Action.VIEW)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(selectors.plan_list(request.user), pk=pk)
    institutions = selectors.quota_institutions(plan)
    quota_form = QuotaForm(institutions=institutions)
    approve_form = PlanApproveForm()
    if request.method == "POST":
        step = request.POST.get("step")
        if step in _STEP_ACTIONS:
            check(request.user, _STEP_ACTIONS[step])  # 403 before the form is even read
        elif not any(can(request.user, action) for action in _STEP_ACTIONS.values()):
            raise PermissionDenied
        page = redirect("training:plan_detail", pk=plan.pk)
        response = None
        if step == "quota":
            quota_form = QuotaForm(request.POST, institutions=institutions)
            response = submit(
                request,
                quota_form,
                lambda d: plan_services.quota_set(plan=plan, **d, by=request.user),
                done=_("Đã lưu chỉ tiêu."),
                then=page,
            )
        elif step == "approve":
            approve_form = PlanApproveForm(request.POST)
            response = submit(
                request,
                approve_form,
                lambda d: plan_services.plan_approve(plan=plan, **d, by=request.user),
                done=_("Đã phê duyệt kế hoạch."),
                then=page,
            )
        elif step == "fix":
            response = act(request, lambda: plan_services.plan_fix(plan=plan, by=request.user), back=page)
        else:
            response = page
        if response:
            return response
    if request.GET.get("export") == "xlsx":
        title = _("%(plan)s — chỉ tiêu và thực hiện") % {"plan": plan}
        return xlsx_response(
            title, exports.plan_columns(), selectors.plan_actual(plan), f"ke-hoach-{plan.pk}"
        )
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
