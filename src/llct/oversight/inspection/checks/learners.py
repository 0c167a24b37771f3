"""Checks on learners: admitted without being eligible, recognised without the attendance, and enrolled in
two full-time classes at once."""

from django.db.models import Exists, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from llct.eligibility.models import SpecialCaseDecision
from llct.oversight.inspection.choices import Confidence, Severity
from llct.training.choices import AttendanceStatus, EnrolmentStatus, ProgrammeFamily, StudyMode
from llct.training.models import Attendance, Enrolment, RecognitionDecision, Session

from .base import Check, Clause, Offence, Period, Subtree, dmy
from .clauses import QD57, QD350, QD1147, QD1147_FROM

KIND = "enrolment"


def _label(row: dict) -> str:
    return f"{row['cadre__full_name']} ({row['cadre__code']}) — {row['training_class__code']}"


_COLUMNS = ("pk", "cadre__full_name", "cadre__code", "training_class__code")


def special_case_in_force(cadre: str, level: str, on: str) -> Exists:
    """A positive special-case decision for the cadre and level decided on or before `on` (OuterRef
    names of the outer query's columns)."""
    return Exists(
        SpecialCaseDecision.objects.filter(
            cadre_id=OuterRef(cadre), level=OuterRef(level), eligible=True, decided_on__lte=OuterRef(on)
        )
    )


def _admitted_not_eligible(subtree: Subtree, period: Period):
    enrolments = (
        Enrolment.objects.filter(
            subtree.q("training_class__institution"),
            period.q("nomination__nominated_on"),
            nomination__eligible=False,
            nomination__special_case__isnull=True,
        )
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .exclude(
            special_case_in_force("cadre_id", "training_class__programme__level", "nomination__nominated_on")
        )
    )
    rows = enrolments.values(
        *_COLUMNS,
        "training_class__institution_id",
        "nomination_id",
        "nomination__nominated_on",
        "nomination__eligibility",
    )
    for row in rows.order_by("pk"):
        decision = row["nomination__eligibility"] or {}
        yield Offence(
            KIND,
            row["pk"],
            row["training_class__institution_id"],
            _label(row),
            {
                "nomination": row["nomination_id"],
                "nominated_on": dmy(row["nomination__nominated_on"]),
                "regulation": decision.get("regulation", ""),
                "reasons": decision.get("summary", ""),
            },
        )


ADMITTED_NOT_ELIGIBLE = Check(
    code="admitted_not_eligible",
    title=_("Học viên được nhập học khi không đủ điều kiện, không có quyết định trường hợp đặc biệt"),
    title_en="Learner admitted while not eligible on the decision date, without a special case",
    clauses=(
        Clause(QD57, chapter="II", topic="đối tượng, tiêu chuẩn đào tạo"),
        Clause(QD350, topic="đối tượng, tiêu chuẩn; trường hợp đặc biệt do cấp có thẩm quyền quyết định"),
    ),
    confidence=Confidence.SUMMARY,
    severity=Severity.HIGH,
    object_kinds=(KIND,),
    find=_admitted_not_eligible,
    note=_(
        "Theo kết quả xét điều kiện lưu cùng hồ sơ cử đi học vào ngày cử; học viên nhập học không qua hồ sơ "
        "cử đi học không có kết quả xét để đối chiếu."
    ),
)


def _periods(query, group: str, total: str):
    return Coalesce(
        Subquery(
            query.order_by().values(group).annotate(s=Sum(total)).values("s"), output_field=IntegerField()
        ),
        0,
    )


def _attendance_below(subtree: Subtree, period: Period):
    scheduled = _periods(
        Session.objects.filter(training_class_id=OuterRef("training_class_id")),
        "training_class_id",
        "periods",
    )
    present = _periods(
        Attendance.objects.filter(enrolment_id=OuterRef("pk"), status=AttendanceStatus.PRESENT),
        "enrolment_id",
        "session__periods",
    )
    recognised = Exists(RecognitionDecision.enrolments.through.objects.filter(enrolment_id=OuterRef("pk")))
    threshold = F("training_class__programme__min_attendance_percent")
    candidates = Enrolment.objects.filter(
        subtree.q("training_class__institution"),
        period.q("training_class__ends_on"),
        training_class__programme__family=ProgrammeFamily.COMMUNE_CENTRE,
        training_class__starts_on__gte=QD1147_FROM,
    ).filter(Q(completed=True) | recognised | Q(final_mark__gte=F("training_class__programme__pass_mark")))
    # Two queries, so that the sums are computed only for learners of classes with a schedule (an
    # anti-join keeps the others, which are judged on the stored rate).
    has_sessions = Exists(Session.objects.filter(training_class_id=OuterRef("training_class_id")))
    scheduled_classes = (
        candidates.filter(has_sessions)
        .annotate(scheduled=scheduled, present=present)
        .annotate(present_x100=F("present") * 100, required_x100=threshold * F("scheduled"))
        .filter(present_x100__lt=F("required_x100"))
    )
    stored_rate = (
        candidates.exclude(has_sessions)
        .filter(attendance_percent__lt=threshold)
        .annotate(scheduled=Value(0), present=Value(0))
    )
    for enrolments in (scheduled_classes, stored_rate):
        yield from _attendance_offences(enrolments)


