"""Attendance: a reason too long is refused on its field; the class-wide summary counts only the
sessions held by the day asked, like the one-learner summary."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from llct.training.choices import AttendanceStatus
from llct.training.models import Attendance
from llct.training.services import classes as cs
from llct.training.services.attendance import attendance_record, attendance_summary, class_attendance
from llct.training.services.errors import TrainingRuleError

from ..conftest import START, article


def test_reason_longer_than_the_column_refused(commune_class, users):
    klass = commune_class(n=25, days=1)
    e = klass.enrolments.first()
    with pytest.raises(TrainingRuleError) as long:
        attendance_record(
            klass.sessions.get(), e, AttendanceStatus.EXCUSED, reason="x" * 256, by=users["officer"]
        )
    assert long.value.field == "reason" and "255" in str(long.value)
    assert not Attendance.objects.exists()


@article("attendance")
def test_future_sessions_do_not_count_before_they_are_held(commune_class, users, article):
    """While the class runs, sessions after today are not "not recorded": a learner present at every
    session held so far may sit."""
    klass = commune_class(n=25, days=2)
    by = users["officer"]
    cs.session_add(klass, date=START + dt.timedelta(days=5), periods=10, by=by)
    first_two = klass.sessions.filter(date__lte=START + dt.timedelta(days=1))
    learners = list(klass.enrolments.order_by("pk"))
    for s in first_two:
        for e in learners:
            attendance_record(s, e, AttendanceStatus.PRESENT, by=by)
    attendance_record(first_two[0], learners[1], AttendanceStatus.ABSENT, by=by)
    today = START + dt.timedelta(days=2)
    summaries = class_attendance(klass, [e.pk for e in learners], as_of=today)
    assert summaries[learners[0].pk].may_sit() and summaries[learners[0].pk].not_recorded == 0, article
    assert not summaries[learners[1].pk].may_sit() and summaries[learners[1].pk].percent == 50
    assert not class_attendance(klass, [learners[0].pk])[learners[0].pk].may_sit()  # every session
    for e in learners[:3]:
        one = attendance_summary(e, as_of=today)
        assert (one.percent, one.reasons) == (summaries[e.pk].percent, summaries[e.pk].reasons)


def test_while_the_class_runs_a_low_percentage_is_a_projection(commune_class, users):
    """Issue 7, defect 8: after 3 of 10 sessions, present at 1, the learner is warned with what is still
    attainable (1 + 7 of 10 = 80%), not refused; refused only once 80% cannot be reached; at the end, the
    verdict."""
    klass = commune_class(n=25, days=10)
    learner = klass.enrolments.first()
    sessions = list(klass.sessions.order_by("date"))
    attendance_record(sessions[0], learner, AttendanceStatus.PRESENT, by=users["officer"])
    for s in sessions[1:3]:
        attendance_record(s, learner, AttendanceStatus.ABSENT, by=users["officer"])
    on_third_day = sessions[2].date
    with translation.override("vi"):
        early = attendance_summary(learner, as_of=on_third_day)
    assert early.percent == Decimal("33.33") and early.attainable == Decimal("80.00")
    assert early.may_sit(80) and early.reasons == []
    warning = early.warnings[0]
    assert "33,33%" in warning and "80,00%" in warning and "33.33" not in warning
    attendance_record(sessions[3], learner, AttendanceStatus.ABSENT, by=users["officer"])
    late = attendance_summary(learner, as_of=sessions[3].date)  # 1 + 6 of 10: 70% at best
    assert not late.may_sit(80) and "70" in late.reasons[0]
    final = attendance_summary(learner)
    assert not final.may_sit(80) and final.upcoming == 0
