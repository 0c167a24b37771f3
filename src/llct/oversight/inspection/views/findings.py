"""Findings: the list with its filters (check, unit, status, overdue remediation) and export, a finding's
page with the runs that found it, its log and the forms of the steps the user may take, and attachments."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from llct.accounts.permissions import Action
from llct.oversight.inspection import export
from llct.oversight.inspection.checks import CHECKS
from llct.oversight.inspection.findings import (
    TRANSITIONS,
    InspectionError,
    allowed_transitions,
    finding_transition,
    findings_visible,
)
from llct.oversight.inspection.forms import StepForm
from llct.oversight.models import FindingAttachment, FindingStatus
from llct.web.access import require
from llct.web.paging import TwoEndedPaginator

from .common import XLSX, download, int_or_zero, refused, units_in_scope

PER_PAGE = 100


def filtered(request: HttpRequest):
    """The user's findings with the list's filters applied, oldest open first."""
    findings = findings_visible(request.user)
    get = request.GET
    if get.get("check") in CHECKS:
        findings = findings.filter(check_code=get["check"])
    if get.get("status") in FindingStatus.values:
        findings = findings.filter(status=get["status"])
    elif get.get("status") == "open":
        findings = findings.filter(
            status__in=[FindingStatus.OPEN, FindingStatus.EXPLAINED, FindingStatus.REMEDIATION]
        )
    if get.get("unit"):
        unit = units_in_scope(request.user).filter(pk=int_or_zero(get["unit"])).first()
        findings = findings.filter(unit__path__startswith=unit.path) if unit else findings.none()
    if get.get("overdue"):
        findings = findings.filter(status=FindingStatus.REMEDIATION, deadline__lt=timezone.localdate())
    return findings.order_by("first_found_at", "pk")


@require(Action.VIEW)
@require_GET
def finding_list(request: HttpRequest) -> HttpResponse:
    page = TwoEndedPaginator(filtered(request), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "checks": CHECKS,
        "statuses": FindingStatus.choices,
        "units": units_in_scope(request.user)[:500],
        "query": request.GET.urlencode(),
        "today": timezone.localdate(),
    }
    return render(request, "oversight/inspection/finding_list.html", context)


@require(Action.VIEW)
@require_GET
def finding_export(request: HttpRequest) -> HttpResponse:
    rows = export.finding_rows(filtered(request).select_related("unit"))
    return download(
        export.rows_xlsx(rows, _("Phát hiện")), XLSX, f"phat-hien-{timezone.localdate():%Y%m%d}.xlsx"
    )


@require(Action.VIEW)
@require_http_methods(["GET", "POST"])
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(findings_visible(request.user), pk=pk)
    if request.method == "POST":
        name = request.POST.get("transition", "")
        if name not in TRANSITIONS:
            raise Http404
        form = StepForm(request.POST)
        if form.is_valid():
            try:
                finding_transition(
                    finding,
                    name,
                    by=request.user,
                    text=form.cleaned_data["text"],
                    deadline=form.cleaned_data["deadline"],
                    files=request.FILES.getlist("files"),
                )
            except InspectionError as error:
                refused(request, error)
        else:
            refused(request, form.errors.as_data().popitem()[1][0])
        return redirect("inspection:finding_detail", pk=finding.pk)
    context = {
        "finding": finding,
        "check": CHECKS.get(finding.check_code),
        "transitions": allowed_transitions(finding, request.user),
        "log": finding.log.select_related("by", "run").prefetch_related("attachments"),
        "occurrences": finding.occurrences.select_related("run").order_by("-run__created_at")[:20],
        "overdue": finding.status == FindingStatus.REMEDIATION
        and finding.deadline is not None
        and finding.deadline < timezone.localdate(),
    }
    return render(request, "oversight/inspection/finding_detail.html", context)


@require(Action.VIEW)
@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    found = get_object_or_404(
        FindingAttachment.objects.filter(log__finding__in=findings_visible(request.user)), pk=pk
    )
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
