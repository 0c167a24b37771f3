"""The cadre roster interchange format (spec/roster-format.md): read and write .xlsx, .csv and .parquet.

Pure Python and Polars, no Django: the registry import, exports and the bulk screening all use it.
"""

from .columns import BY_KEY, COLUMNS, HEADERS, KEYS, REQUIRED, VOCABULARIES, Column, Kind
from .errors import Problem, RosterError
from .reader import MAX_CELL_BYTES, RosterRead, read_roster
from .writer import write_roster

__all__ = [
    "BY_KEY",
    "COLUMNS",
    "HEADERS",
    "KEYS",
    "MAX_CELL_BYTES",
    "REQUIRED",
    "VOCABULARIES",
    "Column",
    "Kind",
    "Problem",
    "RosterError",
    "RosterRead",
    "read_roster",
    "write_roster",
]
