"""Background tasks of inspection (Huey): a run started from the web, and the nightly supervision run of
every check over the whole database."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from llct.oversight.models import RunTrigger

from .runs import inspection_run_create, inspection_run_execute


@db_task()
def inspection_run_task(run_id: int) -> None:
    inspection_run_execute(run_id)


# 02:15 in Vietnam (UTC+7): Huey reads crontabs in UTC.
@db_periodic_task(crontab(hour="19", minute="15"))
def inspection_nightly() -> None:
    """Every night: every check over the whole database up to today (supervision)."""
    run = inspection_run_create(
        checks=None, unit=None, period_from=None, period_to=timezone.localdate(), trigger=RunTrigger.NIGHTLY
    )
    inspection_run_execute(run.pk)
