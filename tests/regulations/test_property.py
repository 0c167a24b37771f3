"""Property: the bulk path (Polars) and the scalar path (`decide`) agree — eligibility, status, modes,
regulation, institution, the reasons text and whether they rest on an assumption — on random profiles,
for every version, level and date, including birthdays, 29 February, the 2025-08-28/29 switch, the end of
the district centres on 2025-07-01 and an age reference date other than the decision date (DESIGN.md
"Rules as data"); with the shipped rulebook and with one built from catalogue rows the way the
database-backed one is, and with the example provincial regulation for its province and another."""

import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llct.regulations import LEVELS, Rulebook, load_shipped, shipped_texts
from llct.regulations.schema import VersionSpec, parse

from .conftest import frame

TITLES = [
    "Phó Chủ tịch HĐND",
    "PCT UBND xã",
    "Chủ tịch UBND xã",
    "Phó Trưởng phòng Nội vụ",
    "Trưởng phòng",
    "Phó Bí thư Đoàn thanh niên",
    "Bí thư Đảng ủy",
    "Đảng ủy viên",
    "Trưởng Công an xã",
    "Phó Trưởng Công an",
    "Chỉ huy trưởng Quân sự xã",
    "Tiểu đoàn trưởng",
    "Trung đoàn trưởng",
    "Phó Đội trưởng",
    "Công chức",
    "Trưởng thôn",
    "Giảng viên",
    "Chuyên viên",
    "Thành viên HĐTV",
    "Trưởng ban",
    "Kế toán",
    "Chủ tịch Hội Nông dân",
    "Người hoạt động không chuyên trách",
    "Giám đốc Sở",
    "Chức vụ lạ",
    "Tạp vụ",
    "Chủ tịch Hội Khuyến học",
    "Phó Bí thư Chi đoàn",
    "Trưởng ban Kinh tế - Xã hội HĐND",
    "Trưởng bản",
    "Giám đốc Trung tâm Y tế huyện",
    "Ủy viên Ban Thường vụ Đảng ủy xã",
    "Chi hội trưởng Phụ nữ",
    "Phó Chủ tịch Ủy ban MTTQ xã",
    "Phó Trưởng phòng",
    "Giảng viên Trung tâm Chính trị xã",
    "Giảng viên Trường Chính trị tỉnh",
    "Phó Trưởng ban",
    "Huyện ủy viên",
    "Bí thư Chi bộ thôn",
]


def _variant(title: str, form: str) -> str:
    """The same title as people type it: NFD, upper or lower case, the old tone placement (Uỷ, Hoà)."""
    if form == "nfd":
        return unicodedata.normalize("NFD", title)
    if form == "upper":
        return title.upper()
    if form == "lower":
        return title.lower()
    if form == "old_tones":
        return title.replace("Ủy", "Uỷ").replace("ủy", "uỷ").replace("hóa", "hoá").replace("Hòa", "Hoà")
    return title


TIERS = [None, "trung_uong", "tinh", "huyen", "xa"]
SECTORS = [
    None,
    "dang",
    "chinh_quyen",
    "mat_tran_doan_the",
    "quan_doi",
    "cong_an",
    "doanh_nghiep",
    "su_nghiep",
]
SWITCH = [
    dt.date(2025, 8, 28),
    dt.date(2025, 8, 29),
    dt.date(2022, 2, 7),
    dt.date(2022, 2, 8),
    dt.date(2025, 6, 30),
    dt.date(2025, 7, 1),
]

dates = st.dates(dt.date(1950, 1, 1), dt.date(2027, 12, 31))
birth_dates = st.one_of(
    st.dates(dt.date(1955, 1, 1), dt.date(2006, 12, 31)),
    st.sampled_from([dt.date(1996, 2, 29), dt.date(1992, 2, 29), dt.date(1988, 8, 29)]),
)
title = st.builds(
    _variant, st.sampled_from(TITLES), st.sampled_from(["as_is", "nfd", "upper", "lower", "old_tones"])
)
titles = st.lists(title, max_size=2).map(lambda ts: "; ".join(ts) or None)
ratings = st.sampled_from([None, "xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"])

people = st.fixed_dictionaries(
    {
        "birth_date": st.one_of(st.none(), birth_dates),
        "sex": st.sampled_from(["nam", "nu", None]),
        "ethnicity": st.sampled_from(["Kinh", "kinh ", "Tày", "Ê Đê", None, ""]),
        "party_status": st.sampled_from([None, "du_bi", "chinh_thuc"]),
        "education": st.sampled_from(
            [None, "tieu_hoc", "thcs", "thpt", "trung_cap", "cao_dang", "dai_hoc", "tien_si"]
        ),
        "theory_level": st.sampled_from([None, "so_cap", "trung_cap", "cao_cap", "cu_nhan"]),
        "position": titles,
        "tier": st.sampled_from(TIERS),
        "sector": st.sampled_from(SECTORS),
        "planned_position": titles,
        "planned_tier": st.sampled_from(TIERS),
        "grade": st.sampled_from([None, "Chuyên viên", "CVC", "Giảng viên chính", "Cán sự"]),
        "grade_since": st.one_of(st.none(), dates),
        "lecturer_since": st.one_of(st.none(), dates),
        "rating_last": ratings,
        "rating_before_last": ratings,
    }
)


