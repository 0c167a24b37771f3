"""Everything `llct demo` loads into an empty database, in the order data flows through the system:
the rules catalogue, the province and its cadres, training at every stage, then the documents issued."""

import datetime as dt

from django.db import transaction

from .credentials import credentials_demo_load
from .province import DemoSummary, demo_province_load
from .training import training_demo_load


@transaction.atomic
def demo_load(size: int = 5000, seed: int = 0, as_of: dt.date | None = None) -> DemoSummary:
    """Load the demo province (which seeds the rules catalogue), its training and its credentials."""
    summary = demo_province_load(size=size, seed=seed, as_of=as_of)
    training_demo_load(summary, seed=seed, today=as_of)
    credentials_demo_load()
    return summary
