"""Table-driven scenarios, one per clause encoded (each id names its clause), and boundary cases:
birthdays, 29 February, the QĐ 57 → QĐ 350 switch on 2025-08-28/29."""

import datetime as dt

import pytest

from .conftest import frame

D57 = dt.date(2024, 5, 1)
D350 = dt.date(2026, 6, 1)

# (id naming the clause, row overrides, level, date, eligible, modes or None, text expected in the reasons)
SCENARIOS = [
    ("QĐ57 Đ4 a: đảng viên, THCS → sơ cấp", {"education": "thcs"}, "so_cap", D57, True, None, "đảng viên"),
    (
        "QĐ57 Đ4: học vấn dưới THCS → không",
        {"education": "tieu_hoc", "party_status": None},
        "so_cap",
        D57,
        False,
        None,
        "Trình độ học vấn: Tiểu học",
    ),
    (
        "QĐ57 Đ4 b: công chức xã → sơ cấp",
        {"party_status": None, "position": "Công chức Tư pháp - Hộ tịch"},
        "so_cap",
        D57,
        True,
        None,
        "công chức cấp xã",
    ),
    (
        "QĐ57 Đ4 b: trưởng công an xã không thuộc nhóm công chức xã",
        {"party_status": None, "position": "Trưởng Công an xã", "sector": "cong_an"},
        "so_cap",
        D57,
        True,
        None,
        "[Giả định] Thuộc đối tượng Sơ cấp: người khác có nguyện vọng",
    ),
    (
        "QĐ57 Đ4 c: trưởng thôn → sơ cấp",
        {"party_status": None, "position": "Trưởng thôn"},
        "so_cap",
        D57,
        True,
        None,
        "không chuyên trách",
    ),
    (
        "QĐ57 Đ5 a: phó chủ tịch UBND xã → trung cấp",
        {"position": "PCT UBND xã"},
        "trung_cap",
        D57,
        True,
        None,
        "Điều 5, khoản 1, tiết 1.1, điểm a",
    ),
    (
        "QĐ57 Đ5 b: phó trưởng phòng huyện",
        {"position": "Phó Trưởng phòng Nội vụ", "tier": "huyen"},
        "trung_cap",
        D57,
        True,
        None,
        "Điều 5, khoản 1, tiết 1.1, điểm b",
    ),
    (
        "QĐ57 Đ5 b: phó trưởng ban tổng công ty",
        {"position": "Phó Trưởng ban", "tier": "trung_uong", "sector": "doanh_nghiep"},
        "trung_cap",
        D57,
        True,
        None,
        "tập đoàn",
    ),
    (
        "QĐ57 Đ5 c: quy hoạch phó trưởng phòng trung ương",
        {
            "planned_position": "Phó Trưởng phòng",
            "planned_tier": "trung_uong",
            "position": "Chuyên viên",
            "tier": "trung_uong",
        },
        "trung_cap",
        D57,
        True,
        None,
        "quy hoạch Phó Trưởng phòng",
    ),
    (
        "QĐ57 Đ5 d: tiểu đoàn trưởng",
        {"position": "Tiểu đoàn trưởng", "sector": "quan_doi", "tier": "tinh"},
        "trung_cap",
        D57,
        True,
        None,
        "Điều 5, khoản 1, tiết 1.2",
    ),
    (
        "QĐ57 Đ5 đ: công an — danh sách để ngỏ",
        {"position": "Phó Trưởng Công an xã", "sector": "cong_an"},
        "trung_cap",
        D57,
        False,
        None,
        "nhóm đối tượng chưa xác định đủ: chức vụ trong Công an nhân dân",
    ),
    (
        "QĐ57 Đ5 e: chuyên viên 6 năm (giả định nguồn)",
        {
            "position": "Chuyên viên",
            "tier": "tinh",
            "grade": "Chuyên viên",
            "grade_since": dt.date(2018, 5, 1),
        },
        "trung_cap",
        D57,
        True,
        None,
        "[Giả định] Thuộc đối tượng Trung cấp: giữ ngạch chuyên viên",
    ),
    (
        "QĐ57 Đ5 e: chuyên viên 5 năm → không",
        {
            "position": "Chuyên viên",
            "tier": "tinh",
            "grade": "Chuyên viên",
            "grade_since": dt.date(2018, 5, 2),
        },
        "trung_cap",
        D57,
        False,
        None,
        "Không thuộc đối tượng Trung cấp",
    ),
    (
        "QĐ57 Đ5 g: giảng viên LLCT",
        {"lecturer_since": dt.date(2023, 1, 1)},
        "trung_cap",
        D57,
        True,
        None,
        "giảng viên LLCT 1 năm",
    ),
    (
        "QĐ57 Đ5: cao đẳng là đủ",
        {"position": "PCT UBND xã", "education": "cao_dang"},
        "trung_cap",
        D57,
        True,
        None,
        None,
    ),
    (
        "QĐ57 Đ5: THPT không đủ với người Kinh",
        {"position": "PCT UBND xã", "education": "thpt"},
        "trung_cap",
        D57,
        False,
        None,
        "yêu cầu Cao đẳng trở lên",
    ),
    (
        "QĐ57 Đ5: THPT đủ với người dân tộc thiểu số",
        {"position": "PCT UBND xã", "education": "thpt", "ethnicity": "Tày"},
        "trung_cap",
        D57,
        True,
        None,
        None,
    ),
    (
        "QĐ57 Đ5: nữ 32 tuổi chỉ học tập trung",
        {"position": "PCT UBND xã", "sex": "nu", "birth_date": dt.date(1991, 6, 1)},
        "trung_cap",
        D57,
        True,
        ("tap_trung",),
        "Nữ, 32 tuổi < 33: chỉ học tập trung — Điều 5, khoản ?, QĐ 57-QĐ/TW",
    ),
    (
        "QĐ57 Đ6: giảng viên 5 năm → cao cấp",
        {"lecturer_since": dt.date(2019, 5, 1)},
        "cao_cap",
        D57,
        True,
        None,
        "giảng viên LLCT 5 năm",
    ),
    (
        "QĐ57 Đ6: giảng viên 4 năm → không",
        {"lecturer_since": dt.date(2019, 5, 2)},
        "cao_cap",
        D57,
        False,
        None,
        None,
    ),
    (
        "QĐ57 Đ6: chuyên viên chính 4 năm",
        {"grade": "CVC", "grade_since": dt.date(2020, 1, 1)},
        "cao_cap",
        D57,
        True,
        None,
        "Chuyên viên chính, 4 năm",
    ),
    (
        "QĐ57 Đ6: đảng viên dự bị không đủ",
        {"grade": "CVC", "grade_since": dt.date(2020, 1, 1), "party_status": "du_bi"},
        "cao_cap",
        D57,
        False,
        None,
        "yêu cầu chính thức",
    ),
    ("QĐ350: sơ cấp không mở", {}, "so_cap", D350, False, None, "Bậc Sơ cấp không mở"),
    (
        "QĐ350 trung cấp: cấp ủy viên cơ sở",
        {"position": "Đảng ủy viên", "sector": "dang"},
        "trung_cap",
        D350,
        True,
        None,
        "cấp ủy viên chi bộ cơ sở",
    ),
    (
        "QĐ350 trung cấp: phó trưởng phòng cấp huyện không còn",
        {"position": "Phó Trưởng phòng", "tier": "huyen"},
        "trung_cap",
        D350,
        False,
        None,
        "Không thuộc đối tượng Trung cấp",
    ),
    (
        "QĐ350 trung cấp: phó đội trưởng công an",
        {"position": "Phó Đội trưởng", "tier": "tinh", "sector": "cong_an"},
        "trung_cap",
        D350,
        True,
        None,
        "phó đội trưởng",
    ),
    (
        "QĐ350 trung cấp: xếp loại hoàn thành nhiệm vụ → không",
        {"position": "PCT UBND xã", "rating_last": "hoan_thanh"},
        "trung_cap",
        D350,
        False,
        None,
        "2025: Hoàn thành nhiệm vụ",
    ),
    (
        "QĐ350 trung cấp: nam 29 tuổi chỉ tập trung",
        {"position": "PCT UBND xã", "birth_date": dt.date(1996, 6, 2)},
        "trung_cap",
        D350,
        True,
        ("tap_trung",),
        "Nam, 29 tuổi < 30",
    ),
    (
        "QĐ350 cao cấp: chủ tịch UBND xã",
        {"position": "Chủ tịch UBND xã"},
        "cao_cap",
        D350,
        True,
        None,
        "[Giả định] Đảng viên: chính thức",
    ),
    (
        "QĐ350 cao cấp: trưởng phòng cấp xã không",
        {"position": "Trưởng phòng Văn hóa"},
        "cao_cap",
        D350,
        False,
        None,
        None,
    ),
    (
        "QĐ350 cao cấp: trưởng phòng cấp tỉnh",
        {"position": "Trưởng phòng", "tier": "tinh"},
        "cao_cap",
        D350,
        True,
        None,
        "trưởng phòng và tương đương cấp tỉnh",
    ),
    (
        "QĐ350 cao cấp: trung đoàn trưởng",
        {"position": "Trung đoàn trưởng", "sector": "quan_doi", "tier": "tinh"},
        "cao_cap",
        D350,
        True,
        None,
        None,
    ),
    (
        "QĐ350 cao cấp: tuổi theo QĐ 57 là giả định",
        {"position": "Chủ tịch UBND xã", "sex": "nu", "birth_date": dt.date(1990, 1, 1)},
        "cao_cap",
        D350,
        True,
        ("tap_trung",),
        "[Giả định] Nữ, 36 tuổi < 38",
    ),
    (
        "Đã có trình độ: cử nhân ≥ cao cấp",
        {"theory_level": "cu_nhan", "lecturer_since": dt.date(2000, 1, 1)},
        "cao_cap",
        D57,
        False,
        None,
        "Đã có trình độ LLCT Cử nhân",
    ),
    (
        "Không xét được: thiếu ngày sinh",
        {"birth_date": None, "position": "PCT UBND xã"},
        "trung_cap",
        D57,
        False,
        None,
        "Không xét được: thiếu ngày sinh",
    ),
    (
        "QĐ57 Đ4 a: hội viên đoàn thể ở cơ sở (chi hội trưởng)",
        {"party_status": None, "position": "Chi hội trưởng Phụ nữ", "sector": "mat_tran_doan_the"},
        "so_cap",
        D57,
        True,
        None,
        "Thuộc đối tượng Sơ cấp: đoàn viên, hội viên các tổ chức chính trị - xã hội ở cơ sở (Chi hội trưởng)",
    ),
    (
        "QĐ57 Đ5 a: chủ tịch Ủy ban MTTQ xã",
        {"position": "Chủ tịch Ủy ban MTTQ xã", "sector": "mat_tran_doan_the"},
        "trung_cap",
        D57,
        True,
        None,
        "(Chủ tịch Ủy ban MTTQ xã) — Điều 5, khoản 1, tiết 1.1, điểm a, QĐ 57-QĐ/TW",
    ),
    (
        "QĐ57 Đ5 a: chủ tịch Hội Nông dân xã (người đứng đầu tổ chức chính trị - xã hội)",
        {"position": "Chủ tịch Hội Nông dân xã", "sector": "mat_tran_doan_the"},
        "trung_cap",
        D57,
        True,
        None,
        "(Chủ tịch Hội Nông dân xã) — Điều 5, khoản 1, tiết 1.1, điểm a",
    ),
    (
        "QĐ57 Đ5 a: phó chủ tịch Hội Cựu chiến binh xã (cấp phó)",
        {"position": "Phó Chủ tịch Hội Cựu chiến binh xã", "sector": "mat_tran_doan_the"},
        "trung_cap",
        D57,
        True,
        None,
        "Điều 5, khoản 1, tiết 1.1, điểm a",
    ),
    (
        "QĐ57 Đ5 b: phó trưởng ban công ty nhà nước tỉnh không thuộc (chỉ tập đoàn, tổng công ty)",
        {"position": "Phó Trưởng ban", "tier": "tinh", "sector": "doanh_nghiep"},
        "trung_cap",
        D57,
        False,
        None,
        "Không thuộc đối tượng Trung cấp (chức vụ: Phó Trưởng phòng, ban (công ty nhà nước tỉnh))",
    ),
    (
        "QĐ57 Đ6: giảng viên 5 năm — giả định giảng dạy ở học viện, trường",
        {"lecturer_since": dt.date(2019, 5, 1)},
        "cao_cap",
        D57,
        True,
        None,
        "[Giả định] Thuộc đối tượng Cao cấp: giảng viên trực tiếp giảng dạy lý luận chính trị từ 5 năm tại "
        "học viện, trường",
    ),
    (
        "Đã có trình độ: trung cấp → không cử học trung cấp nữa",
        {"position": "PCT UBND xã", "theory_level": "trung_cap"},
        "trung_cap",
        D57,
        False,
        None,
        "Đã có trình độ LLCT Trung cấp (từ Trung cấp trở lên): không cần cử đi học — Điều 5, QĐ 57-QĐ/TW",
    ),
    (
        "Đã có trình độ: cao cấp → không cử học trung cấp",
        {"position": "PCT UBND xã", "theory_level": "cao_cap"},
        "trung_cap",
        D350,
        False,
        None,
        "Đã có trình độ LLCT Cao cấp (từ Trung cấp trở lên)",
    ),
    (
        "QĐ350 trung cấp: trưởng phòng doanh nghiệp nhà nước tỉnh",
        {"position": "Trưởng phòng", "tier": "tinh", "sector": "doanh_nghiep"},
        "trung_cap",
        D350,
        True,
        None,
        "doanh nghiệp nhà nước: trưởng ban, phòng trở lên",
    ),
    (
        "QĐ350 trung cấp: phó trưởng ban tổng công ty không đủ (từ trưởng ban)",
        {"position": "Phó Trưởng ban", "tier": "trung_uong", "sector": "doanh_nghiep"},
        "trung_cap",
        D350,
        False,
        None,
        "Không thuộc đối tượng Trung cấp",
    ),
    (
        "QĐ350 trung cấp: giảng viên (giả định sẽ dạy chương trình trung cấp)",
        {"lecturer_since": dt.date(2024, 1, 1)},
        "trung_cap",
        D350,
        True,
        None,
        "[Giả định] Thuộc đối tượng Trung cấp: giảng viên sẽ giảng dạy chương trình trung cấp",
    ),
    (
        "QĐ350 trung cấp: phó trưởng công an xã",
        {"position": "Phó Trưởng Công an xã", "sector": "cong_an"},
        "trung_cap",
        D350,
        True,
        None,
        "công an: phó trưởng công an xã, phó đội trưởng trở lên (Phó Trưởng Công an xã)",
    ),
    (
        "QĐ350 cao cấp: ủy viên ban thường vụ đảng ủy xã [?]",
        {"position": "Ủy viên Ban Thường vụ Đảng ủy xã", "sector": "dang"},
        "cao_cap",
        D350,
        True,
        None,
        "[Giả định] Thuộc đối tượng Cao cấp: ủy viên ban thường vụ cấp ủy cấp trên trực tiếp cơ sở trở lên",
    ),
    (
        "QĐ350 cao cấp: đảng ủy viên xã chưa là ủy viên ban thường vụ",
        {"position": "Đảng ủy viên", "sector": "dang"},
        "cao_cap",
        D350,
        False,
        None,
        "Không thuộc đối tượng Cao cấp",
    ),
    (
        "QĐ350 cao cấp: trưởng công an xã",
        {"position": "Trưởng Công an xã", "sector": "cong_an"},
        "cao_cap",
        D350,
        True,
        None,
        "Thuộc đối tượng Cao cấp: công an: trưởng công an xã (Trưởng Công an xã)",
    ),
    (
        "QĐ350 cao cấp: phó trưởng phòng công an tỉnh",
        {"position": "Phó Trưởng phòng", "tier": "tinh", "sector": "cong_an"},
        "cao_cap",
        D350,
        True,
        None,
        "công an: phó trưởng phòng trở lên (Phó Trưởng phòng (Công an tỉnh))",
    ),
    (
        "QĐ350 cao cấp: phó đội trưởng công an tỉnh không đủ",
        {"position": "Phó Đội trưởng", "tier": "tinh", "sector": "cong_an"},
        "cao_cap",
        D350,
        False,
        None,
        "Không thuộc đối tượng Cao cấp",
    ),
    (
        "QĐ350 cao cấp: thành viên hội đồng thành viên doanh nghiệp [?]",
        {"position": "Thành viên HĐTV", "tier": "tinh", "sector": "doanh_nghiep"},
        "cao_cap",
        D350,
        True,
        None,
        "[Giả định] Thuộc đối tượng Cao cấp: doanh nghiệp nhà nước: hội đồng thành viên",
    ),
    (
        "QĐ350 cao cấp: trưởng phòng doanh nghiệp không thuộc",
        {"position": "Trưởng phòng", "tier": "tinh", "sector": "doanh_nghiep"},
        "cao_cap",
        D350,
        False,
        None,
        "Không thuộc đối tượng Cao cấp",
    ),
    (
        "Không xét được: thiếu giới tính",
        {"sex": None, "position": "PCT UBND xã"},
        "trung_cap",
        D57,
        False,
        None,
        "Không xét được: thiếu giới tính — Điều 5, QĐ 57-QĐ/TW",
    ),
    (
        "Không xét được: chức vụ ứng với nhiều chức vụ (Cấp Tỉnh, không có Khối)",
        {"position": "Phó Trưởng phòng", "tier": "tinh", "sector": None},
        "trung_cap",
        D57,
        False,
        None,
        "chức vụ «Phó Trưởng phòng» ứng với nhiều chức vụ trong danh mục",
    ),
    (
        "Không xét được: chức vụ lạ",
        {"position": "Tạp vụ kiêm bảo vệ"},
        "trung_cap",
        D57,
        False,
        None,
        "chức vụ «Tạp vụ kiêm bảo vệ» không có trong danh mục",
    ),
]


