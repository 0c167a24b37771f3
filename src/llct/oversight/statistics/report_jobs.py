"""Standard reports made by the task queue, with their progress: the page asks (`report_job_start`), the
queue builds the report section by section and writes its file (`report_job_run`), and the job's page
polls how far it got (`report_job_progress`), as roster imports do.

While the job runs, its progress is in the task queue's key-value store (the job row is written only at
the start and the end). The report is counted over the scope of the user who asked, read again when the
job runs."""

import io
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey.contrib.djhuey import HUEY

from llct.errors import AppError
from llct.oversight.models import ReportJob
from llct.registry.models import Unit
from llct.registry.scope import scope_paths

from .choices import ReportFormat, ReportJobState, UnitsAs
from .engine import UnitOutOfScope
from .report_files import report_csv, report_pdf, report_xlsx
from .reports import layouts, report_build

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportProgress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


def _key(job_id: int) -> str:
    return f"llct-report-progress-{job_id}"


def report_job_start(user, *, report: str, year: int, unit: str, units: str, fmt: str) -> ReportJob:
    """Open a job for a standard report of the user's scope (or of a unit in it) and queue it once the
    transaction commits. AppError for an unknown report, format or counting of units; UnitOutOfScope
    for a unit outside the scope."""
    if report not in layouts():
        raise AppError(_("Không có báo cáo %(code)s.") % {"code": report}, field="report")
    if fmt not in ReportFormat.values or units not in UnitsAs.values:
        raise AppError(_("Định dạng hoặc cách tính đơn vị không đúng."), field="format")
    paths = scope_paths(user)
    if unit:
        root = Unit.objects.filter(code=unit).first()
        if root is None or not any(root.path.startswith(p) for p in paths):
            raise UnitOutOfScope(_("Không có đơn vị %(code)s trong phạm vi của bạn.") % {"code": unit})
    else:
        root = user.unit or Unit.objects.filter(depth=1).order_by("path").first()
    job = ReportJob.objects.create(
        created_by=user, report=report, year=year, unit=root, whole_scope=not unit, units=units, format=fmt
    )
    from .tasks import report_job_task

    language = translation.get_language()
    transaction.on_commit(lambda: report_job_task(job.pk, language))
    return job


def report_job_progress(job: ReportJob) -> ReportProgress:
    """The live figures of a running job, else its final ones."""
    total = len(layouts()[job.report].sections) if job.report in layouts() else 0
    if job.state == ReportJobState.RUNNING:
        live = HUEY.get(_key(job.pk), peek=True)
        if live:
            return ReportProgress(*live)
    return ReportProgress(total if job.state == ReportJobState.DONE else 0, total)


def _write(report, fmt: str) -> bytes:
    if fmt == ReportFormat.PDF:
        return report_pdf(report)
    if fmt == ReportFormat.XLSX:
        target = io.BytesIO()
        report_xlsx(report, target)
        return target.getvalue()
    text = io.StringIO()
    report_csv(report, text)
    return text.getvalue().encode("utf-8")


def report_job_run(job_id: int, language: str | None = None) -> ReportJob:
    """Build the job's report and keep its file; a failure is recorded with a message, never raised."""
    job = ReportJob.objects.select_related("created_by", "unit").get(pk=job_id)
    ReportJob.objects.filter(pk=job.pk).update(state=ReportJobState.RUNNING)
    job.state = ReportJobState.RUNNING

    def progress(done: int, total: int) -> None:
        HUEY.put(_key(job.pk), (done, total))

    try:
        with translation.override(language):
            report = report_build(
                job.report,
                job.year,
                scope_paths(job.created_by),
                unit="" if job.whole_scope else job.unit.code,
                units=job.units,
                progress=progress,
            )
            data = _write(report, job.format)
    except AppError as error:
        job.state, job.message = ReportJobState.FAILED, error.messages[0]
    except Exception:
        log.exception("report job %s failed", job.pk)
        job.state = ReportJobState.FAILED
        job.message = _("Lỗi khi lập báo cáo. Hãy thử lại hoặc báo quản trị viên.")
    else:
        job.file.save(f"{job.report}-{job.year}.{job.format}", ContentFile(data), save=False)
        job.state = ReportJobState.DONE
    job.finished_at = timezone.now()
    job.save()
    HUEY.get(_key(job.pk))  # drop the live figures
    return job
