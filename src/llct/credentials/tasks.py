"""Background tasks of credentials (Huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from llct.credentials.services.issue import issue_job_run, issue_jobs_recover


@db_task()
def issue_job_task(job_id: int) -> None:
    """Run the bulk issue of one class (see `issue_job_run`)."""
    issue_job_run(job_id)


@db_periodic_task(crontab(minute="*"))
def issue_jobs_watch() -> None:
    """Resume every bulk issue whose worker died (see `issue_jobs_recover`)."""
    issue_jobs_recover()
