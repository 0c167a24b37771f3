"""`demo_province_load`: the demo province `llct demo` serves — units before and after the 2025
restructure, the post catalogue, a few thousand cadres with their records, one account per role."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from django.db import transaction

from llct.registry.models import Post, Unit

from .accounts import DemoAccount, demo_users_create
from .cadres import demo_cadres_create
from .tree import demo_tree_create


@dataclass
class DemoSummary:
    """What was loaded, and the accounts to print."""

    units: int
    posts: int
    cadres: int
    assignments: int
    planning: int
    ratings: int
    problems: int  # cadres carrying a planted data-quality problem
    seconds: float
    accounts: list[DemoAccount] = field(default_factory=list)


@transaction.atomic
def demo_province_load(size: int = 5000, seed: int = 0, as_of: dt.date | None = None) -> DemoSummary:
    """Load the demo province into an empty database (the caller checks it is empty).

    The tree is described in `llct.demo.tree`; the cadres (`llct.demo.cadres`) are kept by the merged
    province's current units — about half by its communes — and hold catalogue posts that fit their unit
    (one holder per leading post); most have a past assignment in the old unit their unit continues.
    Ratings cover the three years before `as_of` (default today). Deterministic for `seed` and `as_of`.
    """
    started = time.perf_counter()
    as_of = as_of or dt.date.today()
    tree = demo_tree_create(as_of)
    counts = demo_cadres_create(tree, size, seed, as_of)
    accounts = demo_users_create(tree)
    return DemoSummary(
        units=Unit.objects.count(),
        posts=Post.objects.count(),
        cadres=counts.cadres,
        assignments=counts.assignments,
        planning=counts.planning,
        ratings=counts.ratings,
        problems=counts.problems,
        seconds=time.perf_counter() - started,
        accounts=accounts,
    )
