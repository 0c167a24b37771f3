"""The essay steps of QĐ 1147 with their dates: receipt by the markers (the 3-day hand-in deadline counts
from it), hand-in, publication; who may mark; appeals taken once, the director's minuted mark."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from llct.accounts.models import Role
from llct.training.choices import AppealOutcome, AttendanceStatus
from llct.training.services.assessment import appeals as ap
from llct.training.services.assessment import essays as es
from llct.training.services.attendance import attendance_record
from llct.training.services.errors import TrainingRuleError

from ..conftest import START, article

DAY = START + dt.timedelta(days=5)


@pytest.fixture
def taught(commune_class, users):
    """A 25-learner class, everyone present at its one session but learner 0, absent."""
    klass = commune_class(n=25, days=1)
    session = klass.sessions.get()
    learners = list(klass.enrolments.order_by("pk"))
    for e in learners:
        status = AttendanceStatus.ABSENT if e == learners[0] else AttendanceStatus.PRESENT
        attendance_record(session, e, status, by=users["officer"])
    return klass


def _mark_all(klass, lecturers, by, first=D(7), second=D(8)):
    for e in klass.enrolments.filter(essays__isnull=False):
        es.essay_mark(
            e.essays.get(),
            first_marker=lecturers[0],
            first_mark=first,
            second_marker=lecturers[1],
            second_mark=second,
            marked_on=DAY,
            by=by,
        )


@article("hand_in", "attendance")
def test_receipt_records_the_day_and_who_may_sit(taught, users, article):
    """Receiving the essays records the markers' day (not the hand-in's); learners below the attendance
    condition get no essay and are listed with the reason."""
    receipt = es.essays_receive(taught, on=DAY, submitted_on=DAY - dt.timedelta(days=1), by=users["officer"])
    taught.refresh_from_db()
    assert receipt.received == 24 and len(receipt.refused) == 1 and "80%" in receipt.refused[0], article
    assert taught.essays_received_on == DAY
    assert {e.submitted_on for e in taught.enrolments.first().essays.all()} <= {DAY - dt.timedelta(days=1)}
    with pytest.raises(TrainingRuleError) as before:
        es.essays_receive(taught, on=DAY, submitted_on=DAY + dt.timedelta(days=1), by=users["officer"])
    assert before.value.field == "essays_received_on"


@article("hand_in", "publish")
def test_late_hand_in_and_publication_show_late(taught, users, lecturers, article):
    """Marks handed in more than 3 days after receipt, and published more than 3 days after the
    hand-in, are recorded as they happened and shown late."""
    by = users["officer"]
    with pytest.raises(TrainingRuleError) as unreceived:
        es.marks_hand_in(taught, on=DAY, by=by)
    assert unreceived.value.code == "not_received", article
    es.essays_receive(taught, on=DAY, by=by)
    _mark_all(taught, lecturers, by)
    late_day = DAY + dt.timedelta(days=4)
    assert es.class_deadlines(es.marks_hand_in(taught, on=late_day, by=by), late_day)[0]["late"], article
    publish_day = late_day + dt.timedelta(days=3)
    klass = es.marks_publish(taught, on=publish_day, by=by)
    hand_in, publish = es.class_deadlines(klass, publish_day)[:2]
    assert (hand_in["key"], hand_in["done"], hand_in["late"]) == ("hand_in", late_day, True), article
    assert (publish["key"], publish["done"], publish["late"]) == ("publish", publish_day, False), article
    overdue = es.class_deadlines(klass, publish_day)
    assert [d["key"] for d in overdue] == ["hand_in", "publish", "appeal", "rewrite"]


def test_receipt_not_changed_after_hand_in(taught, users, lecturers):
    es.essays_receive(taught, on=DAY, by=users["officer"])
    _mark_all(taught, lecturers, users["officer"])
    es.marks_hand_in(taught, on=DAY, by=users["officer"])
    with pytest.raises(TrainingRuleError):
        es.essays_receive(taught, on=DAY + dt.timedelta(days=1), by=users["officer"])


def test_lecturer_marks_only_essays_assigned_to_them(taught, users, lecturers, make_user, tree):
    """A lecturer (ENTER_MARKS, not RUN_TRAINING) enters the marks of an essay they mark; another
    lecturer's account is refused; markers must be lecturers of the institution."""
    es.essays_receive(taught, on=DAY, by=users["officer"])
    essay = taught.enrolments.order_by("pk")[1].essays.get()
    lecturers[0].user = users["lecturer"]
    lecturers[0].save()
    kw = dict(first_mark=D(7), second_mark=D(8), marked_on=DAY)
    marked = es.essay_mark(
        essay, first_marker=lecturers[0], second_marker=lecturers[1], by=users["lecturer"], **kw
    )
    assert marked.mark == D("7.50")
    stranger = make_user(Role.LECTURER, tree["centre"])
    with pytest.raises(TrainingRuleError) as refused:
        es.essay_mark(essay, first_marker=lecturers[1], second_marker=lecturers[2], by=stranger, **kw)
    assert refused.value.code == "not_marker"
    from llct.training.models import Lecturer

    outsider = Lecturer.objects.create(institution=tree["school"], full_name="Ngoài Trung Tâm", kind="co_huu")
    with pytest.raises(TrainingRuleError) as foreign:
        es.essay_mark(essay, first_marker=outsider, second_marker=lecturers[1], by=users["officer"], **kw)
    assert foreign.value.field == "first_marker"


