"""Importing a roster into the registry: validate the whole file, then write all rows or none, in bulk,
each change in the audit trail with the importer as its author (issue 2, "Roster import and export")."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from llct.registry.models import Assignment, Cadre, PlanningEntry, Unit, YearlyRating
from llct.registry.services.cadres import cadre_prepare
from llct.roster import Problem, read_roster

from .check import RosterCheck, RowPlan, roster_check

_BATCH = 2_000
Progress = Callable[[int, int], None]

# Roster column → Cadre field. A column absent from the file leaves the field as it is.
_FIELDS = {
    "full_name": "full_name",
    "citizen_id": "citizen_id",
    "birth_date": "birth_date",
    "sex": "sex",
    "ethnicity": "ethnicity",
    "party_status": "party_status",
    "education": "education",
    "theory_level": "theory_level",
    "grade": "grade",
    "grade_since": "grade_since",
    "lecturer_since": "lecturer_since",
}
_NULLABLE = {"citizen_id", "birth_date", "grade_since", "lecturer_since"}


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)
    written: bool = False


def roster_import(
    source: str | Path | bytes,
    filename: str | None = None,
    *,
    user,
    unit: Unit,
    dry_run: bool = False,
    on: dt.date | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read, check and (unless `dry_run` or the file has problems) write a roster into `unit`.

    Raises RosterError when the file as a whole is unreadable. Nothing is written when any row has a
    problem: the write is one transaction. Cadres are matched by code, then by citizen ID."""
    on = on or timezone.localdate()
    read = read_roster(source, filename)
    check = roster_check(read, user=user, unit=unit, on=on)
    result = ImportResult(total=read.frame.height, problems=check.problems)
    if check.problems or dry_run:
        return result
    with transaction.atomic():
        result.created, result.updated = _write(check, user=user, on=on, progress=progress or _quiet)
    result.written = True
    return result


def _quiet(done: int, total: int) -> None:
    return None


def _write(check: RosterCheck, *, user, on: dt.date, progress: Progress) -> tuple[int, int]:
    plans = check.plans
    columns = set(check.read.frame.columns)
    unknown = check.read.unknown_columns
    total = len(plans) * 4
    new: list[Cadre] = []
    changed: list[Cadre] = []
    names: dict[str, tuple[str, str, str]] = {}
    for plan in plans:
        cadre = plan.cadre or Cadre()
        before = _snapshot(cadre)
        cadre.code = plan.values["code"]
        cadre.unit = plan.unit
        for column, name in _FIELDS.items():
            if column in columns:
                value = plan.values[column]
                setattr(cadre, name, value if value is not None or name in _NULLABLE else "")
        if unknown:
            cadre.extra = {**(cadre.extra or {}), **{k: plan.values[k] for k in unknown}}
        _prepare(cadre, names)
        if plan.cadre is None:
            new.append(cadre)
            plan.cadre = cadre
        elif _snapshot(cadre) != before:
            changed.append(cadre)
    bulk_create_with_history(new, Cadre, batch_size=_BATCH, default_user=user)
    fields = ["code", "unit", "full_name", "name_sort_key", "name_search", "extra", *_FIELDS.values()]
    bulk_update_with_history(changed, Cadre, fields, batch_size=_BATCH, default_user=user)
    progress(len(plans), total)

    new_ids = {c.pk for c in new}
    old_ids = [p.cadre.pk for p in plans if p.cadre.pk not in new_ids]
    _refresh_dated(
        Assignment, plans, old_ids, new_ids, on=on, user=user,
        wanted=lambda p: {(post, p.unit.pk): title for post, title in p.posts},
        key=lambda a: (a.post_id, a.unit_id),
        make=lambda p, k, title: Assignment(
            cadre=p.cadre, post_id=k[0], unit_id=k[1], unit_name=p.values.get("unit") or "",
            title_as_written=title,
        ),
    )  # fmt: skip
    progress(len(plans) * 2, total)
    _refresh_dated(
        PlanningEntry, plans, old_ids, new_ids, on=on, user=user,
        wanted=lambda p: {(post,): title for post, title in p.planned},
        key=lambda e: (e.post_id,),
        make=lambda p, k, title: PlanningEntry(cadre=p.cadre, post_id=k[0], title_as_written=title),
        only_if="planned_position" in columns,
    )  # fmt: skip
    progress(len(plans) * 3, total)
    _refresh_ratings(plans, old_ids, on=on, user=user, columns=columns)
    progress(total, total)
    return len(new), len(changed)


