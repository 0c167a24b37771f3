"""Classes (minimum 25 learners, capacity), attendance (art. 6), the QĐ 1147 essay, appeals, rewards,
discipline, the recognition decision and its PDF; LLCT-level exams."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from llct.training.choices import (
    AppealOutcome,
    AttendanceStatus,
    Band,
    ClassStatus,
    Discipline,
    EnrolmentStatus,
    MarkKind,
    StudyMode,
)
from llct.training.services import classes as cs
from llct.training.services.assessment import appeals as ap
from llct.training.services.assessment import essays as es
from llct.training.services.assessment.discipline import enrolment_discipline
from llct.training.services.assessment.essays import fresh
from llct.training.services.assessment.exams import mark_enter
from llct.training.services.assessment.results import class_assess, class_reopen, enrolment_reward
from llct.training.services.attendance import attendance_record, attendance_summary
from llct.training.services.errors import TrainingRuleError
from llct.training.services.recognition import recognition_decide, recognition_pdf

from ..conftest import START, article


@article("min_learners")
def test_commune_class_needs_25_learners(tree, programmes, users, lecturers, make_cadre, article):
    """The director opens a class of at least 25 learners."""
    by = users["officer"]
    klass = cs.class_open(
        institution=tree["centre"],
        programme=programmes["ky_nang"],
        code="KN-01",
        name="Kỹ năng",
        starts_on=START,
        ends_on=START + dt.timedelta(days=3),
        capacity=30,
        homeroom_lecturer=lecturers[0],
        by=by,
    )
    cs.enrolment_add_list(
        klass,
        [make_cadre(tree["new_commune"], f"A {i}") for i in range(24)],
        sending_unit=tree["new_commune"],
        by=by,
    )
    with pytest.raises(TrainingRuleError) as few:
        cs.class_start(klass, by=by)
    assert few.value.code == "too_few" and "1147" in few.value.citation, article
    cs.enrolment_add(klass, make_cadre(tree["new_commune"], "B"), sending_unit=tree["new_commune"], by=by)
    assert cs.class_start(klass, by=by).status == ClassStatus.IN_PROGRESS
    with pytest.raises(TrainingRuleError):
        cs.class_open(
            institution=tree["centre"],
            programme=programmes["ky_nang"],
            code="KN-02",
            name="x",
            starts_on=START,
            ends_on=START,
            capacity=20,
            by=by,
        )


def test_capacity_and_idempotent_enrolment(commune_class, tree, users, make_cadre):
    klass = commune_class(n=25, capacity=25)
    by = users["officer"]
    first = klass.enrolments.first()
    assert cs.enrolment_add(klass, first.cadre, sending_unit=tree["new_commune"], by=by).pk == first.pk
    with pytest.raises(TrainingRuleError) as full:
        cs.enrolment_add(
            klass, make_cadre(tree["new_commune"], "Thừa"), sending_unit=tree["new_commune"], by=by
        )
    assert full.value.code == "full"
    assert klass.enrolments.count() == 25


def test_class_refused_at_incompetent_institution_and_out_of_scope(tree, programmes, users):
    kw = dict(
        programme=programmes["nhan_thuc_ve_dang"],
        code="X",
        name="X",
        starts_on=START,
        ends_on=START,
        capacity=30,
    )
    with pytest.raises(TrainingRuleError) as refused:
        cs.class_open(institution=tree["school"], by=users["school_officer"], **kw)
    assert refused.value.code == "not_competent"
    with pytest.raises(PermissionDenied):
        cs.class_open(institution=tree["school"], by=users["officer"], **kw)  # another institution
    with pytest.raises(PermissionDenied):
        cs.class_open(institution=tree["centre"], by=users["board"], **kw)  # role


@article("attendance")
def test_attendance_below_80_percent_may_not_sit(commune_class, users, lecturers, article):
    """The essay only with attendance ≥ 80% of periods, absences excused and confirmed."""
    klass = commune_class(n=25, days=5)  # 50 periods
    by = users["officer"]
    sessions = list(klass.sessions.order_by("date"))
    learners = list(klass.enrolments.all())
    for s in sessions:
        for e in learners:
            attendance_record(s, e, AttendanceStatus.PRESENT, by=by)
    low, excused, unconfirmed = learners[0], learners[1], learners[2]
    for s in sessions[:2]:  # 20 of 50 periods away → 60%
        attendance_record(s, low, AttendanceStatus.ABSENT, by=by)
    attendance_record(sessions[0], excused, AttendanceStatus.EXCUSED, reason="Ốm", confirmed=True, by=by)
    attendance_record(sessions[0], unconfirmed, AttendanceStatus.EXCUSED, reason="Việc nhà", by=by)
    with pytest.raises(TrainingRuleError):
        attendance_record(sessions[0], learners[3], AttendanceStatus.EXCUSED, reason="", by=by)
    assert attendance_summary(low).percent == D("60.00")
    assert not attendance_summary(low).may_sit()
    assert "80%" in attendance_summary(low).reasons[0]
    assert attendance_summary(excused).percent == D("80.00") and attendance_summary(excused).may_sit()
    assert not attendance_summary(unconfirmed).may_sit()
    with pytest.raises(TrainingRuleError) as refused:
        es.essay_submit(low, submitted_on=START + dt.timedelta(days=6), by=by)
    assert refused.value.code == "attendance", article
    assert es.essay_submit(excused, submitted_on=START + dt.timedelta(days=6), by=by).attempt == 1


@article("rewrite")
def test_essay_rewrite_once_within_three_days(marked_class, users, lecturers, article):
    """A failed essay may be rewritten once, within 3 days of publication."""
    by = users["officer"]
    failed = marked_class.enrolments.order_by("pk").first()
    published = marked_class.marks_published_on
    with pytest.raises(TrainingRuleError) as late:
        es.essay_submit(failed, submitted_on=published + dt.timedelta(days=4), by=by)
    assert late.value.code == "rewrite_late", article
    rewrite = es.essay_submit(failed, submitted_on=published + dt.timedelta(days=3), by=by)
    assert rewrite.attempt == 2
    es.essay_mark(
        rewrite,
        first_marker=lecturers[0],
        first_mark=D("4"),
        second_marker=lecturers[1],
        second_mark=D("4"),
        marked_on=published + dt.timedelta(days=4),
        by=by,
    )
    with pytest.raises(TrainingRuleError) as twice:
        es.essay_submit(failed, submitted_on=published + dt.timedelta(days=5), by=by)
    assert twice.value.code == "one_rewrite"
    with pytest.raises(TrainingRuleError) as passed:
        es.essay_submit(marked_class.enrolments.order_by("pk")[1], submitted_on=published, by=by)
    assert "đạt" in str(passed.value)


@article("two_markers", "appeal")
def test_marks_locked_after_publication_and_markers_distinct(marked_class, users, lecturers, article):
    """After publication a first essay's mark changes only through an appeal; the two markers differ."""
    essay = marked_class.enrolments.order_by("pk")[1].essays.get()
    with pytest.raises(TrainingRuleError) as locked:
        es.essay_mark(
            essay,
            first_marker=lecturers[0],
            first_mark=D(9),
            second_marker=lecturers[1],
            second_mark=D(9),
            marked_on=START,
            by=users["lecturer"],
        )
    assert locked.value.code == "published", article
    with pytest.raises(TrainingRuleError) as same:
        es.essay_mark(
            marked_class.enrolments.order_by("pk")[0].essays.get(),
            first_marker=lecturers[0],
            first_mark=D(9),
            second_marker=lecturers[0],
            second_mark=D(9),
            marked_on=START,
            by=users["officer"],
        )
    assert same.value.code == "same_marker", article


