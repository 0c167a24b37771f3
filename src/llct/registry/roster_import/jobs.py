"""Running an ImportJob: the check after upload, the write after confirmation, and its progress.

While the write runs inside its transaction the job row cannot show progress to other connections, so
the counts also go to the task queue's key-value store, which the progress page reads."""

import logging

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from llct.registry.models import Unit
from llct.roster import RosterError

from .models import ImportJob
from .services import roster_import

log = logging.getLogger(__name__)
MAX_STORED_PROBLEMS = 5_000


def import_job_create(*, user, unit: Unit, upload: UploadedFile) -> ImportJob:
    """Keep the uploaded file and open a job for it (checked next by the task queue)."""
    job = ImportJob(created_by=user, unit=unit, filename=upload.name[:255])
    job.file.save(upload.name, upload, save=False)
    job.save()
    return job


def _progress_key(job_id: int) -> str:
    return f"llct-import-progress-{job_id}"


def import_job_progress(job: ImportJob) -> tuple[int, int]:
    """(processed, total) of a job, the live figures while it writes."""
    if job.state == ImportJob.State.RUNNING:
        live = HUEY.get(_progress_key(job.pk), peek=True)
        if live:
            return live
    return job.processed, job.total


def import_job_process(job_id: int, *, write: bool) -> ImportJob:
    """Check (write=False) or check and write (write=True) the job's file, recording the outcome."""
    job = ImportJob.objects.select_related("created_by", "unit").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        HUEY.put(_progress_key(job.pk), (done, total))

    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        result = roster_import(
            data, job.filename, user=job.created_by, unit=job.unit, dry_run=not write, progress=progress
        )
    except RosterError as error:
        job.state, job.message, job.problems = ImportJob.State.INVALID, error.message, []
    except Exception:
        log.exception("roster import %s failed", job.pk)
        job.state = ImportJob.State.FAILED
        job.message = (
            "Lỗi khi ghi dữ liệu; không có thay đổi nào được lưu. Hãy thử lại hoặc báo quản trị viên."
        )
    else:
        job.total = result.total
        job.problem_count = len(result.problems)
        job.problems = [
            {"row": p.row, "column": p.column, "value": p.value, "reason": p.reason}
            for p in result.problems[:MAX_STORED_PROBLEMS]
        ]
        job.created, job.updated = result.created, result.updated
        if result.problems:
            job.state = ImportJob.State.INVALID
        elif result.written:
            job.state, job.processed = ImportJob.State.DONE, result.total
        else:
            job.state = ImportJob.State.VALID
    job.finished_at = timezone.now()
    job.save()
    HUEY.get(_progress_key(job.pk))  # drop the live figures
    return job
