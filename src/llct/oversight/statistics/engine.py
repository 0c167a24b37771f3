"""The one query behind every figure: the page, the API, the command line and the reports call
`statistics_table`.

A query names indicators, the dimensions of its rows and columns, filters, a period, a unit (the root of
the subtree counted) and whether units are read as they were or as they are now. Each counted indicator
is one grouped query over its rows, cut to the user's scope and the unit's subtree by materialised-path
prefix; unit dimensions are grouped by unit id and resolved afterwards through the units' images
(`units.py`), in Python over the groups, never over the rows.

The groups come from a source (`sources.py`): the kept aggregates when they are fresh for the query's
subtree and carry what it asks (`aggregates.TallySource`, the default), else the records themselves.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.errors import AppError
from llct.registry.models import Unit

from .aggregates import TallySource
from .catalogue import Indicator, base_parts, indicators
from .choices import UnitsAs
from .computed import ComputedSource, computed_rows
from .dimensions import DIMENSIONS, Dimension
from .sources import OWNER, GroupSource, OrmSource, group_keys, unit_filters
from .table import ALL, Table
from .units import Units, lineage_paths

MAX_DIMENSIONS = 4


class UnitOutOfScope(AppError):
    """The unit asked for lies outside the user's scope (the web and the API answer 404)."""


@dataclass(frozen=True)
class StatisticsQuery:
    indicators: tuple[str, ...]
    rows: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    unit: str = ""
    units: str = UnitsAs.THEN
    depth: int | None = None

    def __post_init__(self) -> None:
        known = indicators()
        unknown = [c for c in self.indicators if c not in known]
        if not self.indicators or unknown:
            raise AppError(
                _("Chỉ tiêu không có trong danh mục: %(codes)s.") % {"codes": ", ".join(unknown) or "—"},
                field="indicators",
            )
        dims = (*self.rows, *self.columns)
        bad = [d for d in (*dims, *(f for f, _v in self.filters)) if d not in DIMENSIONS]
        if bad:
            raise AppError(_("Không có chiều thống kê: %(codes)s.") % {"codes": ", ".join(bad)}, field="rows")
        if len(set(dims)) != len(dims) or len(dims) > MAX_DIMENSIONS:
            raise AppError(
                _("Hàng và cột dùng tối đa %(n)s chiều, mỗi chiều một lần.") % {"n": MAX_DIMENSIONS},
                field="rows",
            )
        if self.units not in UnitsAs.values:
            raise AppError(_("Cách tính đơn vị phải là as_then hoặc as_now."), field="units")
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise AppError(_("Năm bắt đầu không thể sau năm kết thúc."), field="year_from")

    @property
    def dimensions(self) -> tuple[str, ...]:
        return (*self.rows, *self.columns)

    def filter_values(self, code: str) -> tuple[str, ...] | None:
        return next((values for name, values in self.filters if name == code), None)


@dataclass
class Plan:
    """What one query needs, worked out once for all its indicators."""

    query: StatisticsQuery
    scope: tuple[str, ...]
    root: Unit | None
    depth: int
    lineage: tuple[str, ...] | None
    units: Units
    exact: bool = field(init=False)

    def __post_init__(self) -> None:
        # Rows from a predecessor's subtree count under the root only if they were under it or their
        # image is: the prefix filter alone would also take a split district's rows (counted elsewhere now).
        self.exact = self.root is not None and self.lineage != (self.root.path,)


def _root(query: StatisticsQuery, scope: tuple[str, ...]) -> Unit | None:
    if not query.unit:
        return None
    unit = Unit.objects.filter(code=query.unit).first()
    if unit is None or not any(unit.path.startswith(p) for p in scope):
        raise UnitOutOfScope(_("Không có đơn vị %(code)s trong phạm vi của bạn.") % {"code": query.unit})
    return unit


def _default_depth(root: Unit | None, scope: tuple[str, ...]) -> int:
    """One level below the root, or below the scope's top (the provinces for the whole country)."""
    if root is not None:
        return root.depth + 1
    top = min((len(p) for p in scope), default=0) // Unit.steplen
    return max(top, 1) + 1


def _applies(indicator: Indicator, query: StatisticsQuery) -> bool:
    """An indicator filtered by a dimension its rows do not carry has no figure (not zero)."""
    return all(DIMENSIONS[name].applies(indicator) for name, _values in query.filters)


