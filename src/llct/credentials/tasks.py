"""Background tasks of credentials (Huey)."""

from huey.contrib.djhuey import db_task

from llct.credentials.services.issue import issue_job_run


@db_task()
def issue_job_task(job_id: int) -> None:
    """Run the bulk issue of one class (see `issue_job_run`)."""
    issue_job_run(job_id)
