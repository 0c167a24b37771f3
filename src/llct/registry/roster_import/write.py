"""Writing a checked roster (`check.RosterCheck`) into the registry, in bulk, each change with its audit
row (issue 2: "Re-importing updates cadres matched by code or citizen ID instead of duplicating them").

The roster says what holds on the import day `on`. A column absent from the file leaves its data as it
is: no Chức vụ column, no change to assignments; no Chức vụ quy hoạch, none to planning; no Xếp loại
column, none to that year's rating; no Đơn vị (nor Mã đơn vị), the cadre keeps its managing unit.
For the posts and planning the roster does give, against each cadre's rows in force on `on`:

- a row it still names stays as it is;
- a row it no longer names ends the day before `on` — or, if it began on `on` itself (an earlier import
  the same day), is deleted: it was never held, and an end before its start would be impossible;
- a row that begins after `on` (recorded ahead) is not the roster's business and stays, unless the roster
  names that post: then the roster says it is held already, and the row starts on `on` instead;
- a post it names and the registry lacks begins on `on` (with no start date for a cadre new to the
  registry: the roster does not say since when).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from django.db.models import Q

from llct.registry.models import Assignment, Cadre, PlanningEntry, YearlyRating
from llct.registry.services.cadres import name_columns

from .bulk import AuditedBulk, among
from .check import RosterCheck, RowPlan

# Roster column → Cadre column.
FIELDS = {
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
_COMPARED = ("code", "unit_id", "extra", *FIELDS.values())
_UPDATED = ("code", "unit_id", "name_sort_key", "name_search", "extra", *FIELDS.values())
STAGES = 4


def roster_write(
    check: RosterCheck, *, user, on: dt.date, progress: Callable[[int, int], None]
) -> tuple[int, int]:
    """Write every row of `check` (which has no problems); (cadres created, cadres updated). Progress is
    (stages done, STAGES)."""
    bulk = AuditedBulk(user=user)
    plans = check.plans
    columns = set(check.read.frame.columns)
    created, changed = _cadres(bulk, check, columns)
    progress(1, STAGES)
    touched = set(changed)
    new_ids = {p.cadre_id for p in plans if p.cadre is None}
    old_ids = [p.cadre_id for p in plans if p.cadre is not None]
    touched |= _dated(
        bulk, Assignment, [p for p in plans if p.posts is not None], new_ids, on=on,
        wanted=lambda p: {(post, unit): title for post, unit, title in p.posts},
        key=lambda r: (r["post_id"], r["unit_id"]),
        make=lambda p, k, title: {
            "cadre_id": p.cadre_id, "post_id": k[0], "unit_id": k[1], "title_as_written": title,
            "unit_name": (p.values.get("unit") or "") if k[1] == p.unit_id else "",
        },
    )  # fmt: skip
    progress(2, STAGES)
    touched |= _dated(
        bulk, PlanningEntry, [p for p in plans if p.planned is not None], new_ids, on=on,
        wanted=lambda p: {(post,): title for post, title in p.planned},
        key=lambda r: (r["post_id"],),
        make=lambda p, k, title: {"cadre_id": p.cadre_id, "post_id": k[0], "title_as_written": title},
    )  # fmt: skip
    progress(3, STAGES)
    touched |= _ratings(bulk, plans, old_ids, on=on, columns=columns)
    progress(STAGES, STAGES)
    return created, len(touched - new_ids)


def _cadres(bulk: AuditedBulk, check: RosterCheck, columns: set[str]) -> tuple[int, set[int]]:
    """Create the new cadres (their ids go into the plans) and change the others; (created, ids changed)."""
    present = [(column, name) for column, name in FIELDS.items() if column in columns]
    prepared: dict[str, tuple[str, str, str]] = {}
    new: list[tuple[RowPlan, dict]] = []
    changed: list[dict] = []
    for plan in check.plans:
        values = plan.values
        row = dict(plan.cadre) if plan.cadre else {}
        row.pop("unit__path", None)
        # A code that differs from the registry's only in case is the registry's code.
        same = plan.cadre and plan.cadre["code"].upper() == values["code"].upper()
        row["code"], row["unit_id"] = plan.cadre["code"] if same else values["code"], plan.unit_id
        for column, name in present:
            value = values[column]
            row[name] = value if value is not None or name in _NULLABLE else ""
        if check.extra_columns:  # an empty cell clears its column
            kept = {**(row.get("extra") or {}), **{k: values[k] for k in check.extra_columns}}
            row["extra"] = {k: v for k, v in kept.items() if v is not None}
        _prepare(row, prepared)
        if plan.cadre is None:
            new.append((plan, row))
        elif any(row[name] != plan.cadre[name] for name in _COMPARED):
            changed.append(row)
    ids = bulk.create(Cadre, [row for _, row in new])
    for (plan, _row), pk in zip(new, ids, strict=True):
        plan.cadre_id = pk
    bulk.update(Cadre, changed, _UPDATED)
    return len(new), {row["id"] for row in changed}


def _prepare(row: dict, prepared: dict[str, tuple[str, str, str]]) -> None:
    """The name's stored form, sort and search keys (as `cadre_prepare` sets them), once per name."""
    done = prepared.get(row["full_name"])
    if done is None:
        done = prepared[row["full_name"]] = name_columns(row["full_name"])
    row["full_name"], row["name_sort_key"], row["name_search"] = done


