"""Screening of an uploaded roster for the API: every row and level with its reasons as data, the counts
per level and the titles that name no single post — what `llct screen` writes and prints."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from llct.eligibility.services.rulebook import current_rulebook
from llct.regulations import Reason
from llct.regulations.bulk import screen_with_titles
from llct.regulations.report import LevelCounts, UnmatchedTitle, level_counts, unmatched_titles
from llct.roster import RosterRead


@dataclass(frozen=True)
class ScreenedRow:
    code: str
    level: str
    eligible: bool
    status: str
    modes: str
    regulation: str
    institution: str | None
    summary: str  # the reasons column of the screening output
    assumed: bool  # the summary rests on an assumption
    reasons: tuple[Reason, ...]  # the same reasons, one object each


@dataclass(frozen=True)
class RosterScreening:
    rows: list[ScreenedRow]
    counts: dict[str, LevelCounts]
    unmatched: list[UnmatchedTitle]


def roster_screen(
    read: RosterRead,
    on: dt.date,
    levels: Sequence[str],
    age_on: dt.date | None = None,
    province: str | None = None,
) -> RosterScreening:
    """Screen `read` with the installation's rules in one bulk pass. The reasons of each distinct short
    explanation come from the scalar decision of one person who has it: the two paths agree
    (tests/regulations/test_property.py), so every row with that explanation has exactly these reasons."""
    book = current_rulebook()
    result, titles = screen_with_titles(book, read.frame, on, levels, age_on=age_on, province=province)
    per_person = result.height // max(read.frame.height, 1)
    examples = (
        result.with_row_index("i")
        .group_by("level", "reasons")
        .agg((pl.col("i").first() // per_person).alias("person"))
    )
    explained: dict[tuple[str, str], tuple[Reason, ...]] = {}
    for level, summary, person in examples.select(
        pl.col("level", "reasons").cast(pl.String), "person"
    ).iter_rows():
        profile = book.profile(read.frame.row(person, named=True), on)
        decision = book.decide(profile, level, on, age_on, province)
        explained[level, summary] = tuple(r for r in decision.reasons if r.shown)
    rows = [
        ScreenedRow(
            code=row["code"],
            level=row["level"],
            eligible=row["eligible"],
            status=row["status"],
            modes=row["modes"],
            regulation=row["regulation"],
            institution=row["institution"],
            summary=row["reasons"],
            assumed=row["assumed"],
            reasons=explained[row["level"], row["reasons"]],
        )
        for row in result.iter_rows(named=True)
    ]
    return RosterScreening(
        rows, level_counts(result), unmatched_titles(book.catalogue.matcher, titles, read.rows)
    )
