"""Checking a roster against the registry before anything is written (roster-format.md; issue 2,
"the whole file is validated before anything is written"): lengths the database would refuse, citizen IDs
that belong to another cadre, cadres outside the importer's scope, titles that match no catalogue post,
unit names and codes that match no unit."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from llct.registry.models import Assignment, Cadre, Unit
from llct.registry.scope import scope_paths
from llct.roster import Problem, RosterRead

from .bulk import among
from .columns import (
    PLANNED_CODES,
    POSITION_CODES,
    POSITION_UNITS,
    UNIT_CODE,
    extra_columns,
    with_registry_columns,
)
from .titles import TitleResolver, too_long
from .units import UnitResolver

CHUNK = 5_000  # rows per progress report
CADRE_FIELDS = tuple(f.attname for f in Cadre._meta.concrete_fields)
# Columns stored as text of limited length (titles are checked one by one in `titles`).
LENGTHS = {
    "code": Cadre._meta.get_field("code").max_length,
    "full_name": Cadre._meta.get_field("full_name").max_length,
    "ethnicity": Cadre._meta.get_field("ethnicity").max_length,
    "grade": Cadre._meta.get_field("grade").max_length,
    "unit": Assignment._meta.get_field("unit_name").max_length,
}


@dataclass
class RowPlan:
    """What one roster row will do: its values; the registry's values of the cadre it updates (None = a
    new cadre) and that cadre's id; its managing unit; the posts it holds (post, unit, title as written)
    and is planned for (post, title) — None when the file has no such column, which leaves them as they
    are."""

    row: int
    values: dict
    cadre: dict | None
    cadre_id: int | None
    unit_id: int
    posts: list[tuple[int, int, str]] | None
    planned: list[tuple[int, str]] | None


@dataclass
class RosterCheck:
    read: RosterRead
    plans: list[RowPlan]
    problems: list[Problem]
    extra_columns: list[str]


def roster_check(
    read: RosterRead,
    *,
    user,
    unit: Unit,
    on: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> RosterCheck:
    """Every problem of the file (the reader's and the registry's), and the plan of each row. `progress`
    hears (rows checked, rows) after every chunk of rows."""
    read = with_registry_columns(read)
    frame, header = read.frame, read.header
    columns = set(frame.columns)
    problems = list(read.problems) + _too_long(read)
    by_code = _existing("code_upper", frame["code"].drop_nulls().str.to_uppercase().to_list())
    by_cid = _existing(
        "citizen_id", frame["citizen_id"].drop_nulls().to_list() if "citizen_id" in columns else []
    )
    paths = scope_paths(user) if user is not None else ("",)
    units = UnitResolver(user, unit, on)
    titles = TitleResolver(units)
    seen_cids: dict[str, int] = {}
    seen_cadres: dict[int, int] = {}
    plans: list[RowPlan] = []
    total = frame.height

    def problem(row: int, key: str, value: str | None, reason: str) -> None:
        problems.append(Problem(row, header(key), value or "", reason))

    for index, (row, values) in enumerate(zip(read.rows.to_list(), frame.iter_rows(named=True), strict=True)):
        if progress is not None and index and index % CHUNK == 0:
            progress(index, total)
        code, cid = values.get("code"), values.get("citizen_id")
        cadre = by_code.get(code.upper()) if code else None
        other = by_cid.get(cid) if cid else None
        if cid and cid in seen_cids:
            problem(row, "citizen_id", cid, _duplicate_citizen_id(seen_cids[cid]))
        elif cid:
            seen_cids[cid] = row
        if any(c is not None and not c["unit__path"].startswith(paths) for c in (cadre, other)):
            # A record the importer may not see: one message whichever field matched and wherever it lies,
            # naming nothing, so that the check tells nothing about what lies outside the scope.
            problem(row, "code", code, _hidden_conflict())
            cadre = other = None
        if cadre and other and other["id"] != cadre["id"]:
            problem(row, "citizen_id", cid, _citizen_id_taken(other["code"]))
        cadre = cadre or other
        if cadre is not None and cadre["id"] in seen_cadres:
            problem(row, "code", code, _same_cadre(seen_cadres[cadre["id"]], cadre["code"]))
        elif cadre is not None:
            seen_cadres[cadre["id"]] = row
        name = values.get("unit")
        found = units.managing(values.get(UNIT_CODE), name if name and len(name) <= LENGTHS["unit"] else None)
        if found.reason:
            problem(row, found.column, values.get(found.column), found.reason)
        managing = found.unit_id or (cadre["unit_id"] if cadre else unit.pk)
        held = planned = None
        if "position" in columns:
            result = titles.resolve("position", values["position"], values.get("tier"), values.get("sector"),
                                    values.get(POSITION_CODES), values.get(POSITION_UNITS))  # fmt: skip
            held = [(post, post_unit or managing, title) for post, post_unit, title in result.posts]
            for key, value, reason in result.problems:
                problem(row, key, value, reason)
        if "planned_position" in columns:
            result = titles.resolve("planned_position", values["planned_position"],
                                    values.get("planned_tier") or values.get("tier"), values.get("sector"),
                                    values.get(PLANNED_CODES))  # fmt: skip
            planned = [(post, title) for post, _unit, title in result.posts]
            for key, value, reason in result.problems:
                problem(row, key, value, reason)
        plans.append(RowPlan(row, values, cadre, cadre["id"] if cadre else None, managing, held, planned))

    if progress is not None:
        progress(total, total)
    problems.sort(key=lambda p: p.row)
    return RosterCheck(read=read, plans=plans, problems=problems, extra_columns=extra_columns(read))


def _duplicate_citizen_id(first: int) -> str:
    return _("Số CCCD trùng với dòng %(row)s: mỗi người chỉ có một số CCCD; hãy kiểm tra lại.") % {
        "row": first
    }


def _citizen_id_taken(code: str) -> str:
    return _("Số CCCD này đã thuộc cán bộ khác (mã %(code)s); hãy kiểm tra lại số CCCD hoặc mã cán bộ.") % {
        "code": code
    }


def _same_cadre(first: int, code: str) -> str:
    return _(
        "Dòng này và dòng %(row)s cùng trỏ tới một cán bộ (mã %(code)s, theo mã hoặc số CCCD); hãy giữ "
        "một dòng."
    ) % {"row": first, "code": code}


def _hidden_conflict() -> str:
    return _(
        "Không thể nhập dòng này: mã cán bộ hoặc số CCCD trùng với một hồ sơ bạn không có quyền xem. Hãy "
        "liên hệ quản trị viên để được kiểm tra."
    )


def _too_long(read: RosterRead) -> list[Problem]:
    """Cells longer than their database column: PostgreSQL would refuse the whole write."""
    found = []
    for key, limit in LENGTHS.items():
        if key not in read.frame.columns:
            continue
        lengths = read.frame[key].str.len_chars()
        bad = (lengths > limit).fill_null(False)
        if bad.any():
            hits = pl.DataFrame({"row": read.rows, "value": read.frame[key], "length": lengths}).filter(bad)
            found += [
                Problem(row, read.header(key), value, too_long(length, limit))
                for row, value, length in hits.iter_rows()
            ]
    return found


def _existing(field_name: str, values: list[str]) -> dict[str, dict]:
    """The registry's cadres whose `field_name` ("code_upper": codes compare whatever their case, or
    "citizen_id") is one of `values`, as dicts of their columns (and their unit's path, for the scope
    check): no model instances for 100,000 rows."""
    found: dict[str, dict] = {}
    values = [v for v in values if "\x00" not in v]  # refused as control characters; no stored value has one
    rows = Cadre.objects.order_by().annotate(code_upper=Upper("code"))
    rows = rows.values(*CADRE_FIELDS, "unit__path", "code_upper")
    for part in among(rows, field_name, values):
        for row in part:
            upper = row.pop("code_upper")
            found[upper if field_name == "code_upper" else row[field_name]] = row
    return found