@article("appeal_rule")
def test_appeal_remarked_once_and_decided_once(marked_class, users, lecturers, article):
    """A decided appeal is not re-marked (the same re-mark again changes nothing); the director's mark
    is set once, with the minutes' number."""
    by, published = users["officer"], marked_class.marks_published_on
    essay = marked_class.enrolments.order_by("pk")[1].essays.get()
    appeal = ap.appeal_lodge(essay, lodged_on=published, by=by)
    appeal = ap.appeal_remark(appeal, marker=lecturers[2], remark=D("9.5"), on=published, by=by)
    assert appeal.outcome == AppealOutcome.DIRECTOR, article
    assert ap.appeal_remark(appeal, marker=lecturers[2], remark=D("9.5"), on=published, by=by).pk == appeal.pk
    with pytest.raises(TrainingRuleError) as again:
        ap.appeal_remark(appeal, marker=lecturers[2], remark=D("7.5"), on=published, by=by)
    assert again.value.code == "already_remarked", article
    director = users["director"]
    decided = ap.appeal_director_decide(appeal, mark=D(9), minutes="BB 02", on=published, by=director)
    assert (decided.director_mark, decided.minutes, decided.decided_by) == (D(9), "BB 02", director)
    with pytest.raises(TrainingRuleError) as redo:
        ap.appeal_remark(decided, marker=lecturers[2], remark=D("8"), on=published, by=by)
    assert redo.value.code == "already_remarked", article
    with pytest.raises(TrainingRuleError) as overwrite:
        ap.appeal_director_decide(decided, mark=D(6), minutes="BB 03", on=published, by=director)
    assert overwrite.value.code == "already_decided", article
    decided.refresh_from_db()
    assert decided.director_mark == D(9)


@article("appeal_rule")
def test_only_the_institutions_director_decides(marked_class, users, lecturers, make_user, tree, article):
    by, published = users["officer"], marked_class.marks_published_on
    essay = marked_class.enrolments.order_by("pk")[2].essays.get()
    appeal = ap.appeal_lodge(essay, lodged_on=published, by=by)
    appeal = ap.appeal_remark(appeal, marker=lecturers[2], remark=D(10), on=published, by=by)
    province_director = make_user(Role.DIRECTOR, tree["north"])
    admin = make_user(Role.ADMIN, tree["north"])
    for user in (province_director, admin):
        with pytest.raises(TrainingRuleError) as refused:
            ap.appeal_director_decide(appeal, mark=D(9), minutes="BB", on=published, by=user)
        assert refused.value.code == "not_director", article
    with pytest.raises(PermissionDenied):
        ap.appeal_director_decide(appeal, mark=D(9), minutes="BB", on=published, by=users["school_director"])
    with pytest.raises(TrainingRuleError) as no_minutes:
        ap.appeal_director_decide(appeal, mark=D(9), minutes=" ", on=published, by=users["director"])
    assert no_minutes.value.field == "minutes"


def test_remarker_is_neither_first_marker(marked_class, users, lecturers):
    by, published = users["officer"], marked_class.marks_published_on
    appeal = ap.appeal_lodge(
        marked_class.enrolments.order_by("pk")[3].essays.get(), lodged_on=published, by=by
    )
    for marker in lecturers[:2]:
        with pytest.raises(TrainingRuleError) as refused:
            ap.appeal_remark(appeal, marker=marker, remark=D(8), on=published, by=by)
        assert refused.value.code == "marker_not_independent"
