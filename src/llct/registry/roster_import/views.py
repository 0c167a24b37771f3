"""Roster import pages (upload, check result, confirmation, progress) and the cadre list export.
Views only translate: the work is in `jobs`, `services` and `export`."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from llct.accounts.permissions import Action, can
from llct.accounts.scope import scoped
from llct.registry.filtersets import CadreFilterSet

from .check import units_in_scope
from .export import roster_export
from .forms import RosterUploadForm
from .jobs import import_job_create, import_job_progress
from .models import ImportJob
from .tasks import import_job_check, import_job_write

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_PROBLEMS = 1_000


def _require(request: HttpRequest, action: Action) -> None:
    if not can(request.user, action):
        raise PermissionDenied


def _job(request: HttpRequest, pk: int) -> ImportJob:
    return get_object_or_404(scoped(ImportJob.objects.select_related("unit"), request.user), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest) -> HttpResponse:
    _require(request, Action.EDIT_REGISTRY)
    units = units_in_scope(request.user).valid_on(timezone.localdate())
    if request.method == "POST":
        unit_id = request.POST.get("unit")
        if (
            unit_id
            and not units_in_scope(request.user).filter(pk=unit_id if unit_id.isdigit() else 0).exists()
        ):
            raise Http404
        form = RosterUploadForm(request.POST, request.FILES, units=units)
        if form.is_valid():
            job = import_job_create(
                user=request.user, unit=form.cleaned_data["unit"], upload=form.cleaned_data["file"]
            )
            import_job_check(job.pk)
            return redirect("roster:import_detail", pk=job.pk)
    else:
        initial = {"unit": request.user.unit_id} if units.filter(pk=request.user.unit_id).exists() else {}
        form = RosterUploadForm(initial=initial, units=units)
    jobs = scoped(ImportJob.objects.select_related("unit"), request.user)[:10]
    return render(request, "registry/roster_import/start.html", {"form": form, "jobs": jobs})


@login_required
@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Action.EDIT_REGISTRY)
    job = _job(request, pk)
    return render(
        request,
        "registry/roster_import/detail.html",
        {"job": job, "problems": job.problems[:SHOWN_PROBLEMS], "progress": import_job_progress(job)},
    )


@login_required
@require_GET
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment polled by htmx; once the job has finished the whole page reloads."""
    _require(request, Action.EDIT_REGISTRY)
    job = _job(request, pk)
    response = render(
        request, "registry/roster_import/_progress.html", {"job": job, "progress": import_job_progress(job)}
    )
    if job.finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, Action.EDIT_REGISTRY)
    job = _job(request, pk)
    updated = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.VALID).update(
        state=ImportJob.State.RUNNING, processed=0
    )
    if updated:  # only a checked file without problems, and only once
        import_job_write(job.pk)
    return redirect("roster:import_detail", pk=job.pk)


@login_required
@require_GET
def cadre_export(request: HttpRequest) -> HttpResponse:
    """The cadre list with the list page's filters, as an .xlsx roster."""
    _require(request, Action.VIEW)
    cadres = CadreFilterSet(request.GET or None, user=request.user).queryset()
    data = roster_export(cadres, personal=can(request.user, Action.SEE_PERSONAL_DATA))
    response = HttpResponse(data, content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="danh-sach-can-bo-{stamp}.xlsx"'
    return response
