"""The timetable of the demo province's past: which institution ran which class, when, for whom.

- The four district political centres (QĐ 208-QĐ/TW, from 08/11/2019) run a sơ cấp class in spring and
  one in autumn and the refresher courses of their tasks 1–3 (Party awareness, new Party members, skills,
  topics, updates) until the district tier ends on 30/06/2025; what falls in the pandemic pauses of 2020
  and 2021 is postponed to the end of the pause.
- The two provincial schools run trung cấp classes, full-time and part-time, from 08/02/2022 (QĐ 57-QĐ/TW,
  the allocation the rules hold) until 30/06/2025; the merged province's school from 01/07/2025.
- The regional academy I trains the province's cao cấp learners full-time.
- The three commune-level centres (QĐ 360-QĐ/TW, from 29/08/2025) run their five programmes (QĐ 1147) month
  by month; the last weeks before `as_of` belong to the classes of today's demo (`llct.demo.training`).
"""

from __future__ import annotations

import datetime as dt

from llct.registry.choices import UnitKind
from llct.registry.models import Unit
from llct.training.choices import StudyMode
from llct.training.models import Programme

from ..tree import PROVINCE_NAME
from .context import Course
from .people import STEP, Province

DISTRICT_CENTRES_FROM = dt.date(2019, 11, 8)  # QĐ 208-QĐ/TW
DISTRICT_TIER_END = dt.date(2025, 6, 30)
COMMUNE_CENTRES_FROM = dt.date(2025, 8, 29)  # QĐ 360-QĐ/TW
TODAY_DEMO_DAYS = 50  # the demo of today (`llct.demo.training`) holds the classes of the last weeks
PAUSES = ((dt.date(2020, 3, 25), dt.date(2020, 5, 15)), (dt.date(2021, 7, 10), dt.date(2021, 10, 10)))

FT, PT = StudyMode.FULL_TIME, StudyMode.PART_TIME

# (month, programme, days, learners wanted): a district centre's year.
_DISTRICT_YEAR = (
    (2, "cap_nhat", 1, 50),
    (3, "so_cap", 45, 45),
    (5, "nhan_thuc_ve_dang", 4, 30),
    (6, "dang_vien_moi", 6, 30),
    (7, "ky_nang", 3, 35),
    (8, "chuyen_de", 2, 40),
    (11, "dang_vien_moi", 6, 30),
    (12, "cap_nhat", 1, 50),
)
# A commune-level centre's months: the first four months of 2025, then every year.
_COMMUNE_2025 = ((9, "cap_nhat", 1, 45), (10, "nhan_thuc_ve_dang", 4, 35), (11, "dang_vien_moi", 6, 30))
_COMMUNE_YEAR = (
    (1, "cap_nhat", 1, 45),
    (3, "nhan_thuc_ve_dang", 4, 35),
    (4, "dang_vien_moi", 6, 30),
    (5, "chuyen_de", 2, 40),
    (6, "ky_nang", 3, 35),
    (7, "cap_nhat", 1, 45),
    (8, "nhan_thuc_ve_dang", 4, 35),
    (9, "dang_vien_moi", 6, 30),
    (10, "chuyen_de", 2, 40),
    (11, "ky_nang", 3, 35),
)
# (school, mode, first day, last day, learners wanted)
_SCHOOL_CLASSES = (
    ("HSO-TCT", FT, dt.date(2022, 3, 7), dt.date(2022, 10, 28), 45),
    ("BLA-TCT", PT, dt.date(2022, 4, 4), dt.date(2023, 4, 21), 40),
    ("HSO-TCT", PT, dt.date(2022, 5, 9), dt.date(2023, 5, 26), 55),
    ("HSO-TCT", FT, dt.date(2023, 3, 6), dt.date(2023, 10, 27), 45),
    ("HSO-TCT", PT, dt.date(2023, 6, 5), dt.date(2024, 6, 21), 55),
    ("HSO-TCT", FT, dt.date(2024, 2, 26), dt.date(2024, 10, 18), 45),
    ("BLA-TCT", PT, dt.date(2024, 3, 4), dt.date(2025, 3, 28), 40),
    ("HSO-TCT", PT, dt.date(2024, 6, 10), dt.date(2025, 6, 20), 55),
    ("HSN-TCT", FT, dt.date(2025, 9, 15), dt.date(2026, 4, 24), 45),
    ("HSN-TCT", PT, dt.date(2025, 10, 13), dt.date(2026, 10, 30), 55),
    ("HSN-TCT", FT, dt.date(2026, 3, 9), dt.date(2026, 10, 23), 45),
    ("HSN-TCT", PT, dt.date(2026, 9, 14), dt.date(2027, 9, 24), 55),
)
_ACADEMY_CLASSES = (
    (dt.date(2022, 9, 5), dt.date(2023, 4, 28)),
    (dt.date(2024, 3, 4), dt.date(2024, 10, 25)),
    (dt.date(2025, 9, 8), dt.date(2026, 4, 24)),
    (dt.date(2026, 9, 7), dt.date(2027, 4, 30)),
)
ACADEMY = "HVCT-KVI"
_UPDATES = {
    2019: "Hội nghị Trung ương 11 khóa XII",
    2020: "Nghị quyết Đại hội Đảng bộ tỉnh",
    2021: "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    2022: "Nghị quyết Hội nghị Trung ương 4 và 5 khóa XIII",
    2023: "Nghị quyết Hội nghị Trung ương 8 khóa XIII",
    2024: "Chỉ thị 35-CT/TW về đại hội đảng bộ các cấp",
    2025: "Sắp xếp tổ chức bộ máy và chính quyền địa phương hai cấp",
    2026: "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
}
_TOPICS = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Lịch sử Đảng bộ và truyền thống cách mạng địa phương",
    "Công tác dân tộc, tôn giáo ở cơ sở",
    "Bảo vệ nền tảng tư tưởng của Đảng",
)


