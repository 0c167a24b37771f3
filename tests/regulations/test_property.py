"""Property: the bulk path (Polars) and the scalar path (`decide`) agree — eligibility, modes, regulation,
institution and the reasons text — on random profiles, for every version, level and date, including
birthdays, 29 February and the 2025-08-28/29 switch (DESIGN.md "Rules as data")."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llct.regulations import LEVELS

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
]
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
SWITCH = [dt.date(2025, 8, 28), dt.date(2025, 8, 29), dt.date(2022, 2, 7), dt.date(2022, 2, 8)]

dates = st.dates(dt.date(1950, 1, 1), dt.date(2027, 12, 31))
birth_dates = st.one_of(
    st.dates(dt.date(1955, 1, 1), dt.date(2006, 12, 31)),
    st.sampled_from([dt.date(1996, 2, 29), dt.date(1992, 2, 29), dt.date(1988, 8, 29)]),
)
titles = st.lists(st.sampled_from(TITLES), max_size=2).map(lambda ts: "; ".join(ts) or None)
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
    return rows, on


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(roster_and_date())
def test_bulk_equals_scalar(book, case):
    rows, on = case
    roster = frame(rows)
    screened = book.screen(roster, on).rows(named=True)
    assert len(screened) == len(rows) * len(LEVELS)
    for i, row in enumerate(roster.iter_rows(named=True)):
        profile = book.profile(row, on)
        for j, level in enumerate(LEVELS):
            got = screened[i * len(LEVELS) + j]
            want = book.decide(profile, level, on)
            assert (got["code"], got["level"]) == (row["code"], level)
            assert got["eligible"] == want.eligible
            assert got["modes"] == ";".join(want.modes)
            assert got["regulation"] == want.regulation
            assert got["institution"] == want.institution
            assert got["reasons"] == want.summary
