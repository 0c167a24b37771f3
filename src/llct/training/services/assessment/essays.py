"""The final essay of commune-centre courses, exactly as QĐ 1147-QĐ/BTGDVTW sets it: sat only with
attendance ≥ 80% (art. 6); two markers, mean, pass ≥ 5.0; one rewrite within 3 days; marks handed in ≤ 3
days after receipt and published ≤ 3 days later; appeal within 2 days, re-marked by a third lecturer;
change only for 0.5 ≤ difference < 2, a difference ≥ 2 goes to the director for a minuted final mark."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from llct.accounts.permissions import Action, can
from llct.accounts.scope import in_scope
from llct.training.choices import AppealOutcome, AssessmentScheme, ClassStatus, EnrolmentStatus
from llct.training.models import Appeal, Enrolment, Essay, Lecturer, TrainingClass
from llct.training.services.attendance import attendance_summary
from llct.training.services.errors import TrainingRuleError, audit

from . import rules

QD = rules.QD1147


def _require(by, klass: TrainingClass, action: Action = Action.ENTER_MARKS) -> None:
    if not can(by, action) or not in_scope(by, klass.institution):
        raise PermissionDenied


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _effective_publication(essay: Essay) -> dt.date | None:
    """When the essay's mark was published: the class publication for the first essay, the marking date
    of a rewrite (a rewrite's mark is published when marked)."""
    if essay.attempt == 1:
        return essay.enrolment.training_class.marks_published_on
    return essay.marked_on


@transaction.atomic
def essay_submit(enrolment: Enrolment, *, submitted_on: dt.date, by) -> Essay:
    """Hand in an essay (the first, or the one rewrite of a failed essay). Submitting again the same
    attempt returns it."""
    klass = enrolment.training_class
    _require(by, klass, Action.RUN_TRAINING)
    if klass.programme.assessment_scheme != AssessmentScheme.ESSAY_QD1147:
        raise TrainingRuleError(_("Chương trình của lớp này đánh giá bằng thi, không bằng bài thu hoạch."))
    if klass.status not in (ClassStatus.IN_PROGRESS, ClassStatus.ASSESSED):
        raise TrainingRuleError(_("Lớp chưa học hoặc đã có quyết định công nhận."))
    if enrolment.status in (EnrolmentStatus.EXPELLED, EnrolmentStatus.WITHDRAWN):
        raise TrainingRuleError(
            _("%(n)s đã %(s)s.")
            % {"n": enrolment.cadre.full_name, "s": enrolment.get_status_display().lower()}
        )
    essays = list(enrolment.essays.order_by("attempt"))
    if not essays:
        summary = attendance_summary(enrolment, threshold=klass.programme.min_attendance_percent)
        if not summary.may_sit(klass.programme.min_attendance_percent):
            raise TrainingRuleError(
                _("%(n)s không đủ điều kiện viết bài thu hoạch: %(why)s")
                % {"n": enrolment.cadre.full_name, "why": " ".join(summary.reasons)},
                code="attendance",
            )
        attempt = 1
    else:
        last = essays[-1]
        if last.submitted_on == submitted_on or last.mark is None:
            return last
        if last.attempt >= 2:
            raise TrainingRuleError(
                _("Chỉ được viết lại bài thu hoạch một lần."), citation=QD, code="one_rewrite"
            )
        if rules.passed(last.mark):
            raise TrainingRuleError(_("Bài thu hoạch đã đạt; không viết lại."), citation=QD)
        published = _effective_publication(last)
        if published is None:
            raise TrainingRuleError(_("Điểm chưa công bố; chưa viết lại được."), citation=QD)
        if submitted_on > rules.rewrite_due(published):
            raise TrainingRuleError(
                _("Bài viết lại phải nộp trong 3 ngày, chậm nhất ngày %(d)s.")
                % {"d": _fmt(rules.rewrite_due(published))},
                citation=QD,
                code="rewrite_late",
            )
        attempt = 2
    essay = Essay(enrolment=enrolment, attempt=attempt, submitted_on=submitted_on)
    try:
        with transaction.atomic():
            audit(essay, by).save()
    except IntegrityError:
        return Essay.objects.get(enrolment=enrolment, attempt=attempt)
    return essay


@transaction.atomic
def essay_mark(
    essay: Essay,
    *,
    first_marker: Lecturer,
    first_mark: Decimal,
    second_marker: Lecturer,
    second_mark: Decimal,
    marked_on: dt.date,
    by,
) -> Essay:
    """Two lecturers mark on the 10-point scale; the essay mark is their mean (QĐ 1147)."""
    klass = essay.enrolment.training_class
    _require(by, klass)
    if first_marker.pk == second_marker.pk:
        raise TrainingRuleError(
            _("Hai người chấm phải là hai giảng viên khác nhau."), citation=QD, code="same_marker"
        )
    if essay.attempt == 1 and klass.marks_published_on is not None:
        raise TrainingRuleError(
            _("Điểm đã công bố; chỉ thay đổi qua phúc tra."), citation=QD, code="published"
        )
    essay.first_marker, essay.first_mark = first_marker, Decimal(first_mark)
    essay.second_marker, essay.second_mark = second_marker, Decimal(second_mark)
    try:
        essay.mark = rules.two_marker_mean(essay.first_mark, essay.second_mark)
    except ValueError:
        raise TrainingRuleError(_("Điểm phải từ 0 đến 10."), code="range") from None
    essay.marked_on = marked_on
    audit(essay, by).save()
    return essay


@transaction.atomic
def essays_receive(klass: TrainingClass, *, on: dt.date, by) -> TrainingClass:
    """Record the day the essays reached the markers (starts the 3-day hand-in deadline)."""
    _require(by, klass, Action.RUN_TRAINING)
    klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
    klass.essays_received_on = on
    audit(klass, by).save()
    return klass


@transaction.atomic
def marks_hand_in(klass: TrainingClass, *, on: dt.date, by) -> TrainingClass:
    """The markers hand in the marks; every first essay must be marked."""
    _require(by, klass)
    klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
    unmarked = Essay.objects.filter(enrolment__training_class=klass, attempt=1, mark__isnull=True).count()
    if unmarked:
        raise TrainingRuleError(_("Còn %(n)s bài thu hoạch chưa chấm.") % {"n": unmarked})
    klass.essays_received_on = klass.essays_received_on or on
    klass.marks_handed_in_on = on
    audit(klass, by).save()
    return klass


@transaction.atomic
def marks_publish(klass: TrainingClass, *, on: dt.date, by) -> TrainingClass:
    """Publish the marks (starts the 2-day appeal and the 3-day rewrite windows)."""
    _require(by, klass, Action.RUN_TRAINING)
    klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
    if klass.marks_handed_in_on is None:
        raise TrainingRuleError(_("Giảng viên chưa nộp điểm."))
    klass.marks_published_on = klass.marks_published_on or on
    audit(klass, by).save()
    return klass


def essay_effective_mark(essay: Essay) -> Decimal | None:
    """The essay's mark after any appeal; None while an appeal waits for the director."""
    appeal = getattr(essay, "appeal", None)
    if appeal is None:
        return essay.mark
    if appeal.outcome == AppealOutcome.DIRECTOR:
        return appeal.director_mark
    if appeal.outcome == AppealOutcome.CHANGED:
        return appeal.remark
    return essay.mark


@transaction.atomic
def appeal_lodge(essay: Essay, *, lodged_on: dt.date, by) -> Appeal:
    """Ask for a re-mark (phúc tra) within 2 days of publication (QĐ 1147)."""
    _require(by, essay.enrolment.training_class, Action.RUN_TRAINING)
    existing = Appeal.objects.filter(essay=essay).first()
    if existing is not None:
        return existing
    published = _effective_publication(essay)
    if essay.mark is None or published is None:
        raise TrainingRuleError(_("Điểm chưa công bố; chưa phúc tra được."), citation=QD)
    if lodged_on > rules.appeal_due(published):
        raise TrainingRuleError(
            _("Hết hạn phúc tra: phải đề nghị trong 2 ngày kể từ ngày công bố, chậm nhất ngày %(d)s.")
            % {"d": _fmt(rules.appeal_due(published))},
            citation=QD,
            code="appeal_late",
        )
    appeal = Appeal(essay=essay, lodged_on=lodged_on)
    audit(appeal, by).save()
    return appeal


@transaction.atomic
def appeal_remark(appeal: Appeal, *, marker: Lecturer, remark: Decimal, on: dt.date, by) -> Appeal:
    """The re-mark by a lecturer who was neither first marker; the rule of QĐ 1147 decides the outcome."""
    essay = appeal.essay
    _require(by, essay.enrolment.training_class)
    if marker.pk in (essay.first_marker_id, essay.second_marker_id):
        raise TrainingRuleError(
            _("Người phúc tra không được là người đã chấm bài."), citation=QD, code="marker_not_independent"
        )
    appeal.marker = marker
    appeal.remark = Decimal(remark)
    appeal.outcome, _mark = rules.appeal_outcome(essay.mark, appeal.remark)
    appeal.resolved_on = on if appeal.outcome != AppealOutcome.DIRECTOR else None
    audit(appeal, by).save()
    return appeal


@transaction.atomic
def appeal_director_decide(appeal: Appeal, *, mark: Decimal, minutes: str, on: dt.date, by) -> Appeal:
    """The director's minuted final mark when marks differ by 2 or more (QĐ 1147)."""
    _require(by, appeal.essay.enrolment.training_class, Action.APPROVE)
    if appeal.outcome != AppealOutcome.DIRECTOR:
        raise TrainingRuleError(
            _("Chỉ khi điểm phúc tra lệch từ 2 điểm trở lên Giám đốc mới quyết định."), citation=QD
        )
    if not minutes.strip():
        raise TrainingRuleError(
            _("Ghi số, ngày biên bản quyết định điểm."), citation=QD, code="minutes_required"
        )
    if not Decimal(0) <= Decimal(mark) <= Decimal(10):
        raise TrainingRuleError(_("Điểm phải từ 0 đến 10."))
    appeal.director_mark = Decimal(mark)
    appeal.minutes = minutes.strip()
    appeal.resolved_on = on
    audit(appeal, by).save()
    return appeal


def class_deadlines(klass: TrainingClass, today: dt.date) -> list[dict]:
    """The deadlines of QĐ 1147 for a class: hand-in of marks, publication; each with its due day, the day
    it was done and whether it is late."""
    out = []
    if klass.essays_received_on:
        due = rules.hand_in_due(klass.essays_received_on)
        done = klass.marks_handed_in_on
        out.append({"label": _("Nộp điểm"), "due": due, "done": done, "late": (done or today) > due})
    if klass.marks_handed_in_on:
        due = rules.publish_due(klass.marks_handed_in_on)
        done = klass.marks_published_on
        out.append({"label": _("Công bố điểm"), "due": due, "done": done, "late": (done or today) > due})
    if klass.marks_published_on:
        out.append(
            {
                "label": _("Hạn phúc tra"),
                "due": rules.appeal_due(klass.marks_published_on),
                "done": None,
                "late": False,
            }
        )
        out.append(
            {
                "label": _("Hạn nộp bài viết lại"),
                "due": rules.rewrite_due(klass.marks_published_on),
                "done": None,
                "late": False,
            }
        )
    return out
