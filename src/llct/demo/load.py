"""Everything `llct demo` loads into an empty database, in the order data flows through the system:
the rules catalogue, the province and its cadres, their training since 2019 and its documents, today's
classes at every stage and their documents, then the posts held without the level they require."""

import datetime as dt
import time

from django.db import transaction

from llct.oversight.inspection.runs import inspection_run_create, inspection_run_execute
from llct.oversight.inspection.standards import post_standards_seed
from llct.oversight.models import RunTrigger
from llct.training.models import TrainingClass

from .credentials import credentials_demo_load
from .history.load import demo_history_load
from .history.violations import post_level_missing
from .province import DemoSummary, demo_province_load
from .training import STAGE_PREFIX, training_demo_load


@transaction.atomic
def demo_load(size: int = 5000, seed: int = 0, as_of: dt.date | None = None) -> DemoSummary:
    """Load the demo province (which seeds the rules catalogue), its history, today's training and its
    credentials. Deterministic for `seed` and `as_of` (default today)."""
    started = time.perf_counter()
    as_of = as_of or dt.date.today()
    summary = demo_province_load(size=size, seed=seed, as_of=as_of)
    demo_history_load(seed=seed, as_of=as_of)
    training_demo_load(summary, seed=seed, today=as_of)
    credentials_demo_load(classes=TrainingClass.objects.filter(code__startswith=STAGE_PREFIX))
    post_level_missing(as_of)
    supervision_run(as_of)
    summary.seconds = time.perf_counter() - started
    return summary


def supervision_run(as_of: dt.date) -> None:
    """What the first night would do: the post-standards table seeded and every check run over the whole
    database, so an inspector trying the demo finds its open findings at once."""
    post_standards_seed()
    run = inspection_run_create(
        checks=None, unit=None, period_from=None, period_to=as_of, trigger=RunTrigger.NIGHTLY
    )
    inspection_run_execute(run.pk)
