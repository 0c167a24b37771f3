"""Results of a class: each learner's final mark, band and completion, and rewards (at most 10% of a
class), QĐ 1147-QĐ/BTGDVTW. Discipline is in `discipline`."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.registry.scope import in_scope
from llct.training.choices import AssessmentScheme, ClassStatus, Discipline, EnrolmentStatus
from llct.training.models import Enrolment, Essay, TrainingClass
from llct.training.services.attendance import AttendanceSummary, attendance_summary, class_attendance
from llct.training.services.errors import TrainingRuleError

from . import rules
from .appeals import essay_effective_mark
from .exams import latest_marks


@dataclass
class Result:
    mark: Decimal | None
    band: str
    completed: bool
    reasons: list[str] = field(default_factory=list)


def with_marks(enrolments):
    """Enrolments with what `enrolment_result` reads prefetched: essays with their appeal, and marks."""
    return enrolments.select_related("cadre", "sending_unit").prefetch_related(
        Prefetch("essays", queryset=Essay.objects.select_related("appeal").order_by("attempt")), "marks"
    )


def enrolment_result(enrolment: Enrolment, summary: AttendanceSummary | None = None) -> Result:
    """What the learner's record says now: mark, band and whether they completed, with the reasons.
    `summary` is the learner's attendance when the caller has it (the class page reads it in bulk)."""
    programme = enrolment.training_class.programme
    if enrolment.discipline == Discipline.EXPULSION or enrolment.status == EnrolmentStatus.EXPELLED:
        return Result(None, "", False, [_("Buộc thôi học: kết quả học tập bị hủy (QĐ 1147-QĐ/BTGDVTW).")])
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        return Result(None, "", False, [_("Đã rút khỏi lớp.")])
    reasons: list[str] = []
    if summary is None:
        summary = attendance_summary(enrolment, threshold=programme.min_attendance_percent)
    may_sit = summary.may_sit(programme.min_attendance_percent)
    reasons += summary.reasons
    pass_mark = programme.pass_mark
    if programme.assessment_scheme == AssessmentScheme.ESSAY_QD1147:
        essays = sorted(enrolment.essays.all(), key=lambda e: e.attempt)
        mark = essay_effective_mark(essays[-1]) if essays else None
        if not essays:
            reasons.append(_("Chưa có bài thu hoạch."))
        elif mark is None:
            reasons.append(_("Bài thu hoạch chưa có điểm cuối cùng."))
        ok = mark is not None and rules.passed(mark, pass_mark)
    else:
        modules, final = latest_marks(enrolment)
        exam_modules = [m.pk for m in programme.modules.all() if m.has_exam]
        missing = [pk for pk in exam_modules if pk not in modules]
        failed = [pk for pk, v in modules.items() if v < pass_mark]
        mark = rules.weighted_final(list(modules.values()), final, programme.final_weight)
        ok = not missing and not failed and final is not None and final >= pass_mark
        if missing:
            reasons.append(_("Thiếu điểm %(n)s học phần.") % {"n": len(missing)})
        if failed:
            reasons.append(_("%(n)s học phần dưới điểm đạt.") % {"n": len(failed)})
        if final is None:
            reasons.append(_("Chưa có điểm thi cuối khóa hoặc khóa luận."))
        elif final < pass_mark:
            reasons.append(_("Điểm thi cuối khóa hoặc khóa luận dưới điểm đạt."))
    band = rules.band_for(mark, programme.bands or rules.BANDS, pass_mark)
    return Result(mark, band, bool(ok and may_sit), reasons)


@dataclass
class LearnerRow:
    enrolment: Enrolment
    attendance: AttendanceSummary
    result: Result
    essay: Essay | None  # the latest essay (a rewrite when there is one)


def class_results(klass: TrainingClass, as_of: dt.date | None = None) -> list[LearnerRow]:
    """Every learner of the class with attendance up to `as_of` (sessions after it are not held yet) and
    the result their record gives, in a fixed number of queries whatever the class size."""
    klass = (
        TrainingClass.objects.select_related("programme")
        .prefetch_related("programme__modules")
        .get(pk=klass.pk)
    )
    enrolments = list(with_marks(klass.enrolments.all()))
    threshold = klass.programme.min_attendance_percent
    summaries = class_attendance(klass, [e.pk for e in enrolments], as_of=as_of, threshold=threshold)
    rows = []
    for enrolment in enrolments:
        enrolment.training_class = klass
        summary = summaries[enrolment.pk]
        essays = list(enrolment.essays.all())
        rows.append(
            LearnerRow(
                enrolment, summary, enrolment_result(enrolment, summary), essays[-1] if essays else None
            )
        )
    return rows


@transaction.atomic
def class_assess(klass: TrainingClass, *, by) -> TrainingClass:
    """Compute and store every learner's result; the class becomes "assessed" (can be rerun until the
    recognition decision). Commune-centre classes need their marks published first."""
    if not can(by, Action.ENTER_MARKS) or not in_scope(by, klass.institution):
        raise PermissionDenied
    klass = TrainingClass.objects.select_for_update().select_related("programme").get(pk=klass.pk)
    if klass.status not in (ClassStatus.IN_PROGRESS, ClassStatus.ASSESSED):
        raise TrainingRuleError(
            _("Chỉ đánh giá được lớp đang học hoặc đã đánh giá, chưa có quyết định công nhận.")
        )
    if (
        klass.programme.assessment_scheme == AssessmentScheme.ESSAY_QD1147
        and klass.marks_published_on is None
    ):
        raise TrainingRuleError(_("Công bố điểm bài thu hoạch trước khi xét kết quả."), citation=rules.QD1147)
    for row in class_results(klass):
        enrolment, result = row.enrolment, row.result
        enrolment.attendance_percent = row.attendance.percent
        enrolment.final_mark = result.mark
        enrolment.band = result.band
        enrolment.completed = result.completed
        if enrolment.status not in (EnrolmentStatus.EXPELLED, EnrolmentStatus.WITHDRAWN):
            enrolment.status = (
                EnrolmentStatus.COMPLETED if result.completed else EnrolmentStatus.NOT_COMPLETED
            )
        if not result.completed:
            enrolment.rewarded = False
        audit(enrolment, by).save()
    klass.status = ClassStatus.ASSESSED
    audit(klass, by).save()
    return klass


@transaction.atomic
def enrolment_reward(enrolment: Enrolment, *, by) -> Enrolment:
    """Reward a learner who completed; at most 10% of the class (QĐ 1147)."""
    klass = TrainingClass.objects.select_for_update().get(pk=enrolment.training_class_id)
    if not can(by, Action.APPROVE) or not in_scope(by, klass.institution):
        raise PermissionDenied
    if enrolment.rewarded:
        return enrolment
    if not enrolment.completed:
        raise TrainingRuleError(_("Chỉ khen thưởng học viên đã hoàn thành khóa học."))
    size = klass.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN).count()
    cap = rules.reward_cap(size)
    if klass.enrolments.filter(rewarded=True).count() >= cap:
        raise TrainingRuleError(
            _("Lớp %(n)s học viên chỉ được khen thưởng tối đa %(c)s người (10%%).") % {"n": size, "c": cap},
            citation=rules.QD1147,
            code="reward_cap",
        )
    enrolment.rewarded = True
    audit(enrolment, by).save()
    return enrolment
