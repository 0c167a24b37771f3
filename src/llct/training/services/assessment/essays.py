"""The final essay of commune-centre courses, exactly as QĐ 1147-QĐ/BTGDVTW sets it: sat only with
attendance ≥ 80% (art. 6); two markers, mean, pass ≥ 5.0; one rewrite within 3 days; marks handed in ≤ 3
days after the markers receive the essays and published ≤ 3 days later. Appeals are in `appeals`.

The steps of a class: the essays are handed in and reach the markers (`essays_receive`, which records both
days) → two lecturers mark each essay (`essay_mark`) → the markers hand in the marks (`marks_hand_in`) →
the centre publishes them (`marks_publish`). `class_deadlines` says which step is late."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.registry.scope import in_scope
from llct.training.choices import AssessmentScheme, ClassStatus, EnrolmentStatus
from llct.training.models import Enrolment, Essay, Lecturer, TrainingClass
from llct.training.services.attendance import attendance_summary
from llct.training.services.errors import TrainingRuleError, dmy

from . import rules

QD = rules.QD1147


def require(by, klass: TrainingClass, action: Action = Action.ENTER_MARKS) -> None:
    if not can(by, action) or not in_scope(by, klass.institution):
        raise PermissionDenied


def effective_publication(essay: Essay) -> dt.date | None:
    """When the essay's mark was published: the class publication for the first essay, the marking date
    of a rewrite (a rewrite's mark is published when marked)."""
    if essay.attempt == 1:
        return essay.enrolment.training_class.marks_published_on
    return essay.marked_on


def fresh(essay: Essay) -> Essay:
    """The essay as stored now, with its learner and class (the caller's copies may predate a step)."""
    return Essay.objects.select_related(
        "enrolment__cadre", "enrolment__training_class__institution", "enrolment__training_class__programme"
    ).get(pk=essay.pk)


def _check_class(klass: TrainingClass) -> None:
    if klass.programme.assessment_scheme != AssessmentScheme.ESSAY_QD1147:
        raise TrainingRuleError(_("Chương trình của lớp này đánh giá bằng thi, không bằng bài thu hoạch."))
    if klass.status not in (ClassStatus.IN_PROGRESS, ClassStatus.ASSESSED):
        raise TrainingRuleError(_("Lớp chưa học hoặc đã có quyết định công nhận."))


def _may_sit(enrolment: Enrolment, on: dt.date) -> None:
    klass = enrolment.training_class
    threshold = klass.programme.min_attendance_percent
    summary = attendance_summary(enrolment, as_of=on, threshold=threshold)
    if not summary.may_sit(threshold):
        raise TrainingRuleError(
            _("%(n)s không đủ điều kiện viết bài thu hoạch: %(why)s")
            % {"n": enrolment.cadre.full_name, "why": " ".join(summary.reasons)},
            code="attendance",
        )


def _save_essay(enrolment: Enrolment, attempt: int, submitted_on: dt.date, by) -> Essay:
    essay = Essay(enrolment=enrolment, attempt=attempt, submitted_on=submitted_on)
    try:
        with transaction.atomic():
            audit(essay, by).save()
    except IntegrityError:
        return Essay.objects.get(enrolment=enrolment, attempt=attempt)
    return essay


@transaction.atomic
def essay_submit(enrolment: Enrolment, *, submitted_on: dt.date, by) -> Essay:
    """Hand in one learner's essay: the first (usually through `essays_receive`), or the one rewrite of a
    failed essay within 3 days of publication. Submitting again the same attempt returns it."""
    enrolment = Enrolment.objects.select_related(
        "cadre", "training_class__programme", "training_class__institution"
    ).get(pk=enrolment.pk)
    klass = enrolment.training_class
    require(by, klass, Action.RUN_TRAINING)
    _check_class(klass)
    if enrolment.status in (EnrolmentStatus.EXPELLED, EnrolmentStatus.WITHDRAWN):
        raise TrainingRuleError(
            _("%(n)s đã %(s)s.")
            % {"n": enrolment.cadre.full_name, "s": enrolment.get_status_display().lower()}
        )
    essays = list(enrolment.essays.order_by("attempt"))
    if not essays:
        _may_sit(enrolment, submitted_on)
        return _save_essay(enrolment, 1, submitted_on, by)
    last = essays[-1]
    if last.submitted_on == submitted_on or last.mark is None:
        return last
    if last.attempt >= 2:
        raise TrainingRuleError(
            _("Chỉ được viết lại bài thu hoạch một lần."), citation=QD, code="one_rewrite"
        )
    if rules.passed(last.mark):
        raise TrainingRuleError(_("Bài thu hoạch đã đạt; không viết lại."), citation=QD)
    published = effective_publication(last)
    if published is None:
        raise TrainingRuleError(_("Điểm chưa công bố; chưa viết lại được."), citation=QD)
    if submitted_on > rules.rewrite_due(published):
        raise TrainingRuleError(
            _("Bài viết lại phải nộp trong 3 ngày, chậm nhất ngày %(d)s.")
            % {"d": dmy(rules.rewrite_due(published))},
            citation=QD,
            code="rewrite_late",
        )
    return _save_essay(enrolment, 2, submitted_on, by)


@dataclass
class Receipt:
    klass: TrainingClass
    received: int = 0
    refused: list[str] = field(default_factory=list)


@transaction.atomic
def essays_receive(klass: TrainingClass, *, on: dt.date, submitted_on: dt.date | None = None, by) -> Receipt:
    """Record that the learners handed in their essays on `submitted_on` (default `on`) and that the
    markers received them on `on` — the day the 3-day hand-in deadline counts from (QĐ 1147). Every learner
    who may sit (art. 6) and has no essay yet gets one; the others are listed with the reason. The day can
    be corrected until the marks are handed in."""
    require(by, klass, Action.RUN_TRAINING)
    klass = (
        TrainingClass.objects.select_for_update().select_related("programme", "institution").get(pk=klass.pk)
    )
    _check_class(klass)
    submitted_on = submitted_on or on
    if klass.marks_handed_in_on is not None:
        raise TrainingRuleError(
            _("Giảng viên đã nộp điểm ngày %(d)s; không sửa ngày nhận bài.")
            % {"d": dmy(klass.marks_handed_in_on)},
            field="essays_received_on",
        )
    if on < submitted_on:
        raise TrainingRuleError(
            _("Ngày giảng viên nhận bài không thể trước ngày học viên nộp bài."), field="essays_received_on"
        )
    if submitted_on < klass.starts_on:
        raise TrainingRuleError(_("Ngày nộp bài không thể trước ngày khai giảng."), field="submitted_on")
    receipt = Receipt(klass)
    learners = klass.enrolments.filter(status=EnrolmentStatus.ENROLLED, essays__isnull=True).select_related(
        "cadre", "training_class__programme"
    )
    for enrolment in learners:
        try:
            _may_sit(enrolment, submitted_on)
        except TrainingRuleError as refused:
            receipt.refused.append(refused.messages[0])
            continue
        _save_essay(enrolment, 1, submitted_on, by)
        receipt.received += 1
    klass.essays_received_on = on
    audit(klass, by).save()
    return receipt


def _check_markers(essay: Essay, klass: TrainingClass, first: Lecturer, second: Lecturer, by) -> None:
    if first.pk == second.pk:
        raise TrainingRuleError(
            _("Hai người chấm phải là hai giảng viên khác nhau."),
            citation=QD,
            code="same_marker",
            field="second_marker",
        )
    for name, marker in (("first_marker", first), ("second_marker", second)):
        if marker.institution_id != klass.institution_id:
            raise TrainingRuleError(
                _("%(n)s không phải giảng viên của %(i)s.")
                % {"n": marker.full_name, "i": klass.institution.name},
                field=name,
            )
    # Staff who run the class enter the marks on the markers' behalf; a lecturer enters only the marks of
    # an essay they were assigned to mark.
    if not can(by, Action.RUN_TRAINING) and by.pk not in (first.user_id, second.user_id):
        raise TrainingRuleError(
            _("Bạn không phải một trong hai giảng viên chấm bài thu hoạch của %(n)s.")
            % {"n": essay.enrolment.cadre.full_name},
            code="not_marker",
        )


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
    """Two lecturers of the institution mark on the 10-point scale; the essay mark is their mean
    (QĐ 1147). A first essay is marked after the markers received it and until the marks are published."""
    essay = fresh(essay)
    klass = essay.enrolment.training_class
    require(by, klass)
    _check_markers(essay, klass, first_marker, second_marker, by)
    if essay.attempt == 1 and klass.essays_received_on is None:
        raise TrainingRuleError(
            _("Ghi ngày giảng viên nhận bài thu hoạch trước khi chấm."), code="not_received"
        )
    if essay.attempt == 1 and klass.marks_published_on is not None:
        raise TrainingRuleError(
            _("Điểm đã công bố; chỉ thay đổi qua phúc tra."), citation=QD, code="published"
        )
    if marked_on < essay.submitted_on:
        raise TrainingRuleError(_("Ngày chấm không thể trước ngày nộp bài."), field="marked_on")
    try:
        mean = rules.two_marker_mean(Decimal(first_mark), Decimal(second_mark))
    except ValueError:
        raise TrainingRuleError(_("Điểm phải từ 0 đến 10."), code="range") from None
    essay.first_marker, essay.first_mark = first_marker, Decimal(first_mark)
    essay.second_marker, essay.second_mark = second_marker, Decimal(second_mark)
    essay.mark = mean
    essay.marked_on = marked_on
    audit(essay, by).save()
    return essay


@transaction.atomic
def marks_hand_in(klass: TrainingClass, *, on: dt.date, by) -> TrainingClass:
    """The markers hand in the marks; every first essay must be marked. Due 3 days after the markers
    received the essays (QĐ 1147): a late hand-in is recorded as it happened and shown late."""
    require(by, klass)
    klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
    if klass.essays_received_on is None:
        raise TrainingRuleError(
            _("Ghi ngày giảng viên nhận bài thu hoạch trước; hạn nộp điểm tính từ ngày đó."),
            citation=QD,
            code="not_received",
        )
    if klass.marks_handed_in_on is not None:
        return klass
    if on < klass.essays_received_on:
        raise TrainingRuleError(_("Ngày nộp điểm không thể trước ngày nhận bài."), field="on")
    unmarked = Essay.objects.filter(enrolment__training_class=klass, attempt=1, mark__isnull=True).count()
    if unmarked:
        raise TrainingRuleError(_("Còn %(n)s bài thu hoạch chưa chấm.") % {"n": unmarked})
    klass.marks_handed_in_on = on
    audit(klass, by).save()
    return klass


@transaction.atomic
def marks_publish(klass: TrainingClass, *, on: dt.date, by) -> TrainingClass:
    """Publish the marks, due 3 days after the hand-in (QĐ 1147); starts the 2-day appeal and the 3-day
    rewrite windows."""
    require(by, klass, Action.RUN_TRAINING)
    klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
    if klass.marks_handed_in_on is None:
        raise TrainingRuleError(_("Giảng viên chưa nộp điểm."))
    if klass.marks_published_on is not None:
        return klass
    if on < klass.marks_handed_in_on:
        raise TrainingRuleError(_("Ngày công bố không thể trước ngày nộp điểm."), field="on")
    klass.marks_published_on = on
    audit(klass, by).save()
    return klass


def class_deadlines(klass: TrainingClass, today: dt.date) -> list[dict]:
    """The deadlines of QĐ 1147 for a class: hand-in of marks (3 days after the markers received the
    essays), publication (3 days after the hand-in), appeals and rewrites; each with its key, due day, the
    day it was done and whether it is late (done after the due day, or not done and the day passed)."""
    out = []
    if klass.essays_received_on:
        due = rules.hand_in_due(klass.essays_received_on)
        done = klass.marks_handed_in_on
        out.append(
            {
                "key": "hand_in",
                "label": _("Nộp điểm"),
                "due": due,
                "done": done,
                "late": (done or today) > due,
            }
        )
    if klass.marks_handed_in_on:
        due = rules.publish_due(klass.marks_handed_in_on)
        done = klass.marks_published_on
        out.append(
            {
                "key": "publish",
                "label": _("Công bố điểm"),
                "due": due,
                "done": done,
                "late": (done or today) > due,
            }
        )
    if klass.marks_published_on:
        for key, label, due in (
            ("appeal", _("Hạn phúc tra"), rules.appeal_due(klass.marks_published_on)),
            ("rewrite", _("Hạn nộp bài viết lại"), rules.rewrite_due(klass.marks_published_on)),
        ):
            out.append({"key": key, "label": label, "due": due, "done": None, "late": False})
    return out
