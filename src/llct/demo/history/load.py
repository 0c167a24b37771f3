"""`demo_history_load`: the demo province's training from 08/11/2019 to `as_of`, on the province already
loaded — timetable (`calendar`), learners and nominations (`learners`, `plans`), teaching and results
(`teaching`), decisions and documents (`documents`), the planted faults (`violations`) — built in memory
and written in one bulk insert per model (`write`). Deterministic for `seed` and `as_of`."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from llct.eligibility.services.rulebook import current_rulebook
from llct.registry.models import Cadre
from llct.training.models import Programme
from llct.training.services.catalogue import catalogue_load

from ..accounts import demo_approver, demo_operator
from . import violations
from .calendar import history_calendar, number_courses
from .context import History
from .documents import proofs, recognise, register
from .learners import seat_learners
from .people import Province
from .plans import plans_write
from .teaching import teach
from .write import CHANGE_REASON, history_write

PROOF_FIELDS = ["theory_level", "theory_proof", "theory_document_number", "theory_issuer", "theory_issued_on"]


@transaction.atomic
def demo_history_load(seed: int = 0, as_of: dt.date | None = None) -> dict[str, int]:
    """Write the history of the demo province loaded by `demo_province_load`; returns the rows written
    per model (nothing when the database holds no demo province)."""
    as_of = as_of or dt.date.today()
    province = Province()
    if "HSN" not in province.by_code:
        return {}
    catalogue_load()
    history = History(
        province=province,
        programmes={p.code: p for p in Programme.objects.prefetch_related("modules")},
        as_of=as_of,
        rng=random.Random(f"{seed}:history"),
        operator=demo_operator(),
        approver=demo_approver(),
        book=current_rulebook(),
    )
    courses = history_calendar(province, history.programmes, as_of) + violations.planted_courses(history)
    history.courses = sorted(courses, key=lambda c: (c.starts_on, c.institution.path, c.programme.code))
    seat_learners(history)
    violations.overlapping_seat(history)
    number_courses(history.courses)
    teach(history)
    violations.attendance_and_rewards(history)
    drafts = violations.late_and_unissued(history, recognise(history))
    printed = register(history, drafts, violations.register_gap(history, drafts))
    plans_write(history)
    changed = proofs(history, drafts, printed)
    counts = history_write(history)
    bulk_update_with_history(changed, Cadre, PROOF_FIELDS, default_change_reason=CHANGE_REASON)
    counts["cadres_updated"] = len(changed)
    return counts
