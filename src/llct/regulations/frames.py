"""From the canonical roster frame (llct.roster's reader; snake_case keys of roster-format.md) to what the
rules read: post titles resolved against the catalogue, grades named, ratings dated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import PostRef, Profile
from .texts import title_problem

if TYPE_CHECKING:
    from .rulebook import Catalogue
    from .titles import TitleMatch

ROSTER_COLUMNS = (
    "code",
    "birth_date",
    "sex",
    "ethnicity",
    "party_status",
    "education",
    "theory_level",
    "position",
    "tier",
    "sector",
    "planned_position",
    "planned_tier",
    "grade",
    "grade_since",
    "lecturer_since",
    "rating_last",
    "rating_before_last",
)


def split_titles(cell: str | None) -> list[str]:
    """Several titles in one cell are separated by ";"."""
    return [t.strip() for t in (cell or "").split(";") if t.strip()]


@dataclass(frozen=True, slots=True)
class TitleProblem:
    """A title of a row that names no single catalogue post, as read with the row's tier and sector."""

    title: str
    planned: bool
    tier: str | None
    sector: str | None
    match: TitleMatch

    @property
    def text(self) -> str:
        return title_problem(self.title, self.planned, self.match)


def resolve_posts(
    catalogue: Catalogue,
    position: str | None,
    tier: str | None,
    sector: str | None,
    planned_position: str | None,
    planned_tier: str | None,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[TitleProblem, ...]]:
    """Held post codes, planned post codes (the planned tier is Cấp quy hoạch, else Cấp), and the titles
    that name no single post. Remembered per catalogue: a roster repeats its post cells."""
    key = (position, tier, sector, planned_position, planned_tier)
    found = catalogue.resolved.get(key)
    if found is None:
        found = catalogue.resolved[key] = _resolve_posts(catalogue, *key)
    return found


def _resolve_posts(
    catalogue: Catalogue,
    position: str | None,
    tier: str | None,
    sector: str | None,
    planned_position: str | None,
    planned_tier: str | None,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[TitleProblem, ...]]:
    held: list[str] = []
    planned: list[str] = []
    problems: list[TitleProblem] = []
    for titles, row_tier, out, is_planned in (
        (split_titles(position), tier, held, False),
        (split_titles(planned_position), planned_tier or tier, planned, True),
    ):
        for title in titles:
            match = catalogue.matcher.resolve(title, row_tier, sector)
            if match.post is None:
                problems.append(TitleProblem(title, is_planned, row_tier, sector, match))
            else:
                out.append(match.post.code)
    return tuple(held), tuple(planned), tuple(problems)


def profile_from_row(catalogue: Catalogue, row: Mapping[str, Any], on: dt.date) -> Profile:
    """Profile of one roster row; ratings are "last year" = on.year − 1, "the year before" = on.year − 2."""
    held, planned, problems = resolve_posts(
        catalogue,
        row.get("position"),
        row.get("tier"),
        row.get("sector"),
        row.get("planned_position"),
        row.get("planned_tier"),
    )
    ratings = {
        year: row[key]
        for year, key in ((on.year - 1, "rating_last"), (on.year - 2, "rating_before_last"))
        if row.get(key)
    }
    posts = catalogue.posts
    return Profile(
        code=str(row.get("code") or ""),
        birth_date=row.get("birth_date"),
        sex=row.get("sex"),
        ethnicity=row.get("ethnicity"),
        party_status=row.get("party_status") or "",
        education=row.get("education"),
        theory_level=row.get("theory_level") or "",
        held=tuple(PostRef(c, posts[c].sector, posts[c].tier, posts[c].rank) for c in held),
        planned=tuple(PostRef(c, posts[c].sector, posts[c].tier, posts[c].rank) for c in planned),
        grade=catalogue.grade_key(row.get("grade")),
        grade_since=row.get("grade_since"),
        lecturer_since=row.get("lecturer_since"),
        ratings=ratings,
        unjudgeable=tuple(p.text for p in problems),
    )