class Resolver:
    """Unit ids of grouped rows read as the query's unit dimensions: as then or as now, at the depth."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.units = plan.units
        self.now = plan.query.units == UnitsAs.NOW
        self.root_path = plan.root.path if plan.root is not None else ""

    def prepare(self, ids: set, *, ancestors: list[int] = ()) -> None:
        self.units.load(pks=ids)
        if self.plan.exact or self.now:
            self.units.prepare_images(ids)
        self.units.prepare_ancestors([self.effective(pk) for pk in ancestors], self.plan.depth)

    def effective(self, pk: int):
        return self.units.image(pk) if self.now else self.units.row(pk)

    def code(self, dim: Dimension, value) -> str:
        if value is None:
            return ""
        if not dim.is_unit:
            return str(value)
        row = self.effective(value)
        if dim.code == "unit":
            row = self.units.ancestor(row, self.plan.depth)
        return getattr(row, dim.unit_attribute) if dim.unit_attribute else row.code

    def counts_under_root(self, owner: int) -> bool:
        """A row of a predecessor's subtree counts if it was under the root then or its image is now."""
        units = self.units
        return units.row(owner).path.startswith(self.root_path) or units.image(owner).path.startswith(
            self.root_path
        )


def _count(indicator: Indicator, plan: Plan, source: GroupSource) -> dict[tuple, int]:
    """The indicator's values by the query's dimensions (ALL where a dimension does not apply)."""
    query = plan.query
    dims = [DIMENSIONS[d] for d in query.dimensions]
    filters = unit_filters(query)
    unit_keys = [k for k, d in group_keys(indicator, plan).items() if d.is_unit]
    raw = list(source.groups(indicator, plan))
    resolver = Resolver(plan)
    resolver.prepare(
        {r[k] for r in raw for k in unit_keys if r[k] is not None},
        ancestors=[r["d_unit"] for r in raw if r.get("d_unit") is not None],
    )
    result: dict[tuple, int] = defaultdict(int)
    for r in raw:
        if r.get(OWNER) is not None and not resolver.counts_under_root(r[OWNER]):
            continue
        if any(resolver.code(DIMENSIONS[n], r[f"d_{n}"]) not in v for n, v in filters.items()):
            continue
        key = tuple(resolver.code(d, r[f"d_{d.code}"]) if d.applies(indicator) else ALL for d in dims)
        result[key] += r["value"] or 0
    return dict(result)


def _plan(query: StatisticsQuery, scope: tuple[str, ...], on: dt.date | None) -> Plan:
    root = _root(query, scope)
    return Plan(
        query=query,
        scope=scope,
        root=root,
        depth=query.depth or _default_depth(root, scope),
        lineage=lineage_paths(root) if root is not None else None,
        units=Units(on or timezone.localdate()),
    )


def statistics_table(
    query: StatisticsQuery,
    scope: tuple[str, ...],
    *,
    on: dt.date | None = None,
    source: GroupSource | None = None,
) -> Table:
    """The table of `query` over the records of `scope` (materialised paths, e.g. `scope_paths(user)`;
    ("",) for the whole country), with units read on `on` (today) when counted as now."""
    plan = _plan(query, scope, on)
    catalogue = indicators()
    wanted = [catalogue[c] for c in query.indicators]
    bases = {code: catalogue[code] for ind in wanted for code in base_parts(ind)}
    counted, computed = source or TallySource(), ComputedSource()

    def count(ind: Indicator) -> dict[tuple, int] | None:
        if not _applies(ind, query):
            return None
        return _count(ind, plan, computed if ind.kind == "computed" else counted)

    groups = {code: count(ind) for code, ind in bases.items()}
    return Table(
        query=query,
        indicators=wanted,
        bases=bases,
        groups=groups,
        units=plan.units,
        depth=plan.depth,
        root=plan.root,
    )


def statistics_records(code: str, query: StatisticsQuery, scope: tuple[str, ...], *, on=None) -> QuerySet:
    """The records a counted indicator's figure counts under `query` (whose filters may fix one cell:
    year=2024, unit=…), the same rows `statistics_table` adds up, in a queryset for a list page."""
    indicator = indicators()[code]
    plan = _plan(query, scope, on)
    fact = indicator.source
    if indicator.kind == "computed":
        ids = {r["pk"] for r in computed_rows(indicator, plan)} if _applies(indicator, query) else set()
        rows = fact.queryset().filter(pk__in=ids)
    else:
        source = OrmSource()
        rows = source.queryset(indicator, source.where(indicator, plan))
    resolver = Resolver(plan)
    checks = [
        (fact.path(DIMENSIONS[n].role), DIMENSIONS[n], codes) for n, codes in unit_filters(query).items()
    ]
    if plan.exact:
        checks.append((fact.unit, None, None))
    for path, dim, codes in checks:
        ids = set(rows.order_by().values_list(path, flat=True).distinct()) - {None}
        resolver.prepare(ids, ancestors=list(ids) if dim is not None and dim.code == "unit" else [])
        keep = [
            pk
            for pk in ids
            if (resolver.code(dim, pk) in codes if dim is not None else resolver.counts_under_root(pk))
        ]
        rows = rows.filter(**{f"{path}__in": keep})
    return rows
