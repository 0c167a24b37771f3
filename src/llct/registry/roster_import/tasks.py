"""Task-queue entry points of the roster import (long imports run outside the request)."""

from huey.contrib.djhuey import db_task

from .jobs import import_job_process


@db_task()
def import_job_check(job_id: int, language: str | None = None) -> None:
    import_job_process(job_id, write=False, language=language)


@db_task()
def import_job_write(job_id: int, language: str | None = None) -> None:
    import_job_process(job_id, write=True, language=language)
