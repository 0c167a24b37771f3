"""The rules engine asked about a cadre as they stood on a day of the past: the posts held and planned
that day, Party membership not yet granted, a grade not yet reached, the ratings of the years before, and
the theory level they had before the course — what `llct.eligibility.services.profiles` reads from the
database for today, read here from the province in memory."""

from __future__ import annotations

import datetime as dt

from llct.eligibility.services.rulebook import engine_code
from llct.regulations import Decision, PostRef, Profile, Rulebook

from .people import Person, Province


def _refs(province: Province, post_ids: list[int]) -> tuple[PostRef, ...]:
    posts = [province.posts[pk] for pk in post_ids]
    return tuple(PostRef(code=engine_code(p.code), sector=p.sector, tier=p.tier, rank=p.rank) for p in posts)


def profile_on(
    province: Province, person: Person, day: dt.date, theory_level: str, book: Rulebook
) -> Profile:
    c = person.cadre
    graded = c.grade and c.grade_since is not None and c.grade_since <= day
    return Profile(
        code=c.code,
        birth_date=c.birth_date,
        sex=c.sex or None,
        ethnicity=c.ethnicity or None,
        party_status=person.party_on(day),
        education=c.education or None,
        theory_level=theory_level,
        held=_refs(province, person.posts_on(day)),
        planned=_refs(province, person.planned_on(day)),
        grade=book.catalogue.grade_key(c.grade) if graded else None,
        grade_since=c.grade_since if graded else None,
        lecturer_since=c.lecturer_since if c.lecturer_since and c.lecturer_since <= day else None,
        ratings={year: r for year, r in person.ratings.items() if year <= day.year},
    )


def decide_on(
    book: Rulebook, province: Province, person: Person, level: str, day: dt.date, theory_level: str
) -> Decision:
    """The decision the rules in force on `day` give for sending `person` to `level` that day."""
    return book.decide(profile_on(province, person, day, theory_level, book), level, day)
