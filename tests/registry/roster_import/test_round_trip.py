"""Export → import gives back the same data (issue 2), for generated cadres holding several posts of
different tiers and sectors in different units: identity, posts with their units, planning, ratings."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llct.accounts.models import Role
from llct.registry.choices import Sector, Tier
from llct.registry.models import Assignment, Cadre, PlanningEntry, Post, YearlyRating
from llct.registry.roster_import.export import roster_export
from llct.registry.roster_import.services import roster_import
from llct.registry.services.cadres import cadre_prepare

from .conftest import counts

TODAY = dt.date(2026, 3, 15)
# Same titles at several tiers and in several sectors: only the codes tell them apart in one row.
CATALOGUE = [
    ("BT_DU_XA", "Bí thư Đảng ủy", Sector.PARTY, Tier.COMMUNE, 60),
    ("BT_TU_TINH", "Bí thư Tỉnh ủy", Sector.PARTY, Tier.PROVINCE, 90),
    ("CT_UBND_XA", "Chủ tịch Ủy ban nhân dân", Sector.STATE, Tier.COMMUNE, 58),
    ("CT_UBND_TINH", "Chủ tịch Ủy ban nhân dân", Sector.STATE, Tier.PROVINCE, 88),
    ("TP_TINH", "Trưởng phòng", Sector.STATE, Tier.PROVINCE, 50),
    ("CT_HND_XA", "Chủ tịch Hội Nông dân", Sector.FRONT, Tier.COMMUNE, 40),
    ("CHT_QS_XA", "Chỉ huy trưởng Ban Chỉ huy Quân sự", Sector.ARMY, Tier.COMMUNE, 42),
    ("GV_TCT", "Giảng viên", Sector.PUBLIC_SERVICE, Tier.PROVINCE, 30),
]
UNITS = ["north", "new_commune", "centre", "school"]  # units of Bắc Sơn in force on TODAY
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Lò", "H'"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Ánh", "Ngọc", "Thủy", "Hương", "=SUM(A1)", "Ơn"]
RATINGS = [None, "xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"]
DATES = st.dates(dt.date(1960, 1, 1), dt.date(2025, 12, 31))

cadre = st.fixed_dictionaries(
    {
        "full_name": st.lists(st.sampled_from(FAMILY + GIVEN), min_size=2, max_size=4).map(" ".join),
        "citizen_id": st.one_of(st.none(), st.from_regex(r"\A[0-9]{6}\Z")),  # its serial, completed below
        "birth_date": st.dates(dt.date(1955, 1, 1), dt.date(2004, 12, 31)),
        "sex": st.sampled_from(["nam", "nu"]),
        "ethnicity": st.sampled_from(["Kinh", "Tày", "H'Mông", ""]),
        "party_status": st.sampled_from(["", "du_bi", "chinh_thuc"]),
        "education": st.sampled_from(["", "thpt", "dai_hoc", "tien_si"]),
        "theory_level": st.sampled_from(["", "so_cap", "trung_cap", "cao_cap", "cu_nhan"]),
        "grade": st.sampled_from(["", "Chuyên viên", "Chuyên viên chính"]),
        "grade_since": st.one_of(st.none(), DATES),
        "lecturer_since": st.one_of(st.none(), DATES),
        "unit": st.sampled_from(UNITS),
        "posts": st.lists(
            st.tuples(st.sampled_from([c[0] for c in CATALOGUE]), st.sampled_from(UNITS)),
            max_size=3,
            unique=True,
        ),
        "planned": st.lists(st.sampled_from([c[0] for c in CATALOGUE]), max_size=2, unique=True),
        "ratings": st.tuples(st.sampled_from(RATINGS), st.sampled_from(RATINGS)),
        "extra": st.one_of(
            st.just({}), st.fixed_dictionaries({"Ghi chú": st.sampled_from(["x", "+84 9", "Sở"])})
        ),
    }
)


def _citizen_id(person: dict) -> dict:
    """A citizen ID whose digits agree with the person's birth year and sex (llct.roster.citizen_ids)."""
    if person["citizen_id"] is not None:
        born, female = person["birth_date"], person["sex"] == "nu"
        century = 2 * ((born.year - 1900) // 100) + female
        person["citizen_id"] = f"001{century}{born.year % 100:02d}{person['citizen_id']}"
    return person


cadre = cadre.map(_citizen_id)
cadres = st.lists(cadre, min_size=1, max_size=6, unique_by=lambda c: c["citizen_id"] or id(c))


@pytest.fixture
def catalogue(db):
    return {
        code: Post.objects.create(code=code, title=t, sector=s, tier=tier, rank=r)
        for code, t, s, tier, r in CATALOGUE
    }


def _wipe() -> None:
    for model in (YearlyRating, PlanningEntry, Assignment, Cadre):
        model.objects.all().delete()


def _create(people: list[dict], tree, catalogue) -> None:
    for i, person in enumerate(people):
        fields = {k: v for k, v in person.items() if k not in ("unit", "posts", "planned", "ratings")}
        row = cadre_prepare(Cadre(code=f"HY{i:04d}", unit=tree[person["unit"]], **fields))
        row.save()
        for post, unit in person["posts"]:
            Assignment.objects.create(
                cadre=row, post=catalogue[post], unit=tree[unit], valid_from=dt.date(2021, 5, 1)
            )
        for post in person["planned"]:
            PlanningEntry.objects.create(cadre=row, post=catalogue[post], term="2025-2030")
        for year, rating in zip((TODAY.year - 1, TODAY.year - 2), person["ratings"], strict=True):
            if rating:
                YearlyRating.objects.create(cadre=row, year=year, rating=rating)


def snapshot() -> dict:
    """Everything the roster carries, per cadre code: identity, posts held on TODAY with their units,
    planning in force, the two ratings."""
    out = {}
    for c in Cadre.objects.select_related("unit"):
        identity = (
            c.full_name, c.citizen_id, c.birth_date, c.sex, c.ethnicity, c.party_status, c.education,
            c.theory_level, c.grade, c.grade_since, c.lecturer_since, c.unit.code, c.extra,
        )  # fmt: skip
        posts = sorted(
            Assignment.objects.valid_on(TODAY).filter(cadre=c).values_list("post__code", "unit__code")
        )
        planned = sorted(
            PlanningEntry.objects.valid_on(TODAY).filter(cadre=c).values_list("post__code", flat=True)
        )
        ratings = dict(c.ratings.filter(year__gte=TODAY.year - 2).values_list("year", "rating"))
        out[c.code] = (identity, posts, planned, ratings)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=cadres)
def test_export_then_import_gives_back_the_same_posts_units_planning_ratings(
    tree, catalogue, make_user, people
):
    board = make_user(Role.ORG_BOARD, tree["north"])
    _wipe()
    _create(people, tree, catalogue)
    before = snapshot()
    data = roster_export(Cadre.objects.all(), personal=True, on=TODAY)

    rows = counts()
    again = roster_import(data, "x.xlsx", user=board, unit=tree["north"], on=TODAY)
    assert (again.problems, again.created, again.updated) == ([], 0, 0)
    assert counts() == rows and snapshot() == before

    _wipe()
    fresh = roster_import(data, "x.xlsx", user=board, unit=tree["north"], on=TODAY)
    assert (fresh.problems, fresh.created) == ([], len(people))
    assert snapshot() == before