def _attendance_offences(enrolments):
    rows = enrolments.values(
        *_COLUMNS,
        "training_class__institution_id",
        "scheduled",
        "present",
        "attendance_percent",
        "final_mark",
        "completed",
        "training_class__programme__min_attendance_percent",
    )
    for row in rows.order_by("pk"):
        scheduled_periods, present_periods = row["scheduled"], row["present"]
        percent = (
            round(100 * present_periods / scheduled_periods, 2)
            if scheduled_periods
            else float(row["attendance_percent"])
        )
        yield Offence(
            KIND,
            row["pk"],
            row["training_class__institution_id"],
            _label(row),
            {
                "scheduled_periods": scheduled_periods,
                "present_periods": present_periods,
                "attendance_percent": percent,
                "threshold_percent": row["training_class__programme__min_attendance_percent"],
                "final_mark": str(row["final_mark"]) if row["final_mark"] is not None else "",
                "completed": row["completed"],
            },
        )


ATTENDANCE_BELOW_80 = Check(
    code="attendance_below_80",
    title=_("Học viên được công nhận hoặc có kết quả đạt khi tỷ lệ dự học (theo số tiết) dưới 80%"),
    title_en="Learner recognised or passed with attendance below 80% of periods",
    clauses=(Clause(QD1147, article="?", topic="chỉ được viết bài thu hoạch khi dự học từ 80% số tiết"),),
    confidence=Confidence.TEXT,
    severity=Severity.HIGH,
    object_kinds=(KIND,),
    find=_attendance_below,
    note=_(
        "Tỷ lệ là số tiết có mặt trên số tiết của mọi buổi học của lớp (vắng có lý do vẫn là vắng); lớp chưa "
        "ghi lịch học thì đọc tỷ lệ chuyên cần đã lưu. Lớp của trung tâm chính trị cấp xã khai giảng từ "
        "01/12/2025."
    ),
    parameters={"from": QD1147_FROM.isoformat()},
)


def _full_time_overlap(subtree: Subtree, period: Period):
    earlier = Enrolment.objects.filter(
        cadre_id=OuterRef("cadre_id"),
        pk__lt=OuterRef("pk"),
        training_class__mode=StudyMode.FULL_TIME,
        training_class__starts_on__lte=OuterRef("training_class__ends_on"),
        training_class__ends_on__gte=OuterRef("training_class__starts_on"),
    ).exclude(status=EnrolmentStatus.WITHDRAWN)
    enrolments = (
        Enrolment.objects.filter(
            subtree.q("sending_unit"),
            period.q("training_class__starts_on"),
            training_class__mode=StudyMode.FULL_TIME,
        )
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .filter(Exists(earlier))
        .annotate(
            other_class=Subquery(earlier.order_by("pk").values("training_class__code")[:1]),
            other_enrolment=Subquery(earlier.order_by("pk").values("pk")[:1]),
        )
    )
    rows = enrolments.values(
        *_COLUMNS,
        "sending_unit_id",
        "training_class__starts_on",
        "training_class__ends_on",
        "other_class",
        "other_enrolment",
    )
    for row in rows.order_by("pk"):
        yield Offence(
            KIND,
            row["pk"],
            row["sending_unit_id"],
            _label(row),
            {
                "starts_on": dmy(row["training_class__starts_on"]),
                "ends_on": dmy(row["training_class__ends_on"]),
                "overlapping_class": row["other_class"],
                "overlapping_enrolment": row["other_enrolment"],
            },
        )


FULL_TIME_OVERLAP = Check(
    code="full_time_overlap",
    title=_("Cán bộ học cùng lúc hai lớp tập trung có thời gian trùng nhau"),
    title_en="Cadre enrolled in two full-time classes whose dates overlap",
    clauses=(
        Clause(QD57, article="5, 6", clause="?", topic="hình thức học tập trung"),
        Clause(QD350, topic="hình thức học tập trung"),
    ),
    confidence=Confidence.INFERRED,
    severity=Severity.MEDIUM,
    object_kinds=(KIND,),
    find=_full_time_overlap,
    note=_(
        "Không điều khoản nào nói thẳng; học tập trung là học tại cơ sở suốt khóa, nên không thể học hai lớp "
        "cùng lúc. Phát hiện gắn với lần nhập học sau, đơn vị chịu trách nhiệm là đơn vị cử."
    ),
)

CHECKS = (ADMITTED_NOT_ELIGIBLE, ATTENDANCE_BELOW_80, FULL_TIME_OVERLAP)
