"""Attendance per session and learner, and the QĐ 1147 art. 6 condition for the final assessment.

Choice where the rule is silent: the percentage is present periods over the periods of every session
scheduled for the class up to the day asked (a session with no row for the learner counts as absent, and
is listed as "not recorded"). An excused absence still counts as absence for the 80% threshold; the
rule's second condition is that each absence has a reason confirmed by the sending unit.

While the class runs, a low percentage is a projection, not a verdict: the learner is warned with what
is still attainable (attending every session scheduled after the day asked), and is refused only once
even that cannot reach the threshold; the verdict is given on the whole course.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.registry.scope import in_scope
from llct.training.choices import AttendanceStatus
from llct.training.models import Attendance, Enrolment, Session

from .errors import TrainingRuleError

# The article is not in our sources (REGULATIONS.md §6 gives the rule [T], not its number): "Điều ?".
ATTENDANCE_RULE = "QĐ 1147-QĐ/BTGDVTW, Điều ? (dự học ≥ 80% số tiết)"
REASON_MAX = Attendance._meta.get_field("reason").max_length


@transaction.atomic
def attendance_record(
    session: Session,
    enrolment: Enrolment,
    status: str,
    *,
    reason: str = "",
    confirmed: bool = False,
    confirmation_document: str = "",
    by,
) -> Attendance:
    """Record (or correct) one learner's attendance at one session."""
    klass = session.training_class
    if not can(by, Action.RUN_TRAINING) or not in_scope(by, klass.institution):
        raise PermissionDenied
    if enrolment.training_class_id != klass.pk:
        raise TrainingRuleError(_("Học viên không thuộc lớp của buổi học này."))
    if status not in AttendanceStatus.values:
        raise TrainingRuleError(_("Chọn có mặt, vắng có lý do hoặc vắng không lý do."), field="status")
    if status == AttendanceStatus.EXCUSED and not reason.strip():
        raise TrainingRuleError(
            _("%(name)s, buổi %(d)s: vắng có lý do phải ghi lý do.")
            % {"name": enrolment.cadre.full_name, "d": session.date.strftime("%d/%m/%Y")},
            citation=ATTENDANCE_RULE,
            field="reason",
        )
    if len(reason.strip()) > REASON_MAX:
        raise TrainingRuleError(
            _("%(name)s: lý do vắng dài %(n)s ký tự, tối đa %(m)s; viết ngắn lại.")
            % {"name": enrolment.cadre.full_name, "n": len(reason.strip()), "m": REASON_MAX},
            field="reason",
        )
    row = Attendance.objects.filter(session=session, enrolment=enrolment).first() or Attendance(
        session=session, enrolment=enrolment
    )
    row.status = status
    row.reason = reason.strip() if status != AttendanceStatus.PRESENT else ""
    row.confirmed_by_sending_unit = confirmed and status == AttendanceStatus.EXCUSED
    row.confirmation_document = confirmation_document.strip() if row.confirmed_by_sending_unit else ""
    row.full_clean()
    audit(row, by).save()
    return row


@dataclass
class AttendanceSummary:
    scheduled: int = 0
    present: int = 0
    excused_confirmed: int = 0
    excused_unconfirmed: int = 0
    absent: int = 0
    not_recorded: int = 0
    upcoming: int = 0  # periods of the sessions scheduled after the day asked (0: the course is over)
    reasons: list[str] = field(default_factory=list)  # why the learner may not sit (a verdict)
    warnings: list[str] = field(default_factory=list)  # what to watch while the class runs

    @property
    def percent(self) -> Decimal:
        return _percent(self.present, self.scheduled)

    @property
    def attainable(self) -> Decimal:
        """The percentage if every period still to come is attended."""
        return _percent(self.present + self.upcoming, self.scheduled + self.upcoming)

    def may_sit(self, threshold: int = 80) -> bool:
        """QĐ 1147 art. 6: attendance ≥ 80% of periods, and every absence excused and confirmed. While
        sessions remain, only an unreachable threshold refuses (absences may still be confirmed)."""
        if self.upcoming:
            return self.attainable >= threshold
        return self.percent >= threshold and not (
            self.absent or self.excused_unconfirmed or self.not_recorded
        )


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal("100.00")
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _pc(value: Decimal) -> str:
    return number_format(value, 2)  # "66,67" in Vietnamese, "66.67" in English, as the pages print it


