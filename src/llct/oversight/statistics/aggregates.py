"""The kept aggregates (tallies) as a source of groups: the same groups the records give, read from a
table of sums per class and outcome (`ClassTally`, `CredentialTally`, kept by `keeping.py`).

Each fact is kept twice: per class and month (what a query by month reads) and summed by institution and
year (five times fewer rows, what every other query reads). A kept fact says how the fact's lookups read
in its tallies: a path of the fact (`training_class__
institution`) is a path of the tally (`institution`), a date is a year and a month column, and a few
lookups and conditions of the catalogue are columns of their own (`replaces__isnull` → `reissued`,
`issued_late` → `late`). An indicator is answered from its tally when every lookup, dimension and filter
of the query translates (the learner's sex, age or sending unit are not kept: those queries read the
records) and the tallies are fresh for the query's subtree: built, no class of the subtree waiting for
the task queue, and no record written around the models' signals since (`keeping.tallies_fresh`).

The unit dimension is cut to the query's depth in the database (`substr(unit_path, 1, depth × 4)`), so
a national pivot by province returns one group per province, not one per institution; as now, only the
units in force under an ancestor in force are cut, the others go to the engine whole, which reads their
images.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Case, CharField, F, Q, Sum, When
from django.db.models.functions import Substr
from django.db.models.lookups import In

from llct.registry.models import Unit

from .catalogue import Indicator
from .choices import UnitsAs
from .dimensions import DIMENSIONS, Dimension
from .sources import OrmSource, group_keys, typed, within

if TYPE_CHECKING:
    from .engine import Plan

UNIT_PATH = "unit_path"
UNIT = "institution"  # the tally's unit, whose path is `unit_path`


@dataclass(frozen=True)
class KeptFact:
    """How one fact of `facts.py` reads in its tally."""

    fact: str
    model: str  # "oversight.ClassTally"
    yearly: str  # the same rows summed by year, without months ("oversight.ClassYearTally")
    rows: Q  # the tally's rows that stand for this fact
    measures: dict[str, str]  # "" (a count) or a quantity of the fact → the tally column summed
    paths: dict[str, str]  # a lookup path of the fact → the tally's
    dates: dict[str, tuple[str, str]]  # a date of the fact → the tally's year and month columns
    lookups: dict[str, Callable[[object], Q]] = field(default_factory=dict)
    conditions: dict[str, Callable[[], Q]] = field(default_factory=dict)

    def path(self, lookup: str) -> str | None:
        """The tally's lookup for the fact's `lookup` (a path, maybe ending in a transform or lookup)."""
        for fact_path, tally_path in self.paths.items():
            if lookup == fact_path or lookup.startswith(fact_path + "__"):
                return tally_path + lookup[len(fact_path) :]
        return None

    def condition(self, lookup: str, value) -> Q | None:
        if lookup in self.lookups:
            return self.lookups[lookup](value)
        path = self.path(lookup)
        return None if path is None else Q(**{path: value})


_CLASS_DATES = {"starts_on": ("start_year", "start_month"), "ends_on": ("end_year", "end_month")}

KEPT: dict[str, KeptFact] = {
    kept.fact: kept
    for kept in (
        KeptFact(
            "classes",
            "oversight.ClassTally",
            "oversight.ClassYearTally",
            rows=Q(status=""),
            measures={"": "classes"},
            paths={"institution": UNIT, "programme": "programme", "mode": "mode"},
            dates=_CLASS_DATES,
        ),
        KeptFact(
            "enrolments",
            "oversight.ClassTally",
            "oversight.ClassYearTally",
            rows=~Q(status=""),
            measures={"": "learners"},
            paths={
                "training_class__institution": UNIT,
                "training_class__programme": "programme",
                "training_class__mode": "mode",
                "status": "status",
            },
            dates={f"training_class__{d}": columns for d, columns in _CLASS_DATES.items()},
        ),
        KeptFact(
            "credentials",
            "oversight.CredentialTally",
            "oversight.CredentialYearTally",
            rows=Q(),
            measures={"": "credentials", "days_to_issue": "days_to_issue"},
            paths={
                "register__institution": UNIT,
                "programme": "programme",
                "enrolment__training_class__mode": "mode",
                "status": "status",
            },
            dates={
                "issued_on": ("issued_year", "issued_month"),
                "revoked_on": ("revoked_year", "revoked_month"),
            },
            lookups={"replaces__isnull": lambda value: Q(reissued=not value)},
            conditions={"issued_late": lambda: Q(late=True)},
        ),
    )
}


@dataclass
class _Reading:
    """An indicator's query translated to its tally."""

    kept: KeptFact
    keys: dict[str, object]
    where: Q
    measure: Sum
    model: str  # the tally read: by year unless the query asks for months


