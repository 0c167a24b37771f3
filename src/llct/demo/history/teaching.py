"""The classes of the history as they were taught: lecturers, the class and its learners, the schedule
and attendance, the marks (a QĐ 1147 essay marked by two lecturers, with rewrites and appeals; or module
exams and a final exam or thesis), and each learner's result — computed with the same rules the training
app applies (`llct.training.services.assessment.rules`, the 80% attendance of QĐ 1147 art. 6), so that
the stored result is the one the class page would compute from the marks and the attendance."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from llct.training.choices import (
    AppealOutcome,
    AssessmentScheme,
    AttendanceStatus,
    ClassStatus,
    CommitteeRole,
    EnrolmentStatus,
    LecturerKind,
    ManagementRole,
    MarkKind,
)
from llct.training.models import Appeal, Attendance, Enrolment, Essay, Lecturer, Mark, Session, TrainingClass
from llct.training.services.allocation import competent_kinds
from llct.training.services.assessment import rules

from .calendar import monday_after
from .context import Course, History, Seat, at

FULL_DAY = {"trung_cap": 10, "cao_cap": 10}  # periods per session; 8 for everything else
VISITING = ("Nguyễn Văn Thành", "Trần Thị Minh Nguyệt", "Lê Quốc Hùng", "Phạm Thu Trang", "Đỗ Mạnh Cường")
MARKS = [Decimal(m) for m in ("5.5", "6", "6.5", "7", "7.5", "8", "8.5", "9", "9.5")]
MARK_WEIGHTS = (2, 5, 9, 14, 16, 18, 15, 10, 4)
EXCUSES = ("Ốm, có giấy của trạm y tế", "Việc gia đình, đơn vị đồng ý", "Công tác đột xuất theo phân công")


def teach(history: History) -> None:
    """Write every class of the history with its learners, sessions, attendance, marks and results."""
    history.lecturers = _lecturers(history)
    for course in history.courses:
        lecturers = history.lecturers[course.institution.pk]
        _open(history, course, lecturers)
        _schedule(history, course, lecturers)
        if course.programme.assessment_scheme == AssessmentScheme.EXAMS:
            _exams(history, course)
        if not course.finished_by(history.as_of):
            continue
        if course.programme.assessment_scheme == AssessmentScheme.ESSAY_QD1147:
            _essays(history, course, lecturers)
        _results(history, course)


def _lecturers(history: History) -> dict[int, list[Lecturer]]:
    """Each institution's lecturers: the cadres who worked there (the most senior directs), then visiting
    lecturers when it has fewer than three."""
    province = history.province
    needed = {c.institution.pk: c.institution for c in history.courses}
    staff: dict[int, list[Lecturer]] = {}
    for pk, institution in needed.items():
        worked = sorted(
            ((p, s) for p in province.people for s in p.stints if s.unit_id == pk),
            key=lambda ps: (-province.posts[ps[1].post_id].rank, ps[0].cadre.pk),
        )
        seen, lecturers = set(), []
        active = institution.is_valid_on(history.as_of)
        for person, _stint in worked:
            if person.cadre.pk in seen or len(lecturers) == 4:
                continue
            seen.add(person.cadre.pk)
            first = not lecturers
            lecturers.append(
                Lecturer(
                    institution=institution,
                    full_name=person.cadre.full_name,
                    kind=LecturerKind.FULL_TIME,
                    management_role=ManagementRole.DIRECTOR if first else "",
                    cadre=person.cadre,
                    active=active,
                )
            )
        for name in VISITING[: max(0, 3 - len(lecturers))]:
            kind = LecturerKind.VISITING if lecturers else LecturerKind.FULL_TIME
            role = "" if lecturers else ManagementRole.DIRECTOR
            lecturers.append(
                Lecturer(
                    institution=institution, full_name=name, kind=kind, management_role=role, active=active
                )
            )
        opened = institution.valid_from or dt.date(2019, 1, 1)
        staff[pk] = [history.add(lecturer, opened) for lecturer in lecturers]
    return staff


def _open(history: History, course: Course, lecturers: list[Lecturer]) -> None:
    running = not course.finished_by(history.as_of)
    opened = course.starts_on - dt.timedelta(days=20)
    klass = TrainingClass(
        institution=course.institution,
        code=course.code,
        name=course.name,
        programme=course.programme,
        mode=course.mode,
        starts_on=course.starts_on,
        ends_on=course.ends_on,
        venue=course.institution.name,
        capacity=max(course.target, 5 * math.ceil(len(course.seats) / 5)),
        status=ClassStatus.IN_PROGRESS if running else ClassStatus.RECOGNISED,
        homeroom_lecturer=lecturers[min(1, len(lecturers) - 1)],
        allocation=competent_kinds(course.programme, course.starts_on).as_json(),
    )
    course.klass = history.add(klass, opened)
    roles = [CommitteeRole.MONITOR, CommitteeRole.DEPUTY]
    for i, seat in enumerate(course.seats):
        seat.enrolment = history.add(
            Enrolment(
                training_class=klass,
                cadre=seat.person.cadre,
                nomination=seat.nomination,
                sending_unit=seat.sending_unit,
                status=EnrolmentStatus.WITHDRAWN if seat.fate == "withdraw" else EnrolmentStatus.ENROLLED,
                committee_role=roles[i] if i < len(roles) else "",
                enrolled_at=at(course.starts_on, 8),
            ),
            course.starts_on,
        )
        if seat.nomination is not None:
            seat.nomination.training_class = klass


def _teaching_days(course: Course, count: int) -> list[dt.date]:
    """`count` teaching days: consecutive for a short course, spread over working days for a long one
    (the last week of a trung cấp or cao cấp class is kept for the final exam)."""
    if course.programme.level in FULL_DAY:
        last = course.ends_on - dt.timedelta(days=7)
    elif course.programme.level:
        last = course.ends_on - dt.timedelta(days=2)
    else:
        return [course.starts_on + dt.timedelta(days=i) for i in range(count)]
    span = (last - course.starts_on).days
    days = []
    for i in range(count):
        day = course.starts_on + dt.timedelta(days=i * span // max(1, count - 1) if count > 1 else 0)
        if day.weekday() >= 5:
            day = (
                monday_after(day) if monday_after(day) <= last else day - dt.timedelta(days=day.weekday() - 4)
            )
        days.append(day)
    return days


def _schedule(history: History, course: Course, lecturers: list[Lecturer]) -> None:
    """Sessions module by module, and the attendance of every learner at the sessions held by `as_of`."""
    per_session = FULL_DAY.get(course.programme.level, 8)
    plan = []
    for module in course.programme.modules.all():
        left = module.periods
        while left > 0:
            plan.append((module, min(per_session, left)))
            left -= per_session
    days = _teaching_days(course, len(plan))
    teachers = [t for t in lecturers if t.kind == LecturerKind.FULL_TIME] or lecturers
    for i, ((module, periods), day) in enumerate(zip(plan, days, strict=True)):
        session = Session(
            training_class=course.klass,
            date=day,
            periods=periods,
            module=module,
            lecturer=teachers[i % len(teachers)],
            topic=module.name,
        )
        course.sessions.append(history.add(session, day, hour=7))
    held = [s for s in course.sessions if s.date <= history.as_of]
    for seat in course.seats:
        _attend(history, seat, held)


def _attend(history: History, seat: Seat, held: list[Session]) -> None:
    """One learner's attendance: present but for a few excused and confirmed absences; someone who fails
    on attendance missed sessions without a reason; someone who withdrew stops coming halfway."""
    rng = history.rng
    sessions = held[: len(held) // 2] if seat.fate == "withdraw" else held
    excused_left = math.floor(0.15 * sum(s.periods for s in held))
    missed = set(rng.sample(range(len(sessions)), min(len(sessions), 2))) if seat.fate == "absent" else set()
    for i, session in enumerate(sessions):
        status, reason, confirmed = AttendanceStatus.PRESENT, "", False
        if i in missed:
            status = AttendanceStatus.ABSENT
        elif rng.random() < 0.04 and session.periods <= excused_left:
            status, reason, confirmed = AttendanceStatus.EXCUSED, rng.choice(EXCUSES), True
            excused_left -= session.periods
        row = Attendance(
            session=session,
            enrolment=seat.enrolment,
            status=status,
            reason=reason,
            confirmed_by_sending_unit=confirmed,
            confirmation_document="Giấy xác nhận của đơn vị cử đi học" if confirmed else "",
        )
        seat.attendance.append(history.add(row, session.date, hour=17))


def _mark(history: History) -> Decimal:
    return history.rng.choices(MARKS, weights=MARK_WEIGHTS)[0]


def _essays(history: History, course: Course, lecturers: list[Lecturer]) -> None:
    """The final essay: received the last day, marked by two lecturers, handed in and published within
    the deadlines of QĐ 1147; a failed essay is rewritten once within 3 days; now and then an appeal."""
    rng, klass = history.rng, course.klass
    received = course.ends_on
    klass.essays_received_on = received
    klass.marks_handed_in_on = received + dt.timedelta(days=rng.randint(1, rules.HAND_IN_DAYS))
    klass.marks_published_on = klass.marks_handed_in_on + dt.timedelta(
        days=rng.randint(1, rules.PUBLISH_DAYS)
    )
    published = klass.marks_published_on
    pairs = [(a, b) for a in lecturers for b in lecturers if a is not b]
    appealed = False
    for i, seat in enumerate(course.seats):
        if seat.fate in ("absent", "withdraw"):
            continue
        first_marker, second_marker = pairs[i % len(pairs)]
        rewrite = seat.fate == "not_complete" or rng.random() < 0.03
        first = Decimal("4") if rewrite else _mark(history)
        essay = _essay(
            history, seat, 1, received, first, first_marker, second_marker, received + dt.timedelta(days=1)
        )
        if rewrite:
            again = Decimal("4.5") if seat.fate == "not_complete" else Decimal("6.5")
            day = published + dt.timedelta(days=rng.randint(1, rules.REWRITE_DAYS))
            seat.marks.append(essay)
            essay = _essay(
                history, seat, 2, day, again, first_marker, second_marker, day + dt.timedelta(days=1)
            )
        seat.marks.append(essay)
        third = [t for t in lecturers if t is not first_marker and t is not second_marker]
        if not appealed and not rewrite and third and essay.mark < 7 and rng.random() < 0.4:
            appealed = True
            remark = essay.mark + rng.choice([Decimal("0.25"), Decimal("0.75")])
            outcome, _mark_after = rules.appeal_outcome(essay.mark, remark)
            lodged = published + dt.timedelta(days=1)
            appeal = Appeal(
                essay=essay,
                lodged_on=lodged,
                marker=third[0],
                remark=remark,
                outcome=outcome,
                resolved_on=lodged + dt.timedelta(days=1),
            )
            seat.appeal = history.add(appeal, lodged + dt.timedelta(days=1))


def _essay(history, seat, attempt, submitted, first, first_marker, second_marker, marked) -> Essay:
    second = min(
        Decimal(10),
        max(Decimal(0), first + history.rng.choice([Decimal("-0.5"), Decimal(0), Decimal("0.5")])),
    )
    essay = Essay(
        enrolment=seat.enrolment,
        attempt=attempt,
        submitted_on=submitted,
        first_marker=first_marker,
        first_mark=first,
        second_marker=second_marker,
        second_mark=second,
        mark=rules.two_marker_mean(first, second),
        marked_on=marked,
    )
    return history.add(essay, marked, hour=16)


def _exams(history: History, course: Course) -> None:
    """Module exams two days after each module's last session, the final exam (trung cấp, sơ cấp) or the
    thesis (cao cấp) at the end; a learner who fails a module sits it again and fails again. A class still
    running has the exams held by `as_of`."""
    rng, until = history.rng, history.as_of
    last_day = {}
    for session in course.sessions:
        last_day[session.module.pk] = session.date
    modules = [m for m in course.programme.modules.all() if m.has_exam]
    final_kind = MarkKind.THESIS if course.programme.code == "cao_cap" else MarkKind.FINAL_EXAM
    for seat in course.seats:
        if seat.fate == "withdraw":
            continue
        failed = rng.randrange(len(modules)) if seat.fate == "not_complete" else None
        for i, module in enumerate(modules):
            examined = min(course.ends_on, last_day[module.pk] + dt.timedelta(days=2))
            if examined > until:
                continue
            if i == failed:
                _exam(history, seat, MarkKind.MODULE_EXAM, module, 1, Decimal("4"), examined)
                retake = min(course.ends_on, examined + dt.timedelta(days=14))
                _exam(history, seat, MarkKind.MODULE_EXAM, module, 2, Decimal("4.5"), retake)
            else:
                _exam(history, seat, MarkKind.MODULE_EXAM, module, 1, _mark(history), examined)
        if seat.fate != "absent" and course.finished_by(until):
            _exam(history, seat, final_kind, None, 1, _mark(history), course.ends_on - dt.timedelta(days=2))


def _exam(history, seat, kind, module, attempt, value, day) -> Mark:
    mark = Mark(
        enrolment=seat.enrolment, kind=kind, module=module, attempt=attempt, value=value, examined_on=day
    )
    mark.entered_by = history.operator
    seat.marks.append(history.add(mark, day, hour=16))
    return mark


def _attendance(seat: Seat, sessions: list[Session]) -> tuple[Decimal, bool]:
    """Present periods over scheduled periods, and whether the learner may sit (≥ 80%, every absence
    excused and confirmed): the training app's `AttendanceSummary`."""
    by_session = {id(r.session): r for r in seat.attendance}
    scheduled = present = 0
    clean = True
    for session in sessions:
        scheduled += session.periods
        row = by_session.get(id(session))
        if row is None or row.status == AttendanceStatus.ABSENT:
            clean = False
        elif row.status == AttendanceStatus.PRESENT:
            present += session.periods
        elif not row.confirmed_by_sending_unit:
            clean = False
    if not scheduled:
        return Decimal(100), clean
    return (Decimal(present) * 100 / scheduled).quantize(Decimal("0.01"), ROUND_HALF_UP), clean


