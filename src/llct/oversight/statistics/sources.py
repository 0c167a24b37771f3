"""Where the engine's groups come from: the seam between the query and the rows it adds up.

A source answers `groups(indicator, plan)` with one dict per group: a key `d_<dimension>` for each of the
query's dimensions the indicator's rows carry and each unit dimension it filters on (unit dimensions as
unit ids), `owner` (the unit id the rows belong to) when the plan counts a merged unit exactly, and
`value`. `OrmSource` groups the records themselves (the facts' models); `llct.oversight.statistics.
aggregates.TallySource` answers the same from the kept aggregates.
"""

import datetime as dt
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Protocol

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.lookups import In

from .catalogue import Indicator
from .dimensions import DIMENSIONS, Dimension

if TYPE_CHECKING:
    from .engine import Plan, StatisticsQuery

OWNER = "owner"


def within(paths: Iterable[str], lookup: str) -> Q:
    """Rows whose `lookup` (a materialised path) starts with one of `paths`; none when there are none, all
    (no condition) when one is the root of everything ("")."""
    paths = tuple(paths)
    if not paths:
        return Q(pk__in=[])
    if "" in paths:
        return Q()
    return reduce(or_, (Q(**{f"{lookup}__startswith": p}) for p in paths))


def unit_filters(query: "StatisticsQuery") -> dict[str, set[str]]:
    return {n: set(v) for n, v in query.filters if DIMENSIONS[n].is_unit}


def group_keys(indicator: Indicator, plan: "Plan") -> dict[str, Dimension]:
    """The keys a source groups `indicator` by under `plan`, each with the dimension it reads (`owner`
    reads the unit dimension: the unit the rows belong to)."""
    keys = {f"d_{d.code}": d for d in map(DIMENSIONS.get, plan.query.dimensions) if d.applies(indicator)}
    keys |= {f"d_{n}": DIMENSIONS[n] for n in unit_filters(plan.query)}
    if plan.exact:
        keys[OWNER] = DIMENSIONS["unit"]
    return keys


def typed(dim: Dimension, values: tuple[str, ...]) -> list:
    return [int(v) for v in values if v.isdigit()] if dim.code in ("year", "month") else list(values)


class GroupSource(Protocol):
    def groups(self, indicator: Indicator, plan: "Plan") -> Iterable[dict]: ...


class OrmSource:
    """Counts straight from the records (the facts' models)."""

    def queryset(self, indicator: Indicator, where: Q) -> QuerySet:
        fact = indicator.source
        rows = fact.queryset().filter(**dict(indicator.filter))
        for lookup, value in indicator.exclude:
            rows = rows.exclude(**{lookup: value})
        for name in indicator.conditions:
            rows = rows.filter(fact.conditions[name]())
        return rows.filter(where)

    def where(self, indicator: Indicator, plan: "Plan") -> Q:
        """The plan's scope, subtree, period and value filters, as conditions on the fact's rows."""
        fact, query = indicator.source, plan.query
        unit_path = f"{fact.unit}__path"
        where = within(plan.scope, unit_path)
        if plan.lineage is not None:
            where &= within(plan.lineage, unit_path)
        if query.year_from:
            start = query.year_from if indicator.year_only else dt.date(query.year_from, 1, 1)
            where &= Q(**{f"{indicator.date}__gte": start})
        if query.year_to:
            end = query.year_to if indicator.year_only else dt.date(query.year_to, 12, 31)
            where &= Q(**{f"{indicator.date}__lte": end})
        for name, values in query.filters:
            dim = DIMENSIONS[name]
            if not dim.is_unit:
                where &= Q(In(dim.expression(indicator), typed(dim, values)))
        return where

    def groups(self, indicator: Indicator, plan: "Plan") -> Iterable[dict]:
        rows = self.queryset(indicator, self.where(indicator, plan))
        measure = (
            Sum(indicator.source.quantities[indicator.quantity]()) if indicator.kind == "sum" else Count("pk")
        )
        keys = {name: dim.expression(indicator) for name, dim in group_keys(indicator, plan).items()}
        if not keys:
            return [rows.aggregate(value=measure)]
        return rows.order_by().values(**keys).annotate(value=measure)