def monday_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=-day.weekday() % 7)


def postponed(start: dt.date, days: int) -> dt.date:
    """The first day of a class planned for `start`: after the pause it would fall in, if any."""
    for a, b in PAUSES:
        if not (start + dt.timedelta(days=days - 1) < a or b < start):
            return monday_after(b + dt.timedelta(days=1))
    return start


def course_name(programme: Programme, start: dt.date, end: dt.date, mode: str, n: int) -> str:
    """The name a class of the programme gets (the n-th of its kind at its institution that year)."""
    year = start.year
    code = programme.code
    if code == "so_cap":
        return f"Lớp Sơ cấp lý luận chính trị khóa {n} năm {year}"
    if code == "nhan_thuc_ve_dang":
        return f"Lớp bồi dưỡng nhận thức về Đảng khóa {n} năm {year}"
    if code == "dang_vien_moi":
        return f"Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa {n} năm {year}"
    if code == "ky_nang":
        return f"Lớp bồi dưỡng kỹ năng công tác Đảng, dân vận, Mặt trận và đoàn thể khóa {n} năm {year}"
    if code == "chuyen_de":
        return f"Lớp bồi dưỡng chuyên đề “{_TOPICS[(year + n) % len(_TOPICS)]}”"
    if code == "cap_nhat":
        if n == 1 and year in _UPDATES:
            return f"Lớp cập nhật kiến thức: {_UPDATES[year]}"
        return f"Lớp cập nhật kiến thức, thông tin thời sự quý {(start.month - 1) // 3 + 1}/{year}"
    system = "tập trung" if mode == FT else "không tập trung"
    level = "Trung cấp" if code == "trung_cap" else "Cao cấp"
    return f"Lớp {level} lý luận chính trị hệ {system} khóa {year}–{end.year}"


def history_calendar(province: Province, programmes: dict[str, Programme], as_of: dt.date) -> list[Course]:
    """Every class of the history that has started by `as_of`, in order of opening."""
    units = province.units.values()
    district_centres = [u for u in units if u.kind == UnitKind.DISTRICT_CENTRE]
    commune_centres = [u for u in units if u.kind == UnitKind.COMMUNE_CENTRE]
    made: list[tuple[Unit, str, dt.date, dt.date, list[Unit], int, str]] = []
    for i, centre in enumerate(district_centres):
        district = province.by_path[centre.path[:-STEP]]
        for year in range(DISTRICT_CENTRES_FROM.year, DISTRICT_TIER_END.year + 1):
            for month, code, days, wanted in _DISTRICT_YEAR:
                planned = monday_after(dt.date(year, month, 8)) + dt.timedelta(days=7 * (i % 3))
                start = postponed(planned, days)
                if start != planned:  # the centres resume one after another
                    start += dt.timedelta(days=7 * (i % 3))
                end = start + dt.timedelta(days=days - 1)
                if start < DISTRICT_CENTRES_FROM or end > DISTRICT_TIER_END:
                    continue
                made.append((centre, code, start, end, [district], wanted, ""))
    for i, centre in enumerate(commune_centres):
        areas = sorted(centre.served_communes.all(), key=lambda u: u.path)
        for year in range(COMMUNE_CENTRES_FROM.year, as_of.year + 1):
            for month, code, days, wanted in _COMMUNE_2025 if year == 2025 else _COMMUNE_YEAR:
                start = monday_after(dt.date(year, month, 8)) + dt.timedelta(days=7 * (i % 3))
                end = start + dt.timedelta(days=days - 1)
                if start >= COMMUNE_CENTRES_FROM and end <= as_of - dt.timedelta(days=TODAY_DEMO_DAYS):
                    made.append((centre, code, start, end, areas, wanted, ""))
    for school, mode, start, end, wanted in _SCHOOL_CLASSES:
        institution = province.by_code[school]
        made.append((institution, "trung_cap", start, end, [province.province_of(institution)], wanted, mode))
    provinces = [province.by_code[code] for code in ("HSO", "BLA", "HSN")]
    for start, end in _ACADEMY_CLASSES:
        made.append((province.by_code[ACADEMY], "cao_cap", start, end, provinces, 14, FT))
    made = [m for m in made if m[2] <= as_of]
    made.sort(key=lambda m: (m[2], m[0].path, m[1]))
    return number_courses(
        [
            Course(
                institution=institution,
                programme=programmes[code],
                starts_on=start,
                ends_on=end,
                code="",
                name="",
                areas=areas,
                target=wanted,
                mode=mode,
            )
            for institution, code, start, end, areas, wanted, mode in made
        ]
    )


def number_courses(courses: list[Course]) -> list[Course]:
    """Give each class its code (institution, year, number of the year) and name, in order of opening."""
    courses.sort(key=lambda c: (c.starts_on, c.institution.path, c.programme.code))
    seq: dict[tuple[int, int], int] = {}
    kind: dict[tuple[int, int, str], int] = {}
    for course in courses:
        year = course.starts_on.year
        key = (course.institution.pk, year)
        seq[key] = seq.get(key, 0) + 1
        same = (course.institution.pk, year, course.programme.code)
        kind[same] = kind.get(same, 0) + 1
        course.code = f"{course.institution.code}-{year}-{seq[key]:02d}"
        course.name = course.name or course_name(
            course.programme, course.starts_on, course.ends_on, course.mode, kind[same]
        )
        if course.programme.code == "cao_cap":
            course.name += f" (học viên tỉnh {PROVINCE_NAME})"
    return courses