def _results(history: History, course: Course) -> None:
    """Each learner's stored result, as `class_assess` stores it, and rewards for at most 10% of the
    class (QĐ 1147)."""
    programme = course.programme
    for seat in course.seats:
        enrolment = seat.enrolment
        if seat.fate == "withdraw":
            continue
        percent, clean = _attendance(seat, course.sessions)
        mark, passed = _final_mark(course, seat)
        enrolment.attendance_percent = percent
        enrolment.final_mark = mark
        enrolment.band = rules.band_for(mark, programme.bands or rules.BANDS, programme.pass_mark)
        enrolment.completed = passed and percent >= programme.min_attendance_percent and clean
        enrolment.status = EnrolmentStatus.COMPLETED if enrolment.completed else EnrolmentStatus.NOT_COMPLETED
    counted = [s for s in course.seats if s.enrolment.status != EnrolmentStatus.WITHDRAWN]
    best = sorted((s for s in counted if s.enrolment.completed), key=lambda s: -s.enrolment.final_mark)
    for seat in best[: history.rng.randint(0, rules.reward_cap(len(counted)))]:
        seat.enrolment.rewarded = True


def _final_mark(course: Course, seat: Seat) -> tuple[Decimal | None, bool]:
    """The course mark and whether it passes: the essay's (after an appeal), or the weighted mark of the
    exams, which passes only when every module and the final exam pass (`enrolment_result`)."""
    programme = course.programme
    if programme.assessment_scheme == AssessmentScheme.ESSAY_QD1147:
        if not seat.marks:
            return None, False
        mark = seat.marks[-1].mark
        if seat.appeal is not None and seat.appeal.outcome == AppealOutcome.CHANGED:
            mark = seat.appeal.remark
        return mark, rules.passed(mark, programme.pass_mark)
    modules: dict[int, Decimal] = {}
    final = None
    for mark in sorted(seat.marks, key=lambda m: m.attempt):
        if mark.kind == MarkKind.MODULE_EXAM:
            modules[mark.module.pk] = mark.value
        else:
            final = mark.value
    exam_modules = [m.pk for m in programme.modules.all() if m.has_exam]
    passed = (
        all(pk in modules for pk in exam_modules)
        and all(v >= programme.pass_mark for v in modules.values())
        and final is not None
        and final >= programme.pass_mark
    )
    return rules.weighted_final(list(modules.values()), final, programme.final_weight), passed