@article("appeal", "appeal_rule")
def test_appeal_window_third_marker_and_director(marked_class, users, lecturers, article):
    """Appeal within 2 days; re-marker not a first marker; 0.5 ≤ diff < 2 changes the mark; ≥ 2 goes to
    the director's minuted mark."""
    by = users["officer"]
    published = marked_class.marks_published_on
    learners = list(marked_class.enrolments.order_by("pk"))
    e1, e2 = learners[1].essays.get(), learners[2].essays.get()
    with pytest.raises(TrainingRuleError) as late:
        ap.appeal_lodge(e1, lodged_on=published + dt.timedelta(days=3), by=by)
    assert late.value.code == "appeal_late", article
    a1 = ap.appeal_lodge(e1, lodged_on=published + dt.timedelta(days=2), by=by)
    with pytest.raises(TrainingRuleError) as same:
        ap.appeal_remark(a1, marker=lecturers[0], remark=D(8), on=published, by=by)
    assert same.value.code == "marker_not_independent", article
    a1 = ap.appeal_remark(a1, marker=lecturers[2], remark=D("8.5"), on=published, by=by)
    assert a1.outcome == AppealOutcome.CHANGED and ap.essay_effective_mark(fresh(e1)) == D("8.5"), article
    a2 = ap.appeal_lodge(e2, lodged_on=published, by=by)
    a2 = ap.appeal_remark(a2, marker=lecturers[2], remark=D("9.5"), on=published, by=by)
    assert a2.outcome == AppealOutcome.DIRECTOR and ap.essay_effective_mark(fresh(e2)) is None, article
    with pytest.raises(PermissionDenied):
        ap.appeal_director_decide(a2, mark=D(9), minutes="BB 01", on=published, by=by)  # not the director
    with pytest.raises(TrainingRuleError):
        ap.appeal_director_decide(a2, mark=D(9), minutes="", on=published, by=users["director"])
    ap.appeal_director_decide(a2, mark=D(9), minutes="Biên bản 01/BB", on=published, by=users["director"])
    assert ap.essay_effective_mark(fresh(e2)) == D(9), article


