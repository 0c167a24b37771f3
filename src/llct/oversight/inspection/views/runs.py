"""Runs: the overview of the subtree's findings, the run list with the form that starts one (a task with
progress), a run's page with its comparison to the previous run, its progress fragment and its export."""

from django.contrib import messages
from django.db.models import Count, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from llct.accounts.permissions import Action, can
from llct.oversight.inspection import export
from llct.oversight.inspection.checks import CHECKS
from llct.oversight.inspection.findings import findings_visible
from llct.oversight.inspection.forms import RunForm
from llct.oversight.inspection.runs import (
    InspectionError,
    inspection_run_create,
    occurrences_visible,
    run_compare,
    runs_visible,
)
from llct.oversight.inspection.tasks import inspection_run_task
from llct.oversight.models import FindingStatus, RunTrigger
from llct.web.access import require

from .common import XLSX, download, units_in_scope

OPEN = [FindingStatus.OPEN, FindingStatus.EXPLAINED, FindingStatus.REMEDIATION]


def overview_rows(user) -> list[dict]:
    """Open findings of the scope by check and responsible unit, with their ageing (days since first found)
    and the remediations past their deadline: one grouped query."""
    now = timezone.now()
    day = timezone.timedelta(days=1)
    rows = (
        findings_visible(user)
        .filter(status__in=OPEN)
        .values("check_code", "unit_id", "unit__code", "unit__name")
        .annotate(
            open=Count("pk"),
            waiting=Count("pk", filter=Q(status=FindingStatus.OPEN)),
            up_to_30=Count("pk", filter=Q(first_found_at__gte=now - 30 * day)),
            up_to_90=Count(
                "pk", filter=Q(first_found_at__lt=now - 30 * day, first_found_at__gte=now - 90 * day)
            ),
            older=Count("pk", filter=Q(first_found_at__lt=now - 90 * day)),
            overdue=Count(
                "pk", filter=Q(status=FindingStatus.REMEDIATION, deadline__lt=timezone.localdate())
            ),
            oldest=Min("first_found_at"),
        )
        .order_by("check_code", "unit__code")
    )
    for row in rows:
        check = CHECKS.get(row["check_code"])
        row["title"] = check.title if check else row["check_code"]
        row["age"] = (now - row["oldest"]).days
    return list(rows)


@require(Action.VIEW)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    rows = overview_rows(request.user)
    context = {
        "rows": rows,
        "totals": {k: sum(r[k] for r in rows) for k in ("open", "waiting", "overdue")},
        "checks": CHECKS,
        "runs": runs_visible(request.user)[:5],
    }
    return render(request, "oversight/inspection/overview.html", context)


@require(Action.VIEW)
@require_http_methods(["GET", "POST"])
def run_list(request: HttpRequest) -> HttpResponse:
    form = None
    if can(request.user, Action.INSPECT):
        form = RunForm(request.POST or None, units=units_in_scope(request.user))
    if request.method == "POST":
        if form is None:
            return HttpResponse(status=403)
        if form.is_valid():
            data = form.cleaned_data
            try:
                run = inspection_run_create(
                    checks=data["checks"],
                    unit=data["unit"],
                    period_from=data["period_from"],
                    period_to=data["period_to"],
                    trigger=RunTrigger.WEB,
                    by=request.user,
                )
            except InspectionError as error:
                form.add_error(error.field if error.field in form.fields else None, error.messages)
            else:
                inspection_run_task(run.pk)
                messages.success(request, _("Đã bắt đầu chạy kiểm tra."))
                return redirect("inspection:run_detail", pk=run.pk)
    runs = runs_visible(request.user)[:100]
    return render(request, "oversight/inspection/run_list.html", {"form": form, "runs": runs})


def _run(request: HttpRequest, pk: int):
    return get_object_or_404(runs_visible(request.user), pk=pk)


@require(Action.VIEW)
@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    comparison = run_compare(run, request.user) if run.finished else None
    checks = [(code, CHECKS[code], run.counts.get(code)) for code in run.checks if code in CHECKS]
    return render(
        request,
        "oversight/inspection/run_detail.html",
        {"run": run, "comparison": comparison, "checks": checks},
    )


@require(Action.VIEW)
@require_GET
def run_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment polled by htmx; once the run has finished the page reloads."""
    run = _run(request, pk)
    response = render(request, "oversight/inspection/_run_progress.html", {"run": run})
    if run.finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require(Action.VIEW)
@require_GET
def run_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The run's findings in the user's scope, as that run read them: .xlsx, or CSV with ?format=csv."""
    run = _run(request, pk)
    rows = export.occurrence_rows(occurrences_visible(run, request.user).order_by("pk"))
    if request.GET.get("format") == "csv":
        return download(export.rows_csv(rows), "text/csv; charset=utf-8", f"kiem-tra-{run.pk}.csv")
    return download(export.rows_xlsx(rows, _("Phát hiện")), XLSX, f"kiem-tra-{run.pk}.xlsx")
