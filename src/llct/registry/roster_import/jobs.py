"""Running an ImportJob: the check after upload, the write after confirmation, their progress, and the
uploaded file's end.

While a job runs inside its transaction the job row cannot show progress to other connections, so the
figures go to the task queue's key-value store, which the progress page reads.

The uploaded file holds citizen IDs, so it is kept only while the job may still need it: it is deleted as
soon as the job is written, fails, turns out invalid (a corrected file is a new upload) or is abandoned,
and `import_jobs_cleanup` (`llct import-cleanup`) abandons jobs left unconfirmed. The job row and its
problem list stay."""

import contextlib
import datetime as dt
import errno
import logging
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey.contrib.djhuey import HUEY

from llct.errors import AppError
from llct.heartbeat import forget, heartbeat, worker_lost
from llct.registry.models import Unit
from llct.roster import Problem, RosterError

from .models import ImportJob, ImportProblem
from .services import roster_import

log = logging.getLogger(__name__)
MAX_VALUE_CHARS = 500  # of a problem's cell value as stored (a cell may be 130 kB)
WAITING = (ImportJob.State.CHECKING, ImportJob.State.VALID, ImportJob.State.RUNNING)


@dataclass(frozen=True)
class JobProgress:
    """Where a job is: stage "check" counts rows, stage "write" the write's steps."""

    stage: str
    done: int
    total: int

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


def import_job_create(*, user, unit: Unit, upload: UploadedFile) -> ImportJob:
    """Keep the uploaded file and open a job for it (checked next by the task queue). A data directory
    that is full or cannot be written gets an AppError saying so, and no partial file stays behind (an
    uploaded roster holds citizen IDs)."""
    job = ImportJob(created_by=user, unit=unit, filename=upload.name[:255])
    storage = job.file.storage
    name = storage.get_available_name(job.file.field.generate_filename(job, upload.name))
    try:
        job.file.name = storage.save(name, upload)
        job.save()
    except (OSError, DatabaseError) as error:
        log.error("roster upload not kept: %s", error)
        with contextlib.suppress(OSError):
            if storage.exists(name):
                storage.delete(name)
        raise AppError(_storage_message(error), field="file") from error
    return job


def _storage_message(error: Exception) -> str:
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return _(
            "Không lưu được tệp: ổ đĩa của máy chủ đã đầy. Không có gì được ghi; hãy báo quản trị viên giải "
            "phóng dung lượng rồi tải lên lại."
        )
    return _(
        "Không lưu được tệp: thư mục dữ liệu của máy chủ không ghi được (chỉ đọc, đầy hoặc thiếu quyền). "
        "Không có gì được ghi; hãy báo quản trị viên rồi tải lên lại."
    )


def _progress_key(job_id: int) -> str:
    return f"llct-import-progress-{job_id}"


def _heartbeat_name(job_id: int) -> str:
    return f"import-{job_id}"


def import_job_progress(job: ImportJob) -> JobProgress:
    """The live figures of a job that is checking or writing, else its final ones."""
    if job.state in (ImportJob.State.CHECKING, ImportJob.State.RUNNING):
        live = HUEY.get(_progress_key(job.pk), peek=True)
        if live:
            return JobProgress(*live)
    return JobProgress("check", job.total if job.finished else 0, job.total)


def import_job_confirm(job: ImportJob) -> bool:
    """Move a checked job without problems to RUNNING, once only; whether the caller should write it."""
    return bool(
        ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.VALID).update(
            state=ImportJob.State.RUNNING, processed=0
        )
    )


def import_job_process(job_id: int, *, write: bool, language: str | None = None) -> ImportJob:
    """Check (write=False) or check and write (write=True) the job's file, recording the outcome and every
    problem; messages in `language` (the uploader's)."""
    job = ImportJob.objects.select_related("created_by", "unit").get(pk=job_id)
    with translation.override(language), heartbeat(_heartbeat_name(job.pk)):
        _process(job, write=write)
    if job.state != ImportJob.State.VALID:
        import_job_release(job)
    HUEY.get(_progress_key(job.pk))  # drop the live figures
    return job