def _open_rows(model, ids: list[int], on: dt.date) -> dict[int, list[dict]]:
    """The cadres' rows not ended before `on`, as dicts of their tracked columns."""
    names = [f.attname for f in model.history.model.tracked_fields]
    found: dict[int, list[dict]] = defaultdict(list)
    rows = model.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)).order_by("pk").values(*names)
    for part in among(rows, "cadre_id", ids):
        for row in part:
            found[row["cadre_id"]].append(row)
    return found


def _dated(bulk, model, plans, new_ids, *, on, wanted, key, make) -> set[int]:
    """Make each cadre's rows in force on `on` those the roster names (see the module docstring); the ids
    of the existing cadres whose rows changed."""
    current = _open_rows(model, [p.cadre_id for p in plans if p.cadre_id not in new_ids], on)
    ended, started, deleted, created = [], [], [], []
    touched: set[int] = set()
    day_before = on - dt.timedelta(days=1)
    for plan in plans:
        want = wanted(plan)
        rows = current.get(plan.cadre_id, [])
        have: dict[tuple, dict] = {}
        for row in rows:
            if row["valid_from"] is not None and row["valid_from"] > on:
                continue
            if key(row) in want and key(row) not in have:
                have[key(row)] = row
            elif row["valid_from"] == on:
                deleted.append(row)
            else:
                ended.append({**row, "valid_to": day_before})
        ahead = [r for r in rows if r["valid_from"] is not None and r["valid_from"] > on]
        for k, title in want.items():
            if k in have:
                continue
            later = next((r for r in ahead if key(r) == k), None)
            if later is not None:
                ahead.remove(later)
                started.append({**later, "valid_from": on})
            else:
                created.append(
                    {**make(plan, k, title), "valid_from": None if plan.cadre_id in new_ids else on}
                )
    for row in (*ended, *started, *deleted, *created):
        touched.add(row["cadre_id"])
    bulk.update(model, ended, ["valid_to"])
    bulk.update(model, started, ["valid_from"])
    bulk.delete(model, deleted)
    bulk.create(model, created)
    return touched


def _ratings(bulk, plans: list[RowPlan], old_ids: list[int], *, on: dt.date, columns: set[str]) -> set[int]:
    """Xếp loại năm trước is the year before the import's, năm trước nữa the one before that. An empty
    cell keeps what the registry has."""
    years = {"rating_last": on.year - 1, "rating_before_last": on.year - 2}
    years = {column: year for column, year in years.items() if column in columns}
    if not years:
        return set()
    existing: dict[tuple[int, int], dict] = {}
    ratings = (
        YearlyRating.objects.filter(year__in=years.values())
        .order_by()
        .values("id", "cadre_id", "year", "rating")
    )
    for part in among(ratings, "cadre_id", old_ids):
        for row in part:
            existing[row["cadre_id"], row["year"]] = row
    created, changed = [], []
    for plan in plans:
        for column, year in years.items():
            value = plan.values.get(column)
            if not value:
                continue
            found = existing.get((plan.cadre_id, year))
            if found is None:
                created.append({"cadre_id": plan.cadre_id, "year": year, "rating": value})
            elif found["rating"] != value:
                changed.append({**found, "rating": value})
    bulk.create(YearlyRating, created)
    bulk.update(YearlyRating, changed, ["rating"])
    return {row["cadre_id"] for row in (*created, *changed)}
