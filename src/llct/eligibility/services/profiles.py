"""What the rules read about a cadre of the registry, as it stood on a date, and the decision for one
cadre. The bulk path (`llct.eligibility.selectors.eligible_cadres`) reads the same records in bulk."""

import datetime as dt

from llct.eligibility.services.provincial import province_in, provinces_by_path
from llct.eligibility.services.rulebook import current_rulebook, engine_code
from llct.registry.models import Assignment, Cadre, PlanningEntry
from llct.regulations import Decision, PostRef, Profile, Rulebook


def _ref(post) -> PostRef:
    return PostRef(code=engine_code(post.code), sector=post.sector, tier=post.tier, rank=post.rank)


def profile_from_cadre(cadre: Cadre, on: dt.date, book: Rulebook | None = None) -> Profile:
    """The cadre's profile on `on` (REGULATIONS.md §7: held and planned posts both count, each with its
    dates; age, years in grade and ratings are read on the decision date): posts held through assignments
    in force on `on`, posts planned through planning entries in force on `on`, ratings by year."""
    held = tuple(
        _ref(a.post) for a in Assignment.objects.valid_on(on).filter(cadre=cadre).select_related("post")
    )
    planned = tuple(
        _ref(p.post) for p in PlanningEntry.objects.valid_on(on).filter(cadre=cadre).select_related("post")
    )
    ratings = dict(cadre.ratings.filter(year__lte=on.year).values_list("year", "rating"))
    return Profile(
        code=cadre.code,
        birth_date=cadre.birth_date,
        sex=cadre.sex or None,
        ethnicity=cadre.ethnicity or None,
        party_status=cadre.party_status or "",
        education=cadre.education or None,
        theory_level=cadre.theory_level or "",
        held=held,
        planned=planned,
        grade=(book or current_rulebook()).catalogue.grade_key(cadre.grade),
        grade_since=cadre.grade_since,
        lecturer_since=cadre.lecturer_since,
        ratings=ratings,
    )


def decide_for_cadre(cadre: Cadre, level: str, on: dt.date) -> Decision:
    """The rule decision for one cadre, level and date, under the regulation version in force on `on`,
    with the installation's current catalogue and versions, and the implementing regulation of the cadre's
    province when it has one. Special cases are not applied here: they are shown beside the decision
    (`special_cases_for`)."""
    book = current_rulebook()
    province = province_in(cadre.unit.path, provinces_by_path(book))
    return book.decide(profile_from_cadre(cadre, on, book), level, on, province=province)