@pytest.mark.parametrize(
    ("case", "row", "level", "on", "eligible", "modes", "text"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_clause(book, case, row, level, on, eligible, modes, text):
    roster = frame([row])
    decision = book.decide(book.profile(roster.row(0, named=True), on), level, on)
    assert decision.eligible is eligible, decision.summary
    if modes is not None:
        assert decision.modes == modes
    if text is not None:
        assert text in decision.summary
    assert book.screen(roster, on, [level])["reasons"][0] == decision.summary


def test_missing_sex_cannot_be_judged_at_any_offered_level(book):
    roster = frame([{"sex": None, "position": "PCT UBND xã"}])
    for on in (D57, D350):
        screened = book.screen(roster, on, with_status=True)
        profile = book.profile(roster.row(0, named=True), on)
        for row in screened.iter_rows(named=True):
            decision = book.decide(profile, row["level"], on)
            assert row["status"] == decision.status
            assert decision.status == ("not_offered" if not decision.offered else "not_judged")


@pytest.mark.parametrize(
    ("age_on", "age", "modes"),
    [
        (None, 32, ("tap_trung",)),  # the decision date
        (dt.date(2024, 6, 1), 33, ("tap_trung", "khong_tap_trung")),  # the birthday has passed then
        (dt.date(2024, 5, 31), 32, ("tap_trung",)),
    ],
)
def test_age_reference_date_QD57_D5_is_configurable(book, age_on, age, modes):
    """REGULATIONS.md §3.2: age in completed years on the decision date [I] — the date can be set."""
    roster = frame([{"position": "PCT UBND xã", "sex": "nu", "birth_date": dt.date(1991, 6, 1)}])
    decision = book.decide(book.profile(roster.row(0, named=True), D57), "trung_cap", D57, age_on)
    assert decision.modes == modes
    note = f" (tính đến ngày {age_on:%d/%m/%Y})" if age_on else ""
    assert f"Nữ, {age} tuổi{note} " in decision.summary
    mode_reason = next(r for r in decision.reasons if r.condition == "modes")
    assert (mode_reason.value, mode_reason.threshold) == (f"Nữ, {age} tuổi{note}", "Nữ từ 33 tuổi")
    screened = book.screen(roster, D57, ["trung_cap"], age_on=age_on).row(0, named=True)
    assert (screened["modes"], screened["reasons"]) == (";".join(modes), decision.summary)


def test_not_judged_and_not_offered_flags(book):
    roster = frame([{"birth_date": None}])
    profile = book.profile(roster.row(0, named=True), D57)
    assert not book.decide(profile, "trung_cap", D57).judged
    assert not book.decide(profile, "so_cap", D350).offered


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (dt.date(1991, 5, 1), dt.date(2024, 5, 1), 33),  # birthday: the year is completed
        (dt.date(1991, 5, 2), dt.date(2024, 5, 1), 32),  # the day before
        (dt.date(1992, 2, 29), dt.date(2025, 2, 28), 32),  # 29 February, common year: not yet
        (dt.date(1992, 2, 29), dt.date(2025, 3, 1), 33),
        (dt.date(1992, 2, 29), dt.date(2024, 2, 29), 32),  # leap year: on the day
    ],
)
def test_age_on_birthday_QD57_D5_part_time_from_33(book, birth, on, age):
    roster = frame([{"position": "PCT UBND xã", "sex": "nu", "birth_date": birth}])
    decision = book.decide(book.profile(roster.row(0, named=True), on), "trung_cap", on)
    assert f"Nữ, {age} tuổi" in decision.summary
    assert ("khong_tap_trung" in decision.modes) is (age >= 33)
    assert book.screen(roster, on, ["trung_cap"])["modes"][0] == ";".join(decision.modes)


@pytest.mark.parametrize(
    ("on", "regulation", "so_cap_offered"),
    [(dt.date(2025, 8, 28), "57-QĐ/TW", True), (dt.date(2025, 8, 29), "350-QĐ/TW", False)],
)
def test_version_switch_2025_08_28_29(book, on, regulation, so_cap_offered):
    assert book.version_on(on).number == regulation
    decision = book.decide(book.profile(frame([{}]).row(0, named=True), on), "so_cap", on)
    assert decision.offered is so_cap_offered and decision.regulation == regulation
    assert book.competent_institution("so_cap", on) == (
        "trung_tam_chinh_tri_huyen" if so_cap_offered else None
    )


def test_before_any_version(book):
    on = dt.date(2020, 1, 1)
    decision = book.decide(book.profile(frame([{}]).row(0, named=True), on), "trung_cap", on)
    assert not decision.eligible and decision.regulation == ""
