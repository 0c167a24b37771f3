"""Services that change a cadre's dated records: assignments, planning entries and yearly ratings.

Like `cadre_save`, each write validates the row and records its author in the audit trail.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Model

from llct.accounts.audit import audit
from llct.registry.models import Assignment, PlanningEntry, YearlyRating


def record_save(obj: Model, by) -> Model:
    """Validate and save one registry row, recording its author for the audit trail."""
    obj.full_clean()
    audit(obj, by)
    obj.save()
    return obj


@transaction.atomic
def assignment_add(assignment: Assignment, *, by=None) -> Assignment:
    """Record a post a cadre holds in a unit from a date (concurrent posts are allowed)."""
    return record_save(assignment, by)


@transaction.atomic
def assignment_end(assignment: Assignment, *, on: dt.date, by=None) -> Assignment:
    """Close an assignment on `on`: from the next day the post no longer counts as held."""
    assignment.valid_to = on
    return record_save(assignment, by)


@transaction.atomic
def planning_add(entry: PlanningEntry, *, by=None) -> PlanningEntry:
    """Record that a cadre is planned (quy hoạch) for a post over a term."""
    return record_save(entry, by)


@transaction.atomic
def planning_end(entry: PlanningEntry, *, on: dt.date, by=None) -> PlanningEntry:
    """Take a cadre out of a planning from `on` (the entry stays in the history)."""
    entry.valid_to = on
    return record_save(entry, by)


@transaction.atomic
def rating_set(cadre, *, year: int, rating: str, by=None) -> YearlyRating:
    """Set the cadre's performance rating for `year`, replacing an earlier entry for that year."""
    row = YearlyRating.objects.filter(cadre=cadre, year=year).first() or YearlyRating(cadre=cadre, year=year)
    row.rating = rating
    return record_save(row, by)
