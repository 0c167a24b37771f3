"""Background tasks of the registry, where the task queue finds them: the roster import's, and the watch
that marks failed an import whose worker died (llct.heartbeat)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .roster_import.jobs import import_jobs_recover
from .roster_import.tasks import import_job_check, import_job_write

__all__ = ["import_job_check", "import_job_write", "import_jobs_watch"]


@db_periodic_task(crontab(minute="*"))
def import_jobs_watch() -> None:
    import_jobs_recover()