@article("rewards", "discipline")
def test_assess_reward_discipline_recognise_and_pdf(marked_class, users, article):
    """Rewards for at most 10% of the class; expulsion cancels the results; the decision lists the rest."""
    klass = class_assess(marked_class, by=users["officer"])
    learners = list(klass.enrolments.order_by("pk"))
    assert klass.status == ClassStatus.ASSESSED
    assert learners[0].status == EnrolmentStatus.NOT_COMPLETED and learners[0].band == Band.FAIL
    assert learners[1].completed and learners[1].final_mark == D("7.50") and learners[1].band == Band.FAIR
    enrolment_reward(learners[1], by=users["director"])
    enrolment_reward(learners[2], by=users["director"])
    with pytest.raises(TrainingRuleError) as cap:  # 10% of 25 = 2
        enrolment_reward(learners[3], by=users["director"])
    assert cap.value.code == "reward_cap", article
    with pytest.raises(TrainingRuleError):
        enrolment_reward(learners[0], by=users["director"])
    expelled = enrolment_discipline(
        learners[4], Discipline.EXPULSION, reason="Gian lận", document="3/QĐ-TTCT", by=users["director"]
    )
    assert (
        expelled.status == EnrolmentStatus.EXPELLED and expelled.final_mark is None and not expelled.completed
    )
    enrolment_discipline(learners[5], Discipline.WARNING, reason="Đi muộn", by=users["director"])
    klass = class_assess(klass, by=users["officer"])
    decision = recognition_decide(
        klass,
        number="12-QĐ/TTCT",
        signed_on=START + dt.timedelta(days=10),
        signed_by="Đỗ Văn Nam",
        by=users["director"],
    )
    names = set(decision.enrolments.values_list("pk", flat=True))
    assert learners[0].pk not in names and learners[4].pk not in names and learners[5].pk in names
    assert len(names) == 23
    klass.refresh_from_db()
    assert klass.status == ClassStatus.RECOGNISED
    assert (
        recognition_decide(klass, number="other", signed_on=START, signed_by="x", by=users["director"])
        == decision
    )
    pdf = recognition_pdf(decision)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_llct_level_exams(tree, programmes, users, make_cadre):
    by = users["school_officer"]
    programme = programmes["trung_cap"]
    klass = cs.class_open(
        institution=tree["school"],
        programme=programme,
        code="TC-01",
        name="Trung cấp",
        starts_on=START,
        ends_on=START + dt.timedelta(days=200),
        capacity=50,
        mode=StudyMode.FULL_TIME,
        by=by,
    )
    e = cs.enrolment_add(
        klass, make_cadre(tree["new_commune"], "Hà Văn Tú"), sending_unit=tree["north"], by=by
    )
    cs.class_start(klass, by=by)
    e.refresh_from_db()
    session = cs.session_add(klass, date=START, periods=4, by=by)
    attendance_record(session, e, AttendanceStatus.PRESENT, by=by)
    for module in programme.modules.all():
        mark_enter(e, kind=MarkKind.MODULE_EXAM, module=module, value=D(7), by=by)
    mark_enter(
        e, kind=MarkKind.MODULE_EXAM, module=programme.modules.first(), value=D(8), by=by
    )  # correction
    mark_enter(e, kind=MarkKind.THESIS, value=D(9), by=by)
    with pytest.raises(TrainingRuleError):
        mark_enter(e, kind=MarkKind.THESIS, value=D(11), by=by)
    class_assess(klass, by=by)
    e.refresh_from_db()
    assert e.completed and e.final_mark == D("8.10") and e.band == Band.GOOD  # 0.5 × 7.2 + 0.5 × 9


