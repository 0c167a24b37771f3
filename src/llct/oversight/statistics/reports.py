"""Standard reports: saved layouts of statistics tables (`reports.toml`), each with its legal basis, built
for a year and a unit through the same engine as the page, the API and the command line."""

import datetime as dt
import functools
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from llct.errors import AppError
from llct.registry.models import Unit

from .engine import StatisticsQuery, statistics_table
from .table import Table

LAYOUTS = Path(__file__).resolve().parent / "reports.toml"


@dataclass(frozen=True)
class Section:
    title: str
    indicators: tuple[str, ...]
    rows: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    year_offset: int = 0
    by: str = ""  # "institution": records whose institution is the report's unit


@dataclass(frozen=True)
class Layout:
    code: str
    title: str
    recipient: str
    basis: str
    signer: str
    sections: tuple[Section, ...]


@dataclass
class Report:
    layout: Layout
    year: int
    unit: Unit | None
    units: str
    made_on: dt.date
    sections: list[tuple[str, Table]]

    @property
    def title(self) -> str:
        return self.layout.title.format(year=self.year, next_year=self.year + 1)


@functools.cache
def layouts() -> dict[str, Layout]:
    with LAYOUTS.open("rb") as f:
        data = tomllib.load(f)
    found = {}
    for entry in data["report"]:
        sections = tuple(
            Section(
                title=s["title"],
                indicators=tuple(s["indicators"]),
                rows=tuple(s.get("rows", ())),
                columns=tuple(s.get("columns", ())),
                filters=tuple((k, tuple(v)) for k, v in s.get("filters", {}).items()),
                year_offset=s.get("year_offset", 0),
                by=s.get("by", ""),
            )
            for s in entry["section"]
        )
        found[entry["code"]] = Layout(
            code=entry["code"],
            title=entry["title"],
            recipient=entry["recipient"],
            basis=entry["basis"],
            signer=entry["signer"],
            sections=sections,
        )
    return found


def report_build(
    code: str,
    year: int,
    scope: tuple[str, ...],
    *,
    unit: str = "",
    units: str = "as_then",
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """The report `code` for `year`, counted over `scope` within `unit`'s subtree (the whole scope when
    empty); `progress(done, total)` after each section. Raises AppError for an unknown report and
    UnitOutOfScope for a unit outside the scope."""
    layout = layouts().get(code)
    if layout is None:
        raise AppError(
            _("Không có báo cáo %(code)s (có: %(known)s).") % {"code": code, "known": ", ".join(layouts())},
            field="report",
        )
    sections = []
    root = None
    for section in layout.sections:
        on_year = year + section.year_offset
        filters = section.filters
        section_unit = unit
        if section.by == "institution" and unit:
            filters += (("institution", (unit,)),)
            section_unit = ""
        query = StatisticsQuery(
            indicators=section.indicators,
            rows=section.rows,
            columns=section.columns,
            filters=filters,
            year_from=on_year,
            year_to=on_year,
            unit=section_unit,
            units=units,
        )
        table = statistics_table(query, scope)
        root = root or table.root
        title = section.title.format(year=year, next_year=year + 1)
        sections.append((title, table))
        if progress is not None:
            progress(len(sections), len(layout.sections))
    return Report(layout, year, root, units, timezone.localdate(), sections)
