"""Lecturers' norm and load (QĐ 1147-QĐ/BTGDVTW art. 13), table-driven."""

import datetime as dt
from decimal import Decimal as D

import pytest

from llct.training.choices import LecturerKind, ManagementRole
from llct.training.models import Lecturer
from llct.training.services.workload import lecturer_load, lecturer_norm


@pytest.mark.parametrize(
    ("article", "kind", "role", "child", "norm"),
    [
        ("Điều 13 — cơ hữu 270 giờ chuẩn", LecturerKind.FULL_TIME, "", None, "270.0"),
        ("Điều 13 — Giám đốc 10%", LecturerKind.FULL_TIME, ManagementRole.DIRECTOR, None, "27.0"),
        ("Điều 13 — Phó Giám đốc 20%", LecturerKind.FULL_TIME, ManagementRole.DEPUTY_DIRECTOR, None, "54.0"),
        (
            "Điều 13 — kiêm giáo vụ, văn phòng 40%",
            LecturerKind.FULL_TIME,
            ManagementRole.STAFF_DUTY,
            None,
            "108.0",
        ),
        ("Điều 13 — con dưới 12 tháng cả năm −15%", LecturerKind.FULL_TIME, "", "2025-12-15", "229.5"),
        ("Điều 13 — con 12–36 tháng cả năm −10%", LecturerKind.FULL_TIME, "", "2024-06-01", "243.0"),
        (
            "Điều 13 — con tròn 1 tuổi 01/07: 6 tháng −15%, 6 tháng −10%",
            LecturerKind.FULL_TIME,
            "",
            "2025-07-01",
            "236.3",
        ),
        ("Điều 13 — con trên 36 tháng: không giảm", LecturerKind.FULL_TIME, "", "2020-01-01", "270.0"),
        ("Kiêm chức: không có định mức", LecturerKind.CONCURRENT, "", None, None),
        ("Thỉnh giảng: không có định mức", LecturerKind.VISITING, "", None, None),
    ],
)
def test_norm(tree, article, kind, role, child, norm):
    lecturer = Lecturer(
        institution=tree["centre"],
        full_name="X",
        kind=kind,
        management_role=role,
        youngest_child_born_on=dt.date.fromisoformat(child) if child else None,
    )
    assert lecturer_norm(lecturer, 2026) == (D(norm) if norm else None), article


def test_load_counts_periods_of_the_year(commune_class, lecturers):
    commune_class(n=25, days=3)  # sessions of 10 periods alternate lecturers 0, 1, 0
    load = lecturer_load(lecturers[0], 2025)
    assert load.taught == 20 and load.norm == D("270.0") and load.percent == D("7.4")
    assert load.minimum_teaching == D(135)
    assert lecturer_load(lecturers[0], 2026).taught == 0
