"""Check of cadres holding a post whose standard requires a political-theory level they lack."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from llct.oversight.inspection.choices import Confidence, Severity
from llct.registry.choices import TheoryLevel
from llct.registry.models import Assignment
from llct.training.choices import EnrolmentStatus
from llct.training.models import Enrolment

from .base import Check, Clause, Offence, Period, Subtree, dmy

ORDER = [level.value for level in TheoryLevel]  # "", sơ cấp, trung cấp, cao cấp, cử nhân


def at_least(level: str) -> list[str]:
    """The levels that meet `level` (cử nhân counts as at least cao cấp, REGULATIONS.md §2 [I])."""
    return ORDER[ORDER.index(level) :]


def _post_without_level(subtree: Subtree, period: Period):
    """Posts held on the period's last day; the level held that day (a level proved by a document issued
    later does not count); enrolled (or completed) in a programme of the required level or higher."""
    on = period.end
    lacking = []
    for level in ORDER[1:]:
        enrolled = Enrolment.objects.filter(
            cadre_id=OuterRef("cadre_id"),
            training_class__programme__level__in=at_least(level),
            status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED],
        )
        lacking.append(
            Q(post__standards__required_level=level)
            & (~Q(cadre__theory_level__in=at_least(level)) | Q(cadre__theory_issued_on__gt=on))
            & ~Exists(enrolled)
        )
    standard_in_force = (
        Q(post__standards__active=True)
        & (Q(post__standards__valid_from__isnull=True) | Q(post__standards__valid_from__lte=on))
        & (Q(post__standards__valid_to__isnull=True) | Q(post__standards__valid_to__gte=on))
    )
    lacks_any = Q(pk__in=[])
    for q in lacking:
        lacks_any |= q
    assignments = Assignment.objects.valid_on(on).filter(
        subtree.q("cadre__unit"), standard_in_force & lacks_any
    )
    rows = assignments.values(
        "pk",
        "cadre__full_name",
        "cadre__code",
        "cadre__unit_id",
        "cadre__theory_level",
        "cadre__theory_issued_on",
        "post__title",
        "post__code",
        "post__standards__pk",
        "post__standards__required_level",
        "post__standards__citation",
        "post__standards__confidence",
    )
    for row in rows.order_by("pk"):
        yield Offence(
            "assignment",
            row["pk"],
            row["cadre__unit_id"],
            f"{row['cadre__full_name']} ({row['cadre__code']}) — {row['post__title']}",
            {
                "post": row["post__code"],
                "required_level": row["post__standards__required_level"],
                "held_level": row["cadre__theory_level"],
                "level_issued_on": dmy(row["cadre__theory_issued_on"]),
                "as_of": dmy(on),
                "standard": row["post__standards__pk"],
            },
            clause=row["post__standards__citation"],
            confidence=row["post__standards__confidence"],
        )


POST_WITHOUT_LEVEL = Check(
    code="post_without_level",
    title=_("Cán bộ giữ chức vụ mà chưa có trình độ LLCT theo tiêu chuẩn chức danh, chưa được cử đi học"),
    title_en="Cadre holding a post whose standard requires a political-theory level the cadre lacks",
    clauses=(
        Clause(
            "Bảng tiêu chuẩn chức danh (QĐ 89-QĐ/TW và các quy định về chức danh)",
            article="?",
            topic="trình độ lý luận chính trị theo chức danh",
        ),
    ),
    confidence=Confidence.UNKNOWN,
    severity=Severity.HIGH,
    object_kinds=("assignment",),
    find=_post_without_level,
    note=_(
        "Đọc bảng tiêu chuẩn chức danh do quản trị viên cập nhật; mỗi phát hiện mang căn cứ và độ tin cậy "
        "của dòng tiêu chuẩn đã dùng. Chức vụ đang giữ vào ngày cuối của kỳ kiểm tra."
    ),
)

CHECKS = (POST_WITHOUT_LEVEL,)
