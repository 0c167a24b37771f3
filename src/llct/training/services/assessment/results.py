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
from llct.training.choices import AssessmentScheme, Band, ClassStatus, Discipline, EnrolmentStatus
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
    missing: list[str] = field(default_factory=list)  # required marks not entered yet (may sit, no mark)


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
    missing: list[str] = []
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
            missing.append(_("điểm bài thu hoạch"))
        ok = mark is not None and rules.passed(mark, pass_mark)
    else:
        modules, final = latest_marks(enrolment)
        absent = [m.name for m in programme.modules.all() if m.has_exam and m.pk not in modules]
        failed = [pk for pk, v in modules.items() if v < pass_mark]
        mark = rules.weighted_final(list(modules.values()), final, programme.final_weight)
        ok = not absent and not failed and final is not None and final >= pass_mark
        if absent:
            reasons.append(_("Thiếu điểm %(n)s học phần.") % {"n": len(absent)})
            missing += [_("điểm thi học phần “%(m)s”") % {"m": name} for name in absent]
        if failed:
            reasons.append(_("%(n)s học phần dưới điểm đạt.") % {"n": len(failed)})
        if final is None:
            reasons.append(_("Chưa có điểm thi cuối khóa hoặc khóa luận."))
            missing.append(_("điểm thi cuối khóa hoặc khóa luận"))
        elif final < pass_mark:
            reasons.append(_("Điểm thi cuối khóa hoặc khóa luận dưới điểm đạt."))
    band = rules.band_for(mark, programme.bands or rules.BANDS, pass_mark)
    return Result(mark, band, bool(ok and may_sit), reasons, missing if may_sit else [])


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


_DECIDED = (EnrolmentStatus.EXPELLED, EnrolmentStatus.WITHDRAWN)  # results not computed for these


@dataclass
class AssessmentPreview:
    """What deciding the results would do now: who completes, who does not (with why), and the required
    marks still missing — which refuse the decision until they are entered."""

    completing: list[LearnerRow]
    not_completing: list[LearnerRow]
    missing: list[LearnerRow]


def assessment_preview(klass: TrainingClass) -> AssessmentPreview:
    rows = [r for r in class_results(klass) if r.enrolment.status not in _DECIDED]
    return AssessmentPreview(
        completing=[r for r in rows if r.result.completed],
        not_completing=[r for r in rows if not r.result.completed and not r.result.missing],
        missing=[r for r in rows if r.result.missing],
    )


def _require_assessable(klass: TrainingClass, by) -> TrainingClass:
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
    return klass


def missing_marks_message(rows: list[LearnerRow], shown: int = 5) -> str:
    """'Còn thiếu điểm của N học viên: A (…), B (…) …' — the learners first in name order."""
    names = "; ".join(
        f"{r.enrolment.cadre.full_name} ({', '.join(r.result.missing)})"
        for r in sorted(rows, key=lambda r: r.enrolment.cadre.name_sort_key)[:shown]
    )
    more = len(rows) - shown
    tail = _(" và %(k)s học viên khác") % {"k": more} if more > 0 else ""
    return _(
        "Chưa xét được kết quả: còn thiếu điểm bắt buộc của %(n)s học viên: %(names)s%(more)s. "
        "Nhập đủ điểm (điểm 0 nếu học viên không dự thi) rồi xét lại."
    ) % {
        "n": len(rows),
        "names": names,
        "more": tail,
    }


@transaction.atomic
def class_assess(klass: TrainingClass, *, by) -> TrainingClass:
    """Compute and store every learner's result; the class becomes "assessed" (the director may reopen it
    until the recognition decision is signed). Refused while a learner who may sit lacks a required mark;
    commune-centre classes need their marks published first."""
    klass = _require_assessable(klass, by)
    rows = class_results(klass)
    if missing := [r for r in rows if r.result.missing and r.enrolment.status not in _DECIDED]:
        raise TrainingRuleError(missing_marks_message(missing), code="marks_missing")
    for row in rows:
        enrolment, result = row.enrolment, row.result
        enrolment.attendance_percent = row.attendance.percent
        enrolment.final_mark = result.mark
        # a band grades a completed course; one who did not complete has none, unless the mark failed
        enrolment.band = result.band if result.completed or result.band == Band.FAIL else ""
        enrolment.completed = result.completed
        if enrolment.status not in _DECIDED:
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
def class_reopen(klass: TrainingClass, *, by, reason: str = "") -> TrainingClass:
    """Undo the decided results (the director, before the recognition decision is signed): the class is in
    progress again and each learner's stored result, band and reward are cleared; sessions, attendance
    and marks are untouched, so deciding again gives the same results unless they changed."""
    if not can(by, Action.APPROVE) or not in_scope(by, klass.institution):
        raise PermissionDenied
    klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
    if klass.status != ClassStatus.ASSESSED:
        raise TrainingRuleError(
            _("Chỉ hủy được kết quả đã xét của lớp chưa có quyết định công nhận."), code="not_assessed"
        )
    for enrolment in klass.enrolments.exclude(status__in=_DECIDED):
        enrolment.status = EnrolmentStatus.ENROLLED
        enrolment.final_mark = None
        enrolment.band = ""
        enrolment.completed = False
        enrolment.rewarded = False
        audit(enrolment, by, reason).save()
    klass.status = ClassStatus.IN_PROGRESS
    audit(klass, by, reason or _("Hủy kết quả đã xét")).save()
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
