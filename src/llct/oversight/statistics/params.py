"""A statistics query written as request parameters, and back: the page, the API and the links from a
figure to its records all use the same names, so a URL of the page and one of the API ask the same thing.

    indicators=classes_opened,learner_places  rows=year,level  columns=sex
    year=2024 | year_from=2020&year_to=2024  unit=BS  units=as_then|as_now  depth=3
    level=so_cap,trung_cap  sex=nu  …         (a filter per dimension, codes separated by commas)
"""

from django.utils.translation import gettext as _

from llct.errors import AppError

from .dimensions import DIMENSIONS
from .engine import StatisticsQuery

# Dimensions that may be filtered by parameter (the year is the period; the unit is the subtree's root).
FILTERS = tuple(code for code in DIMENSIONS if code not in ("year", "unit"))


# A cell of the table fixes its dimensions' codes through `cell_<dimension>` (the figure's records);
# "-" stands for the empty code (a programme of no level, a learner of unknown ethnicity).
CELL = "cell_"
EMPTY = "-"


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.strip() for c in (text or "").split(",") if c.strip()))


def _filter_codes(text: str | None) -> tuple[str, ...]:
    return tuple("" if c == EMPTY else c for c in _codes(text))


def _number(params, name: str) -> int | None:
    text = (params.get(name) or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise AppError(_("%(name)s phải là một số nguyên.") % {"name": name}, field=name)
    return int(text)


def query_from_params(params) -> StatisticsQuery:
    """The query of a mapping of parameters (a QueryDict, a dict); AppError on a wrong one."""
    year = _number(params, "year")
    filters = tuple((name, _filter_codes(params.get(name))) for name in FILTERS if _codes(params.get(name)))
    filters += tuple(
        (name, _filter_codes(params.get(CELL + name)))
        for name in DIMENSIONS
        if _codes(params.get(CELL + name))
    )
    return StatisticsQuery(
        indicators=_codes(params.get("indicators")),
        rows=_codes(params.get("rows")),
        columns=_codes(params.get("columns")),
        filters=filters,
        year_from=year or _number(params, "year_from"),
        year_to=year or _number(params, "year_to"),
        unit=(params.get("unit") or "").strip(),
        units=(params.get("units") or "as_then").strip(),
        depth=_number(params, "depth"),
    )


def cell_params(dimensions, codes) -> dict[str, str]:
    """The parameters that fix a cell (row and column codes of `dimensions`) for its records' list."""
    return {CELL + d: c or EMPTY for d, c in zip(dimensions, codes, strict=True)}


def query_params(query: StatisticsQuery, **changes) -> dict[str, str]:
    """The parameters of `query` (with `changes`), empty ones left out."""
    params = {
        "indicators": ",".join(query.indicators),
        "rows": ",".join(query.rows),
        "columns": ",".join(query.columns),
        "year_from": str(query.year_from or ""),
        "year_to": str(query.year_to or ""),
        "unit": query.unit,
        "units": query.units,
        "depth": str(query.depth or ""),
        **{name: ",".join(v or EMPTY for v in values) for name, values in query.filters},
    }
    params.update({k: str(v) for k, v in changes.items()})
    return {k: v for k, v in params.items() if v}
