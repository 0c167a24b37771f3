"""Check on lecturers' yearly teaching load against the norm of standard hours (QĐ 1147)."""

import datetime as dt
from decimal import Decimal

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from llct.oversight.inspection.choices import Confidence, Severity
from llct.registry.choices import UnitKind
from llct.training.choices import LecturerKind
from llct.training.models import Lecturer, Session
from llct.training.services.workload import FULL_NORM, TEACHING_SHARE, child_reduction, lecturer_norm

from .base import Check, Clause, Offence, Period, Subtree
from .clauses import QD1147, QD1147_FROM


def _years(period: Period) -> list[int]:
    """Whole calendar years inside the period and under QĐ 1147 (a norm is yearly: a year still running,
    or begun before the decision applied, is not judged)."""
    first = max((period.start or QD1147_FROM).year, QD1147_FROM.year + (QD1147_FROM.month > 1))
    return [
        y
        for y in range(first, period.end.year + 1)
        if (period.start is None or period.start <= dt.date(y, 1, 1)) and dt.date(y, 12, 31) <= period.end
    ]


def _reductions(lecturer: Lecturer, year: int) -> list[str]:
    months = [child_reduction(lecturer.youngest_child_born_on, dt.date(year, m, 1)) for m in range(1, 13)]
    return [f"{m + 1:02d}/{year}: -{int(r * 100)}%" for m, r in enumerate(months) if r]


def _lecturer_norm(subtree: Subtree, period: Period):
    lecturers = Lecturer.objects.filter(
        subtree.q("institution"), kind=LecturerKind.FULL_TIME, institution__kind=UnitKind.COMMUNE_CENTRE
    )
    for year in _years(period):
        taught = Subquery(
            Session.objects.filter(lecturer_id=OuterRef("pk"), date__year=year)
            .order_by()
            .values("lecturer_id")
            .annotate(s=Sum("periods"))
            .values("s"),
            output_field=IntegerField(),
        )
        for lecturer in lecturers.annotate(taught=Coalesce(taught, 0)).order_by("pk"):
            norm = lecturer_norm(lecturer, year)
            share = TEACHING_SHARE[lecturer.management_role or ""]
            # A plain lecturer teaches at least half the norm; a manager teaches his share of it (art. 13).
            minimum = norm / 2 if not lecturer.management_role else norm
            if minimum <= lecturer.taught <= norm:
                continue
            yield Offence(
                "lecturer",
                lecturer.pk,
                lecturer.institution_id,
                f"{lecturer.full_name} — {year}",
                {
                    "year": year,
                    "taught_hours": lecturer.taught,
                    "norm_hours": str(norm),
                    "minimum_hours": str(minimum.quantize(Decimal("0.1"))),
                    "direction": "below" if lecturer.taught < minimum else "above",
                    "teaching_share": str(share),
                    "full_norm": str(FULL_NORM),
                    "reductions": _reductions(lecturer, year),
                },
                part=str(year),
            )


LECTURER_NORM = Check(
    code="lecturer_norm",
    title=_("Giảng viên cơ hữu giảng dạy dưới hoặc vượt định mức giờ chuẩn trong năm"),
    title_en="Lecturer above or below the yearly norm of standard hours",
    clauses=(
        Clause(
            QD1147,
            article="?",
            topic="định mức 270 giờ chuẩn/năm, ít nhất một nửa là giảng dạy; mức giảm",
        ),
    ),
    confidence=Confidence.TEXT,
    severity=Severity.LOW,
    object_kinds=("lecturer",),
    find=_lecturer_norm,
    note=_(
        "Giờ giảng là số tiết các buổi học của giảng viên trong năm (1 tiết 45 phút = 1 giờ chuẩn); chỉ xét "
        "năm trọn vẹn từ năm 2026, giảng viên cơ hữu của trung tâm chính trị cấp xã. Giảng viên kiêm nhiệm "
        "quản lý phải dạy đủ phần định mức của mình; giảng viên khác từ một nửa định mức đến định mức."
    ),
)

CHECKS = (LECTURER_NORM,)