def test_results_refused_while_marks_missing_then_reopened(tree, programmes, users, make_cadre):
    """Issue 7, defect 1: a running class with modules still unmarked cannot be decided (the refusal names
    the learner and the marks); once decided, the director may reopen it until the recognition decision."""
    by, director = users["school_officer"], users["school_director"]
    programme = programmes["trung_cap"]
    klass = cs.class_open(
        institution=tree["school"],
        programme=programme,
        code="TC-02",
        name="Trung cấp",
        starts_on=START,
        ends_on=START + dt.timedelta(days=200),
        capacity=50,
        mode=StudyMode.FULL_TIME,
        by=by,
    )
    e = cs.enrolment_add(
        klass, make_cadre(tree["new_commune"], "Lò Thị Mai"), sending_unit=tree["north"], by=by
    )
    cs.class_start(klass, by=by)
    session = cs.session_add(klass, date=START, periods=4, by=by)
    attendance_record(session, e, AttendanceStatus.PRESENT, by=by)
    first, *others = list(programme.modules.filter(has_exam=True))
    mark_enter(e, kind=MarkKind.MODULE_EXAM, module=first, value=D(9), by=by)
    with pytest.raises(TrainingRuleError) as refused:
        class_assess(klass, by=by)
    assert refused.value.code == "marks_missing"
    assert "Lò Thị Mai" in refused.value.message and others[0].name in refused.value.message
    assert "cuối khóa" in refused.value.message
    klass.refresh_from_db()
    e.refresh_from_db()
    assert klass.status == ClassStatus.IN_PROGRESS and e.status == EnrolmentStatus.ENROLLED and e.band == ""

    for module in others:
        mark_enter(e, kind=MarkKind.MODULE_EXAM, module=module, value=D(9), by=by)
    mark_enter(e, kind=MarkKind.THESIS, value=D(9), by=by)
    klass = class_assess(klass, by=by)
    e.refresh_from_db()
    assert klass.status == ClassStatus.ASSESSED and e.completed and e.band == Band.EXCELLENT
    with pytest.raises(PermissionDenied):  # the academic officer decides results, only the director undoes
        class_reopen(klass, by=by)
    klass = class_reopen(klass, by=director)
    e.refresh_from_db()
    assert klass.status == ClassStatus.IN_PROGRESS
    assert (e.status, e.completed, e.band, e.final_mark) == (EnrolmentStatus.ENROLLED, False, "", None)
    assert e.marks.count() == len(others) + 2  # the marks themselves stay
    klass = class_assess(klass, by=by)
    recognition_decide(klass, number="1-QĐ", signed_on=START, signed_by="Đỗ Văn Nam", by=director)
    with pytest.raises(TrainingRuleError):
        class_reopen(klass, by=director)


def test_a_learner_who_did_not_complete_has_no_band(marked_class, users):
    """Not completing because of attendance leaves no Giỏi/Xuất sắc beside "Không hoàn thành"."""
    klass = class_assess(marked_class, by=users["officer"])
    for e in klass.enrolments.filter(completed=False):
        assert e.band in ("", Band.FAIL)