def _summarise(sessions, rows: dict, threshold: int, upcoming: int = 0) -> AttendanceSummary:
    out = AttendanceSummary(upcoming=upcoming)
    for session in sessions:
        out.scheduled += session.periods
        row = rows.get(session.pk)
        if row is None:
            out.not_recorded += session.periods
        elif row.status == AttendanceStatus.PRESENT:
            out.present += session.periods
        elif row.status == AttendanceStatus.EXCUSED and row.confirmed_by_sending_unit:
            out.excused_confirmed += session.periods
        elif row.status == AttendanceStatus.EXCUSED:
            out.excused_unconfirmed += session.periods
        else:
            out.absent += session.periods
    facts = out.warnings if upcoming else out.reasons
    if upcoming and out.attainable < threshold:
        out.reasons.append(
            _(
                "Dự học %(p)s%% số tiết đến nay; dù dự đủ %(n)s tiết còn lại cũng chỉ đạt %(a)s%%, dưới "
                "%(t)s%%: không được viết bài thu hoạch, thi cuối khóa (%(c)s)."
            )
            % {
                "p": _pc(out.percent),
                "n": upcoming,
                "a": _pc(out.attainable),
                "t": threshold,
                "c": ATTENDANCE_RULE,
            }
        )
    elif upcoming and out.percent < threshold:
        out.warnings.append(
            _(
                "Dự học %(p)s%% số tiết đến nay, dưới %(t)s%%; còn %(n)s tiết: dự đủ thì đạt %(a)s%%. "
                "Kết luận khi kết thúc khóa học (%(c)s)."
            )
            % {
                "p": _pc(out.percent),
                "t": threshold,
                "n": upcoming,
                "a": _pc(out.attainable),
                "c": ATTENDANCE_RULE,
            }
        )
    elif out.percent < threshold:
        out.reasons.append(
            _("Dự học %(p)s%% số tiết, dưới %(t)s%%: không được viết bài thu hoạch, thi cuối khóa (%(c)s).")
            % {"p": _pc(out.percent), "t": threshold, "c": ATTENDANCE_RULE}
        )
    if out.absent:
        facts.append(_("%(n)s tiết vắng không có lý do (%(c)s).") % {"n": out.absent, "c": ATTENDANCE_RULE})
    if out.excused_unconfirmed:
        facts.append(
            _("%(n)s tiết vắng có lý do chưa được đơn vị cử đi học xác nhận (%(c)s).")
            % {"n": out.excused_unconfirmed, "c": ATTENDANCE_RULE}
        )
    if out.not_recorded:
        facts.append(_("%(n)s tiết chưa điểm danh.") % {"n": out.not_recorded})
    return out


def _sessions(klass_id: int, as_of: dt.date | None):
    sessions = Session.objects.filter(training_class_id=klass_id)
    return sessions.filter(date__lte=as_of) if as_of is not None else sessions


def _upcoming(klass_id: int, as_of: dt.date | None) -> int:
    """Periods of the sessions scheduled after `as_of` (none when every session is counted)."""
    if as_of is None:
        return 0
    later = Session.objects.filter(training_class_id=klass_id, date__gt=as_of)
    return sum(later.values_list("periods", flat=True))


def attendance_summary(
    enrolment: Enrolment, as_of: dt.date | None = None, threshold: int = 80
) -> AttendanceSummary:
    """Periods present and absent of one learner in the sessions held up to `as_of` (every session when
    None), and why they may not sit the final assessment."""
    rows = {a.session_id: a for a in Attendance.objects.filter(enrolment=enrolment)}
    klass_id = enrolment.training_class_id
    return _summarise(_sessions(klass_id, as_of), rows, threshold, _upcoming(klass_id, as_of))


def class_attendance(
    klass, enrolment_ids, as_of: dt.date | None = None, threshold: int = 80
) -> dict[int, AttendanceSummary]:
    """`attendance_summary` for many learners of one class in two queries (the class page)."""
    sessions = list(_sessions(klass.pk, as_of))
    held = {s.pk for s in sessions}
    rows: dict[int, dict] = {pk: {} for pk in enrolment_ids}
    for row in Attendance.objects.filter(session__training_class_id=klass.pk):
        if row.enrolment_id in rows and row.session_id in held:
            rows[row.enrolment_id][row.session_id] = row
    upcoming = _upcoming(klass.pk, as_of)
    return {pk: _summarise(sessions, found, threshold, upcoming) for pk, found in rows.items()}


@transaction.atomic
def attendance_refresh(enrolment: Enrolment, *, by=None) -> Enrolment:
    """Store the learner's attendance percentage on the enrolment (shown in lists and the decision)."""
    summary = attendance_summary(
        enrolment, threshold=enrolment.training_class.programme.min_attendance_percent
    )
    enrolment.attendance_percent = summary.percent
    audit(enrolment, by).save(update_fields=["attendance_percent"])
    return enrolment