@st.composite
def roster_and_date(draw):
    rows = draw(st.lists(people, min_size=1, max_size=12))
    choice = draw(st.sampled_from(["any", "switch", "birthday"]))
    if choice == "switch":
        on = draw(st.sampled_from(SWITCH))
    elif choice == "birthday" and any(r["birth_date"] for r in rows):
        born = next(r["birth_date"] for r in rows if r["birth_date"])
        year = draw(st.integers(2022, 2027))
        shift = draw(st.sampled_from([-1, 0, 1]))
        try:
            on = born.replace(year=year) + dt.timedelta(days=shift)
        except ValueError:  # 29 February in a common year: the days around it
            on = dt.date(year, 2, 28) + dt.timedelta(days=shift + 1)
    else:
        on = draw(st.dates(dt.date(2021, 6, 1), dt.date(2027, 12, 31)))
    # Age counted on the decision date, or on another day (a birthday just before or after it).
    age_on = draw(
        st.one_of(st.none(), st.sampled_from([-400, -1, 1, 200]).map(lambda d: on + dt.timedelta(d)))
    )
    return rows, on, age_on


def _database_like_rulebook() -> Rulebook:
    """Built through `Rulebook.from_sources` from catalogue rows and stored version texts, as
    llct.eligibility.services.rulebook builds the installation's rulebook (each post also known by the
    token the registry writes)."""
    shipped = load_shipped()
    rows = [
        {"code": p.code, "title": p.title, "aliases": [*p.aliases, f"llctpost{i}"], "sector": p.sector,
         "tier": p.tier, "rank": p.rank, "note": p.note}
        for i, p in enumerate(shipped.catalogue.posts.values())
    ]  # fmt: skip
    texts = shipped_texts()
    stored = {
        parse(VersionSpec, text, name).number: text
        for name, text in texts.items()
        if name.startswith("versions/")
    }
    return Rulebook.from_sources(rows, stored, catalogue_name="danh mục chức vụ (cơ sở dữ liệu)")


def _with_example_overlay() -> Rulebook:
    """The shipped rulebook with the example provincial regulation (province HSN) loaded."""
    texts = shipped_texts()
    versions = {n.removeprefix("versions/"): t for n, t in texts.items() if n.startswith("versions/")}
    overlays = {n: t for n, t in texts.items() if n.startswith("overlays/")}
    return Rulebook.from_sources(texts["posts.yaml"], versions, overlay_texts=overlays)


BOOKS = {
    "shipped": load_shipped(),
    "database-like": _database_like_rulebook(),
    "with-overlay": _with_example_overlay(),
}


@pytest.mark.parametrize("which", list(BOOKS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=roster_and_date(), province=st.sampled_from([None, "HSN", "BS"]))
def test_bulk_equals_scalar(which, case, province):
    book = BOOKS[which]
    rows, on, age_on = case
    roster = frame(rows)
    screened = book.screen(roster, on, age_on=age_on, with_status=True, province=province).rows(named=True)
    assert len(screened) == len(rows) * len(LEVELS)
    for i, row in enumerate(roster.iter_rows(named=True)):
        profile = book.profile(row, on)
        for j, level in enumerate(LEVELS):
            got = screened[i * len(LEVELS) + j]
            want = book.decide(profile, level, on, age_on, province)
            assert (got["code"], got["level"]) == (row["code"], level)
            assert got["eligible"] == want.eligible
            assert got["status"] == want.status
            assert got["modes"] == ";".join(want.modes)
            assert got["regulation"] == want.regulation
            assert got["institution"] == want.institution
            assert got["reasons"] == want.summary
            assert got["assumed"] == want.assumed


@pytest.mark.parametrize("which", list(BOOKS))
def test_rows_whose_post_cells_are_all_empty_are_screened_each(which):
    """Found by the property test: two rows with every cell empty but sex and ethnicity (one combination of
    post cells, no column to tell them apart) still give a decision per row and level."""
    from .conftest import BASE

    blank = {name: None for name in BASE if name != "code"} | {"sex": "nam", "ethnicity": "Kinh"}
    screened = BOOKS[which].screen(frame([blank, blank]), dt.date(2021, 6, 1), with_status=True)
    assert screened.height == 2 * len(LEVELS)