class TallySource:
    """Groups from the tallies when they are fresh and carry the query, else from `fallback` (the records)."""

    def __init__(self, fallback=None) -> None:
        self.fallback = fallback or OrmSource()
        self._fresh: dict[tuple, bool] = {}

    def groups(self, indicator: Indicator, plan: "Plan") -> Iterable[dict]:
        reading = self.reading(indicator, plan)
        if reading is None or not self.fresh(plan):
            return self.fallback.groups(indicator, plan)
        rows = apps.get_model(reading.model).objects.filter(reading.kept.rows & reading.where)
        if not reading.keys:
            return [rows.aggregate(value=reading.measure)]
        found = list(rows.order_by().values(**reading.keys).annotate(value=reading.measure))
        if "d_unit" in reading.keys:
            plan.units.load(paths={r["d_unit"] for r in found})
            for r in found:
                r["d_unit"] = plan.units.by_path[r["d_unit"]].pk
        return found

    def fresh(self, plan: "Plan") -> bool:
        from .keeping import tallies_fresh

        key = (plan.scope, plan.lineage)
        if key not in self._fresh:
            self._fresh[key] = tallies_fresh(plan.scope, plan.lineage)
        return self._fresh[key]

    def reading(self, indicator: Indicator, plan: "Plan") -> _Reading | None:
        """The indicator under `plan` in its tally's terms; None when something asked is not kept."""
        kept = KEPT.get(indicator.fact)
        if kept is None or indicator.date not in kept.dates:
            return None
        measure = kept.measures.get(indicator.quantity if indicator.kind == "sum" else "")
        if measure is None:
            return None
        where = _where(kept, indicator, plan)
        keys = {}
        for name, dim in group_keys(indicator, plan).items():
            keys[name] = _cut_unit(plan) if name == "d_unit" else _expression(kept, indicator, dim)
        if where is None or any(k is None for k in keys.values()):
            return None
        months = "month" in (*plan.query.dimensions, *(name for name, _v in plan.query.filters))
        return _Reading(kept, keys, where, Sum(measure), kept.model if months else kept.yearly)


def _expression(kept: KeptFact, indicator: Indicator, dim: Dimension):
    """What the tally groups by for `dim` (a unit id for unit dimensions); None when it is not kept."""
    if dim.role == "date":
        year, month = kept.dates[indicator.date]
        return F(year if dim.code == "year" else month)
    fact_path = indicator.source.path(dim.role)
    path = kept.path(fact_path) if fact_path else None
    if path is None:
        return None
    if dim.role == "programme":
        return F(f"{path}__{ {'level': 'level', 'programme': 'code', 'family': 'family'}[dim.code] }")
    return F(path)


CLOSED_AT_DEPTH = 2_000  # closed units at the cut's depth beyond which units as now are not cut


def _cut_unit(plan: "Plan"):
    """The unit dimension as a path cut to the plan's depth: the unit the engine reads at that depth.

    As now the engine reads the image of a unit, then its ancestor at the depth; cutting in the database
    gives the same only for a unit in force whose ancestor at the depth is in force too (a closed unit's
    image may lie elsewhere in the tree), so other units' paths stay whole and the engine reads them."""
    cut = Substr(UNIT_PATH, 1, plan.depth * Unit.steplen)
    if plan.query.units != UnitsAs.NOW:
        return cut
    on = plan.units.on
    closed = Unit.objects.filter(within(plan.scope, "path"), depth=plan.depth, valid_to__lt=on)
    if plan.lineage is not None:
        closed = closed.filter(within(plan.lineage, "path"))
    closed_paths = list(closed.values_list("path", flat=True)[: CLOSED_AT_DEPTH + 1])
    if len(closed_paths) > CLOSED_AT_DEPTH:
        return F(UNIT_PATH)
    in_force = Q(**{f"{UNIT}__valid_to__isnull": True}) | Q(**{f"{UNIT}__valid_to__gte": on})
    if closed_paths:
        in_force &= ~Q(In(cut, closed_paths))
    return Case(When(in_force, then=cut), default=F(UNIT_PATH), output_field=CharField())


def _where(kept: KeptFact, indicator: Indicator, plan: "Plan") -> Q | None:
    """The plan's scope, subtree, period and filters and the indicator's own, as tally conditions."""
    query = plan.query
    year, _month = kept.dates[indicator.date]
    where = within(plan.scope, UNIT_PATH)
    if plan.lineage is not None:
        where &= within(plan.lineage, UNIT_PATH)
    if query.year_from:
        where &= Q(**{f"{year}__gte": query.year_from})
    if query.year_to:
        where &= Q(**{f"{year}__lte": query.year_to})
    parts = [kept.condition(lookup, value) for lookup, value in indicator.filter]
    excluded = [kept.condition(lookup, value) for lookup, value in indicator.exclude]
    parts += [None if c is None else ~c for c in excluded]
    parts += [kept.conditions[n]() if n in kept.conditions else None for n in indicator.conditions]
    for name, values in query.filters:
        dim = DIMENSIONS[name]
        if dim.is_unit:
            continue
        expression = _expression(kept, indicator, dim)
        parts.append(None if expression is None else Q(In(expression, typed(dim, values))))
    if any(p is None for p in parts):
        return None
    for part in parts:
        where &= part
    return where