def _prepare(cadre: Cadre, names: dict[str, tuple[str, str, str]]) -> None:
    """`cadre_prepare`, once per distinct name: a roster repeats names and the sort key is costly."""
    done = names.get(cadre.full_name)
    if done is None:
        written = cadre.full_name
        cadre_prepare(cadre)
        names[written] = done = (cadre.full_name, cadre.name_sort_key, cadre.name_search)
    cadre.full_name, cadre.name_sort_key, cadre.name_search = done


def _snapshot(cadre: Cadre) -> tuple:
    return (
        cadre.code,
        cadre.unit_id,
        cadre.full_name,
        cadre.extra,
        *(getattr(cadre, f) for f in _FIELDS.values()),
    )


def _in_chunks(queryset, ids: list[int]):
    for start in range(0, len(ids), 5_000):
        yield from queryset.filter(cadre_id__in=ids[start : start + 5_000])


def _refresh_dated(model, plans, old_ids, new_ids, *, on, user, wanted, key, make, only_if=True) -> None:
    """Make each cadre's current rows (assignments or planning) those the roster names: rows it no longer
    names end the day before the import; missing ones begin on the import day, or carry no start date
    for a cadre new to the registry (the roster does not say since when)."""
    if not only_if:
        return
    current: dict[int, list] = {}
    open_rows = model.objects.filter(valid_to__isnull=True) | model.objects.filter(valid_to__gte=on)
    for row in _in_chunks(open_rows, old_ids):
        current.setdefault(row.cadre_id, []).append(row)
    ended, created = [], []
    for plan in plans:
        want = wanted(plan)
        have = {}
        for row in current.get(plan.cadre.pk, []):
            if key(row) in want and key(row) not in have:
                have[key(row)] = row
            else:
                row.valid_to = on - dt.timedelta(days=1)
                ended.append(row)
        start = None if plan.cadre.pk in new_ids else on
        for k, title in want.items():
            if k not in have:
                entry = make(plan, k, title)
                entry.valid_from = start
                created.append(entry)
    bulk_update_with_history(ended, model, ["valid_to"], batch_size=_BATCH, default_user=user)
    bulk_create_with_history(created, model, batch_size=_BATCH, default_user=user)


def _refresh_ratings(plans: list[RowPlan], old_ids, *, on: dt.date, user, columns: set[str]) -> None:
    """Xếp loại năm trước is the year before the import's, năm trước nữa the one before that. An empty
    cell keeps what the registry has."""
    years = {"rating_last": on.year - 1, "rating_before_last": on.year - 2}
    years = {column: year for column, year in years.items() if column in columns}
    if not years:
        return
    existing = {
        (cadre_id, year): (pk, rating)
        for pk, cadre_id, year, rating in _in_chunks(
            YearlyRating.objects.filter(year__in=years.values()).values_list(
                "pk", "cadre_id", "year", "rating"
            ),
            old_ids,
        )
    }
    created, changed = [], []
    for plan in plans:
        for column, year in years.items():
            value = plan.values.get(column)
            if not value:
                continue
            found = existing.get((plan.cadre.pk, year))
            if found is None:
                created.append(YearlyRating(cadre=plan.cadre, year=year, rating=value))
            elif found[1] != value:
                changed.append(YearlyRating(pk=found[0], cadre=plan.cadre, year=year, rating=value))
    bulk_create_with_history(created, YearlyRating, batch_size=_BATCH, default_user=user)
    bulk_update_with_history(changed, YearlyRating, ["rating"], batch_size=_BATCH, default_user=user)
