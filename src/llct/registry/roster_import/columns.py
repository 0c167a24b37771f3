"""The registry's own columns of a roster file, beside the format's (roster-format.md).

The format has one Cấp, one Khối and one Đơn vị per person, but a cadre may hold several posts of
different tiers and sectors in different units (Bí thư Đảng ủy xã and Chủ tịch UBND tỉnh). So that export
→ import gives back the same data, the export adds four columns; to the format they are unknown columns,
which every reader keeps and passes through, and this importer reads them back:

    Mã đơn vị              the code of the managing unit (Đơn vị is its name, which may be shared)
    Mã chức vụ             the catalogue code of each title of Chức vụ, in the same order, ";"-separated
    Mã đơn vị công tác     the code of the unit of each title of Chức vụ (empty = the managing unit)
    Mã chức vụ quy hoạch   the catalogue code of each title of Chức vụ quy hoạch

A code wins over Cấp, Khối and the unit's name only while it agrees with what is written beside it (the
title still names that post, the name that unit); when someone edits one and not the other, the row is
reported, never guessed. A file without these columns is read by titles, Cấp and Khối as the format says.
"""

from llct.roster import RosterRead
from llct.roster.columns import header_key

UNIT_CODE = "unit_code"
POSITION_CODES = "position_codes"
POSITION_UNITS = "position_units"
PLANNED_CODES = "planned_codes"

HEADERS = {
    UNIT_CODE: "Mã đơn vị",
    POSITION_CODES: "Mã chức vụ",
    POSITION_UNITS: "Mã đơn vị công tác",
    PLANNED_CODES: "Mã chức vụ quy hoạch",
}
_BY_HEADER = {header_key(h): key for key, h in HEADERS.items()} | {header_key(k): k for k in HEADERS}


def with_registry_columns(read: RosterRead) -> RosterRead:
    """`read` with the registry's columns renamed to their keys (their header as written kept for
    messages); the remaining unknown columns are the ones kept in `Cadre.extra`."""
    renames = {}
    for name in read.unknown_columns:
        key = _BY_HEADER.get(header_key(name))
        if key is not None and key not in renames.values():
            renames[name] = key
    if not renames:
        return read
    headers = {k: v for k, v in read.headers.items() if k not in renames}
    headers.update({key: name for name, key in renames.items()})
    return RosterRead(
        frame=read.frame.rename(renames), rows=read.rows, headers=headers, problems=read.problems
    )


def extra_columns(read: RosterRead) -> list[str]:
    """Unknown columns of the file that are not the registry's: kept as they are in `Cadre.extra`."""
    return [c for c in read.unknown_columns if c not in HEADERS]


def split(cell: str | None) -> list[str]:
    """The ";"-separated items of a cell, blanks kept (an empty unit code means the managing unit)."""
    return [item.strip() for item in cell.split(";")] if cell and cell.strip() else []
