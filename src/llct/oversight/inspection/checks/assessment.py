"""Checks on assessment at the commune centres (QĐ 1147): rewards, the two markers, appeals."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from llct.oversight.inspection.choices import Confidence, Severity
from llct.training.choices import EnrolmentStatus, ProgrammeFamily
from llct.training.models import Appeal, Essay, TrainingClass

from .base import Check, Clause, Offence, Period, Subtree, dmy
from .clauses import QD1147, QD1147_FROM

REWARD_SHARE_PERCENT = 10


def _rewards_over(subtree: Subtree, period: Period):
    classes = (
        TrainingClass.objects.filter(
            subtree.q("institution"),
            period.q("ends_on"),
            programme__family=ProgrammeFamily.COMMUNE_CENTRE,
            starts_on__gte=QD1147_FROM,
        )
        .annotate(
            size=Count("enrolments", filter=~Q(enrolments__status=EnrolmentStatus.WITHDRAWN)),
            rewarded=Count("enrolments", filter=Q(enrolments__rewarded=True)),
        )
        .annotate(rewarded_x100=F("rewarded") * 100, allowed_x100=F("size") * REWARD_SHARE_PERCENT)
        .filter(rewarded_x100__gt=F("allowed_x100"))
    )
    for row in classes.values("pk", "code", "name", "institution_id", "size", "rewarded").order_by("pk"):
        yield Offence(
            "trainingclass",
            row["pk"],
            row["institution_id"],
            f"{row['code']} — {row['name']}",
            {
                "class_size": row["size"],
                "rewarded": row["rewarded"],
                "allowed": row["size"] * REWARD_SHARE_PERCENT // 100,
            },
        )


REWARDS_OVER_10 = Check(
    code="rewards_over_10",
    title=_("Số học viên được khen thưởng của lớp vượt mức 10%"),
    title_en="Rewards for more than 10% of a class",
    clauses=(Clause(QD1147, article="?", topic="khen thưởng không quá 10% số học viên của lớp"),),
    confidence=Confidence.TEXT,
    severity=Severity.LOW,
    object_kinds=("trainingclass",),
    find=_rewards_over,
    note=_("Sĩ số không tính học viên đã rút khỏi lớp; lớp của trung tâm chính trị cấp xã từ 01/12/2025."),
    parameters={"share_percent": REWARD_SHARE_PERCENT},
)


def _essay_markers(subtree: Subtree, period: Period):
    essays = Essay.objects.filter(
        subtree.q("enrolment__training_class__institution"),
        period.q("submitted_on"),
        submitted_on__gte=QD1147_FROM,
        mark__isnull=False,
    ).filter(
        Q(first_marker__isnull=True)
        | Q(second_marker__isnull=True)
        | Q(first_marker=F("second_marker"))
        | Q(first_mark__isnull=True)
        | Q(second_mark__isnull=True)
    )
    rows = essays.values(
        "pk",
        "attempt",
        "mark",
        "first_marker__full_name",
        "second_marker__full_name",
        "first_mark",
        "second_mark",
        "enrolment__cadre__full_name",
        "enrolment__training_class__code",
        "enrolment__training_class__institution_id",
    )
    for row in rows.order_by("pk"):
        yield Offence(
            "essay",
            row["pk"],
            row["enrolment__training_class__institution_id"],
            f"{row['enrolment__cadre__full_name']} — {row['enrolment__training_class__code']} "
            f"(lần {row['attempt']})",
            {
                "mark": str(row["mark"]),
                "first_marker": row["first_marker__full_name"] or "",
                "first_mark": "" if row["first_mark"] is None else str(row["first_mark"]),
                "second_marker": row["second_marker__full_name"] or "",
                "second_mark": "" if row["second_mark"] is None else str(row["second_mark"]),
            },
        )


ESSAY_ONE_MARKER = Check(
    code="essay_one_marker",
    title=_("Bài thu hoạch có điểm mà không đủ hai giảng viên chấm"),
    title_en="Essay marked by fewer than two markers",
    clauses=(Clause(QD1147, article="?", topic="hai giảng viên chấm, điểm là trung bình cộng"),),
    confidence=Confidence.TEXT,
    severity=Severity.MEDIUM,
    object_kinds=("essay",),
    find=_essay_markers,
    note=_("Thiếu người chấm, thiếu điểm của một người chấm, hoặc cùng một người chấm hai lần."),
)


def _appeal_marker(subtree: Subtree, period: Period):
    appeals = Appeal.objects.filter(
        subtree.q("essay__enrolment__training_class__institution"),
        period.q("lodged_on"),
        lodged_on__gte=QD1147_FROM,
        marker__isnull=False,
    ).filter(Q(marker=F("essay__first_marker")) | Q(marker=F("essay__second_marker")))
    rows = appeals.values(
        "pk",
        "lodged_on",
        "marker__full_name",
        "essay__first_marker__full_name",
        "essay__second_marker__full_name",
        "essay__enrolment__cadre__full_name",
        "essay__enrolment__training_class__code",
        "essay__enrolment__training_class__institution_id",
    )
    for row in rows.order_by("pk"):
        yield Offence(
            "appeal",
            row["pk"],
            row["essay__enrolment__training_class__institution_id"],
            f"{row['essay__enrolment__cadre__full_name']} — {row['essay__enrolment__training_class__code']}",
            {
                "lodged_on": dmy(row["lodged_on"]),
                "remarker": row["marker__full_name"],
                "first_markers": [
                    n
                    for n in (row["essay__first_marker__full_name"], row["essay__second_marker__full_name"])
                    if n
                ],
            },
        )


APPEAL_SAME_MARKER = Check(
    code="appeal_same_marker",
    title=_("Bài phúc tra do một trong hai người chấm lần đầu chấm lại"),
    title_en="Appeal re-marked by one of the first markers",
    clauses=(Clause(QD1147, article="?", topic="người chấm phúc tra không phải người đã chấm lần đầu"),),
    confidence=Confidence.TEXT,
    severity=Severity.MEDIUM,
    object_kinds=("appeal",),
    find=_appeal_marker,
)

CHECKS = (REWARDS_OVER_10, ESSAY_ONE_MARKER, APPEAL_SAME_MARKER)
