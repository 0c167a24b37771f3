"""Roster import pages (upload, check result, confirmation, abandonment, progress, the full problem list)
and the cadre list export. Views only translate: the work is in `jobs`, `services` and `export`."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from llct.accounts.permissions import Action, can
from llct.registry.filtersets import CadreFilterSet
from llct.registry.scope import scoped
from llct.web.access import require
from llct.web.actions import submit

from .export import problems_export, roster_export
from .forms import RosterUploadForm
from .jobs import (
    import_job_abandon,
    import_job_confirm,
    import_job_create,
    import_job_progress,
    import_job_recover,
)
from .models import ImportJob
from .tasks import import_job_check, import_job_write
from .template import roster_template
from .units import units_in_scope

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_PROBLEMS = 1_000


def _job(request: HttpRequest, pk: int) -> ImportJob:
    """The job, marked failed first when its worker died (the page then says so)."""
    job = get_object_or_404(scoped(ImportJob.objects.select_related("unit"), request.user), pk=pk)
    if import_job_recover(job):
        job.refresh_from_db()
    return job


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require(Action.EDIT_REGISTRY)
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    units = units_in_scope(request.user).valid_on(timezone.localdate())
    if request.method == "POST":
        unit_id = request.POST.get("unit")
        if (
            unit_id
            and not units_in_scope(request.user).filter(pk=unit_id if unit_id.isdigit() else 0).exists()
        ):
            raise Http404
        form = RosterUploadForm(request.POST, request.FILES, units=units)
        response = submit(
            request,
            form,
            lambda data: import_job_create(user=request.user, unit=data["unit"], upload=data["file"]),
            then=_checked,
        )
        if response:
            return response
    else:
        initial = {"unit": request.user.unit_id} if units.filter(pk=request.user.unit_id).exists() else {}
        form = RosterUploadForm(initial=initial, units=units)
    jobs = scoped(ImportJob.objects.select_related("unit"), request.user)[:10]
    return render(request, "registry/roster_import/start.html", {"form": form, "jobs": jobs})


def _checked(job: ImportJob) -> HttpResponse:
    import_job_check(job.pk, get_language())
    return redirect("roster:import_detail", pk=job.pk)


@require(Action.EDIT_REGISTRY)
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    problems = list(job.problems.values_list("row", "column", "value", "reason")[:SHOWN_PROBLEMS])
    context = {
        "job": job,
        "problems": problems,
        "more_problems": job.problem_count - len(problems),
        "progress": import_job_progress(job),
    }
    return render(request, "registry/roster_import/detail.html", context)


@require(Action.EDIT_REGISTRY)
@require_GET
def import_problems(request: HttpRequest, pk: int) -> HttpResponse:
    """Every problem of the job as an .xlsx sheet (the page shows the first SHOWN_PROBLEMS)."""
    job = _job(request, pk)
    data = problems_export(job.problems.values_list("row", "column", "value", "reason").iterator())
    return _xlsx(data, f"loi-nhap-danh-sach-{job.pk}.xlsx")


@require(Action.EDIT_REGISTRY)
@require_GET
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment polled by htmx; once the job has finished the whole page reloads."""
    job = _job(request, pk)
    response = render(
        request, "registry/roster_import/_progress.html", {"job": job, "progress": import_job_progress(job)}
    )
    if job.finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require(Action.EDIT_REGISTRY)
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if import_job_confirm(job):  # only a checked file without problems, and only once
        import_job_write(job.pk, get_language())
    return redirect("roster:import_detail", pk=job.pk)


@require(Action.EDIT_REGISTRY)
@require_POST
def import_abandon(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if import_job_abandon(job):
        messages.success(request, _("Đã hủy lần nhập này; tệp tải lên đã được xóa, không ghi gì vào hồ sơ."))
    return redirect("roster:import_detail", pk=job.pk)


@require(Action.VIEW)
@require_GET
def cadre_export(request: HttpRequest) -> HttpResponse:
    """The cadre list with the list page's filters, as an .xlsx roster."""
    cadres = CadreFilterSet(request.GET or None, user=request.user).queryset()
    data = roster_export(cadres, personal=can(request.user, Action.SEE_PERSONAL_DATA))
    return _xlsx(data, f"danh-sach-can-bo-{timezone.localdate():%Y%m%d}.xlsx")


@require(Action.EDIT_REGISTRY)
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The empty roster with its columns, an example row and the column guide (.xlsx)."""
    response = HttpResponse(roster_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-can-bo.xlsx"'
    return response