def _process(job: ImportJob, *, write: bool) -> None:
    def progress(stage: str, done: int, total: int) -> None:
        HUEY.put(_progress_key(job.pk), (stage, done, total))

    problems: list[Problem] = []
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        result = roster_import(
            data, job.filename, user=job.created_by, unit=job.unit, dry_run=not write, progress=progress
        )
    except RosterError as error:
        job.state, job.message = ImportJob.State.INVALID, error.message
    except Exception:
        log.exception("roster import %s failed", job.pk)
        job.state = ImportJob.State.FAILED
        job.message = _(
            "Lỗi khi ghi dữ liệu; không có thay đổi nào được lưu. Hãy thử lại hoặc báo quản trị viên."
        )
    else:
        problems = result.problems
        job.total = result.total
        job.created, job.updated = result.created, result.updated
        if problems:
            job.state = ImportJob.State.INVALID
        elif result.written:
            job.state, job.processed = ImportJob.State.DONE, result.total
        else:
            job.state = ImportJob.State.VALID
    job.problem_count = len(problems)
    job.finished_at = timezone.now()
    with transaction.atomic():
        job.save()
        job.problems.all().delete()
        ImportProblem.objects.bulk_create(
            (
                ImportProblem(
                    job=job, row=p.row, column=p.column[:255], value=_shortened(p.value), reason=p.reason
                )
                for p in problems
            ),
            batch_size=2_000,
        )


def _shortened(value: str) -> str:
    return value if len(value) <= MAX_VALUE_CHARS else value[:MAX_VALUE_CHARS] + "…"


def import_job_recover(job: ImportJob) -> bool:
    """Mark failed a job that was checking or writing when its worker died (its heartbeat went stale):
    the write is one transaction, so nothing of it was kept, and the file is deleted like any failed
    job's; the message says to upload it again. Whether the job was recovered."""
    if job.finished or not worker_lost(_heartbeat_name(job.pk)):
        return False
    message = _(
        "Tiến trình xử lý bị dừng giữa chừng (máy chủ khởi động lại hoặc gặp sự cố); không có thay đổi nào "
        "được lưu. Hãy tải tệp lên lại để chạy lại lần nhập."
    )
    failed = ImportJob.objects.filter(pk=job.pk, state=job.state).update(
        state=ImportJob.State.FAILED, finished_at=timezone.now(), message=message
    )
    if failed:
        job.refresh_from_db()
        import_job_release(job)
        forget(_heartbeat_name(job.pk))
        HUEY.get(_progress_key(job.pk))
        log.warning("roster import %s lost its worker: marked failed", job.pk)
    return bool(failed)


def import_jobs_recover() -> int:
    """`import_job_recover` for every job checking or writing; how many were marked failed."""
    running = ImportJob.objects.filter(state__in=(ImportJob.State.CHECKING, ImportJob.State.RUNNING))
    return sum(import_job_recover(job) for job in running)


def import_job_release(job: ImportJob) -> None:
    """Delete the job's uploaded file (it holds citizen IDs); the job and its problems stay."""
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")


def import_job_abandon(job: ImportJob) -> bool:
    """Abandon a checked job that was not confirmed, deleting its file; whether it was abandoned."""
    abandoned = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.VALID).update(
        state=ImportJob.State.ABANDONED, finished_at=timezone.now()
    )
    if abandoned:
        import_job_release(job)
    return bool(abandoned)


def import_jobs_cleanup(*, older_than: dt.timedelta) -> tuple[int, int]:
    """Delete every uploaded file no job needs any more (and any file no job names at all), and abandon the
    jobs left waiting (unconfirmed, or stuck checking or writing after their worker stopped) for longer
    than `older_than`; (jobs abandoned, files deleted)."""
    stale = ImportJob.objects.filter(state__in=WAITING, created_at__lt=timezone.now() - older_than)
    abandoned = stale.update(
        state=ImportJob.State.ABANDONED,
        finished_at=timezone.now(),
        message=_("Bị hủy vì không được xác nhận hoặc không chạy xong trong thời hạn; hãy tải tệp lên lại."),
    )
    released = 0
    for job in ImportJob.objects.exclude(file="").exclude(state__in=WAITING):
        import_job_release(job)
        released += 1
    return abandoned, released + _orphans_delete()


def _orphans_delete() -> int:
    """Delete the uploaded files that no job names (left by a crash between the file and its job)."""
    storage = ImportJob._meta.get_field("file").storage
    kept = set(ImportJob.objects.exclude(file="").values_list("file", flat=True))
    deleted = 0
    folders = ["imports"]
    while folders:
        folder = folders.pop()
        if not storage.exists(folder):
            continue
        subfolders, files = storage.listdir(folder)
        folders += [f"{folder}/{sub}" for sub in subfolders]
        for name in (f"{folder}/{file}" for file in files):
            if name not in kept:
                storage.delete(name)
                deleted += 1
    return deleted
