"""Importing a roster into the registry: validate the whole file, then write all rows or none, in bulk,
each change in the audit trail with the importer as its author (issue 2, "Roster import and export")."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from llct.registry.models import Unit
from llct.roster import Problem, read_roster

from .check import roster_check
from .write import STAGES, roster_write

# (stage, done, total): stage "check" counts rows, stage "write" counts write stages.
Progress = Callable[[str, int, int], None]


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
    problem: the write is one transaction. Cadres are matched by code, then by citizen ID. `updated`
    counts the existing cadres with any change: their record, posts, planning or ratings."""
    on = on or timezone.localdate()
    report = progress or _quiet
    read = read_roster(source, filename)
    report("check", 0, read.frame.height)
    check = roster_check(
        read, user=user, unit=unit, on=on, progress=lambda done, total: report("check", done, total)
    )
    result = ImportResult(total=read.frame.height, problems=check.problems)
    if check.problems or dry_run:
        return result
    report("write", 0, STAGES)
    with transaction.atomic():
        result.created, result.updated = roster_write(
            check, user=user, on=on, progress=lambda done, total: report("write", done, total)
        )
    result.written = True
    return result


def _quiet(stage: str, done: int, total: int) -> None:
    return None
