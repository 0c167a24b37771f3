"""Checks on classes: who opened them (phân cấp), when, and with how many learners."""

from functools import reduce
from operator import or_

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from llct.oversight.inspection.choices import Confidence, Severity
from llct.training.choices import ClassStatus, EnrolmentStatus, ProgrammeFamily
from llct.training.models import TrainingClass

from .base import Check, Clause, Offence, Period, Subtree, dmy
from .clauses import QD57, QD208, QD350, QD360, QD1147, QD1147_FROM

KIND = "trainingclass"
MIN_LEARNERS = 25

# The programme is offered on the opening date, and the institution exists that day.
OFFERED = (Q(programme__offered_from__isnull=True) | Q(programme__offered_from__lte=F("starts_on"))) & (
    Q(programme__offered_until__isnull=True) | Q(programme__offered_until__gte=F("starts_on"))
)
INSTITUTION_EXISTS = (
    Q(institution__valid_from__isnull=True) | Q(institution__valid_from__lte=F("starts_on"))
) & (Q(institution__valid_to__isnull=True) | Q(institution__valid_to__gte=F("starts_on")))

_COLUMNS = (
    "pk",
    "code",
    "starts_on",
    "mode",
    "institution_id",
    "institution__name",
    "institution__kind",
    "institution__valid_to",
    "programme__code",
    "programme__name",
    "programme__offered_until",
)


def _classes(subtree: Subtree, period: Period):
    return TrainingClass.objects.filter(subtree.q("institution"), period.q("starts_on"))


def _label(row: dict) -> str:
    return f"{row['code']} — {row['programme__name']}"


def _not_competent(subtree: Subtree, period: Period):
    """Classes whose institution's kind is not allocated the programme (and mode) on the opening date by
    the rulebook's allocation — the same data that lets a class be opened (training.services.allocation).
    Classes of a programme not offered that day, or at an institution that no longer exists, are
    `class_not_offered`'s."""
    from llct.eligibility.services.rulebook import current_rulebook

    allocation = current_rulebook().allocation
    competent = [
        Q(programme__code=e.programme, institution__kind__in=e.kinds, starts_on__gte=e.valid_from)
        & (Q(starts_on__lte=e.valid_to) if e.valid_to else Q())
        & (Q(mode__in=[*e.modes, ""]) if e.modes else Q())
        for e in allocation.entries
    ]
    classes = _classes(subtree, period).filter(OFFERED, INSTITUTION_EXISTS)
    if competent:
        classes = classes.exclude(reduce(or_, competent))
    for row in classes.values(*_COLUMNS).order_by("pk"):
        entries = allocation.entries_for(row["programme__code"], row["starts_on"])
        yield Offence(
            KIND,
            row["pk"],
            row["institution_id"],
            _label(row),
            {
                "institution": row["institution__name"],
                "institution_kind": row["institution__kind"],
                "programme": row["programme__code"],
                "mode": row["mode"],
                "starts_on": dmy(row["starts_on"]),
                "competent_kinds": sorted({k for e in entries for k in e.kinds}),
                "allocation": "; ".join(str(e.citation) for e in entries),
            },
        )


CLASS_NOT_COMPETENT = Check(
    code="class_not_competent",
    title=_("Lớp do cơ sở không có thẩm quyền mở (phân cấp)"),
    title_en="Class opened by an institution not competent for its programme",
    clauses=(
        Clause(QD57, chapter="III", topic="phân cấp đào tạo trung cấp, cao cấp"),
        Clause(QD208, topic="nhiệm vụ của trung tâm chính trị cấp huyện"),
        Clause(QD1147, article="4", topic="các chương trình của trung tâm chính trị cấp xã"),
    ),
    confidence=Confidence.SUMMARY,
    severity=Severity.HIGH,
    object_kinds=(KIND,),
    find=_not_competent,
    note=_("Theo bảng phân cấp của bộ quy tắc (loại cơ sở, chương trình, hình thức học, ngày khai giảng)."),
)


def _not_offered(subtree: Subtree, period: Period):
    for row in (
        _classes(subtree, period).exclude(OFFERED & INSTITUTION_EXISTS).values(*_COLUMNS).order_by("pk")
    ):
        yield Offence(
            KIND,
            row["pk"],
            row["institution_id"],
            _label(row),
            {
                "institution": row["institution__name"],
                "programme": row["programme__code"],
                "starts_on": dmy(row["starts_on"]),
                "programme_offered_until": dmy(row["programme__offered_until"]),
                "institution_valid_to": dmy(row["institution__valid_to"]),
            },
        )


CLASS_NOT_OFFERED = Check(
    code="class_not_offered",
    title=_("Lớp sơ cấp mở sau ngày 28/08/2025, hoặc lớp mở khi cơ sở đã chấm dứt hoạt động"),
    title_en="Sơ cấp class opened after 28/08/2025, or class opened after its institution ended",
    clauses=(
        Clause(QD350, topic="chỉ quy định trung cấp, cao cấp; không còn trình độ sơ cấp"),
        Clause(QD360, topic="trung tâm chính trị cấp xã thay trung tâm chính trị cấp huyện"),
    ),
    confidence=Confidence.INFERRED,
    severity=Severity.HIGH,
    object_kinds=(KIND,),
    find=_not_offered,
    note=_(
        "Ngày mở, ngày ngừng của chương trình và ngày chấm dứt của đơn vị là dữ liệu (ngày bắt đầu hiệu lực "
        "của QĐ 350, QĐ 360 là suy luận)."
    ),
)


def _below_minimum(subtree: Subtree, period: Period):
    minimum = Coalesce(NullIf(F("programme__min_learners"), 0), MIN_LEARNERS)
    classes = (
        _classes(subtree, period)
        .filter(
            programme__family=ProgrammeFamily.COMMUNE_CENTRE,
            starts_on__gte=QD1147_FROM,
            status__in=[ClassStatus.IN_PROGRESS, ClassStatus.ASSESSED, ClassStatus.RECOGNISED],
        )
        .annotate(
            learners=Count("enrolments", filter=~Q(enrolments__status=EnrolmentStatus.WITHDRAWN)),
            minimum=minimum,
        )
        .filter(learners__lt=F("minimum"))
    )
    for row in classes.values(*_COLUMNS, "status", "learners", "minimum").order_by("pk"):
        yield Offence(
            KIND,
            row["pk"],
            row["institution_id"],
            _label(row),
            {
                "institution": row["institution__name"],
                "starts_on": dmy(row["starts_on"]),
                "status": row["status"],
                "learners": row["learners"],
                "minimum": row["minimum"],
            },
        )


CLASS_BELOW_25 = Check(
    code="class_below_25",
    title=_("Lớp của trung tâm chính trị cấp xã đã học mà dưới 25 học viên"),
    title_en="Commune-centre class past recruitment with fewer than 25 learners",
    clauses=(Clause(QD1147, article="?", topic="mở lớp khi có ít nhất 25 học viên"),),
    confidence=Confidence.TEXT,
    severity=Severity.MEDIUM,
    object_kinds=(KIND,),
    find=_below_minimum,
    note=_(
        "Lớp đang học, đã đánh giá hoặc đã công nhận, khai giảng từ 01/12/2025; không tính học viên đã rút "
        "khỏi lớp. Ngưỡng là số học viên tối thiểu của chương trình (25)."
    ),
    parameters={"minimum": MIN_LEARNERS, "from": QD1147_FROM.isoformat()},
)

CHECKS = (CLASS_NOT_COMPETENT, CLASS_NOT_OFFERED, CLASS_BELOW_25)
