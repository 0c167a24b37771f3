"""Background tasks of statistics (Huey)."""

from huey.contrib.djhuey import db_task

from .keeping import tallies_refresh
from .report_jobs import report_job_run


@db_task()
def tallies_refresh_task() -> None:
    """Sum again the classes waiting since their records changed (`keeping.tallies_refresh`)."""
    tallies_refresh()


@db_task()
def report_job_task(job_id: int, language: str | None = None) -> None:
    """Build a standard report asked from the statistics page (`report_jobs.report_job_run`)."""
    report_job_run(job_id, language)
