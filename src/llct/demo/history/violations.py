"""Faults planted in the demo's past, the kind inspections find in practice (REGULATIONS.md §8), so that an
inspector trying the demo has something to find, a unit something to explain — each of one check of the
inspection catalogue (issue "Oversight II"), and no other fault anywhere else in the history:

- `class_not_competent` (check 1): Kim Bôi's district centre ran a trung cấp class in 2023 and issued
  its diplomas, which only the provincial school may do (QĐ 57-QĐ/TW Chương III);
- `class_after_centre_end` (check 2): Bảo Yên's district centre opened a sơ cấp class in September 2025,
  after the centre ended and sơ cấp ended (28/08/2025, QĐ 350 and QĐ 360) — not competent either;
- `attendance_below_80` (check 4): a learner of a commune-centre class recognised with attendance
  below 80% (excused absences, but too many to sit the essay);
- `class_below_25` (check 5): a commune-centre class held with 19 learners (QĐ 1147: at least 25);
- `certificate_late` (check 6): a district centre's certificates of 2023 issued 27 days after the
  decision; three learners of a recent commune-centre class recognised and still without one;
- `register_gap` (check 7): a number left out of a commune centre's yearly certificate register (QĐ 1147);
- `rewards_over_10` (check 8): a commune-centre class rewarding more than 10% of its learners;
- `overlapping_full_time` (check 12): a cadre in a full-time trung cấp class and, at the same time, in
  the full-time cao cấp class at the academy;
- `post_level_missing` (check 10): a commune chairman with sơ cấp only and a department director with
  trung cấp only, neither enrolled for the level the post requires (written after today's demo, which
  might otherwise enrol them).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from simple_history.utils import bulk_update_with_history

from llct.credentials.choices import CredentialKind, CredentialStatus
from llct.credentials.models import Credential
from llct.registry.choices import TheoryProof, UnitKind
from llct.registry.models import Assignment, Cadre, Unit
from llct.training.choices import (
    ACTIVE_NOMINATION_STATUSES,
    AttendanceStatus,
    EnrolmentStatus,
    ProgrammeOutput,
    StudyMode,
)
from llct.training.models import Nomination
from llct.training.services.assessment import rules

from .calendar import TODAY_DEMO_DAYS
from .context import Course, History, Seat
from .documents import BLANK_PREFIX

CHANGE_REASON = "Dữ liệu trình diễn: bổ nhiệm chưa đủ tiêu chuẩn trình độ lý luận chính trị"
LATE_DAYS = 27
UNISSUED = 3
ISSUERS = {"so_cap": UnitKind.DISTRICT_CENTRE, "trung_cap": UnitKind.PROVINCIAL_SCHOOL}


def planted_courses(history: History) -> list[Course]:
    """The classes that should not have been held (checks 1, 2 and 5), for the timetable."""
    province, programmes = history.province, history.programmes
    centre_3 = next(u for u in province.units.values() if u.code == "HSN-TTCT3")
    planted = [
        Course(
            institution=province.by_code["HSO-H2-TTCT"],
            programme=programmes["trung_cap"],
            mode=StudyMode.PART_TIME,
            starts_on=dt.date(2023, 3, 13),
            ends_on=dt.date(2024, 3, 29),
            code="",
            name="Lớp Trung cấp lý luận chính trị hệ không tập trung tại huyện Kim Bôi khóa 2023–2024",
            areas=[province.by_code["HSO-H2"]],
            target=30,
            violations=("class_not_competent",),
        ),
        Course(
            institution=province.by_code["BLA-H1-TTCT"],
            programme=programmes["so_cap"],
            starts_on=dt.date(2025, 9, 8),
            ends_on=dt.date(2025, 10, 22),
            code="",
            name="Lớp Sơ cấp lý luận chính trị khóa 1 năm 2025 (mở sau khi Trung tâm kết thúc hoạt động)",
            areas=[province.by_code["HSN-X08"]],
            target=25,
            violations=("class_after_centre_end", "class_not_competent"),
        ),
        Course(
            institution=centre_3,
            programme=programmes["ky_nang"],
            starts_on=dt.date(2026, 4, 20),
            ends_on=dt.date(2026, 4, 22),
            code="",
            name="",
            areas=sorted(centre_3.served_communes.all(), key=lambda u: u.path),
            target=19,
            violations=("class_below_25",),
        ),
    ]
    last = history.as_of - dt.timedelta(days=TODAY_DEMO_DAYS)
    return [c for c in planted if c.ends_on <= last]


def overlapping_seat(history: History) -> None:
    """Check 12: a learner of a full-time trung cấp class also put in the academy's full-time cao cấp
    class of the same months (listed by the academy without a nomination); they could not attend it."""
    academy = [c for c in history.courses if c.programme.code == "cao_cap" and c.finished_by(history.as_of)]
    for cao in academy:
        for trung in history.courses:
            if trung.programme.code != "trung_cap" or trung.mode != StudyMode.FULL_TIME:
                continue
            if trung.ends_on < cao.starts_on or cao.ends_on < trung.starts_on:
                continue
            for seat in trung.seats:
                if seat.fate == "complete":
                    cao.seats.append(Seat(seat.person, seat.sending_unit, "absent"))
                    seat.person.book(cao.starts_on, cao.ends_on, "cao_cap")
                    cao.violations += ("overlapping_full_time",)
                    return


QD1147_FROM = dt.date(2025, 12, 1)  # QĐ 1147's rules (80% attendance, 10% rewards) apply from this day


def _commune(history: History, programmes: tuple[str, ...]) -> list[Course]:
    """The commune-centre classes of these programmes under QĐ 1147 that ended, and carry no planted fault
    yet (a fault planted before the rule applied would not be one)."""
    return [
        c
        for c in history.courses
        if c.institution.kind == UnitKind.COMMUNE_CENTRE
        and c.programme.code in programmes
        and c.starts_on >= QD1147_FROM
        and c.finished_by(history.as_of)
        and not c.violations
    ]


def attendance_and_rewards(history: History) -> None:
    """Checks 4 and 8, in classes already assessed: a recognised learner of a commune-centre class who
    missed sessions (excused, but below 80% of the periods), and the class rewarding most beyond 10%."""
    for course in _commune(history, ("nhan_thuc_ve_dang", "dang_vien_moi", "ky_nang")):
        seat = next((s for s in course.seats if s.enrolment.completed and len(s.attendance) >= 3), None)
        if seat is None:
            continue
        periods = sum(row.session.periods for row in seat.attendance)
        missed = 0
        for row in seat.attendance:
            row.status, row.reason = AttendanceStatus.EXCUSED, "Ốm, có giấy của trạm y tế"
            row.confirmed_by_sending_unit, row.confirmation_document = (
                True,
                "Giấy xác nhận của đơn vị cử đi học",
            )
            missed += row.session.periods
            if (periods - missed) * 100 < 80 * periods:
                break
        seat.enrolment.attendance_percent = (Decimal(periods - missed) * 100 / periods).quantize(
            Decimal("0.01")
        )
        course.violations += ("attendance_below_80",)
        break
    classes = _commune(history, ("ky_nang", "dang_vien_moi", "chuyen_de", "cap_nhat"))
    for course in sorted(classes, key=lambda c: -len(c.seats))[:1]:
        counted = [s for s in course.seats if s.enrolment.status != EnrolmentStatus.WITHDRAWN]
        best = sorted((s for s in counted if s.enrolment.completed), key=lambda s: -s.enrolment.final_mark)
        for seat in best[: rules.reward_cap(len(counted)) + 2]:
            seat.enrolment.rewarded = True
        course.violations += ("rewards_over_10",)


def late_and_unissued(history: History, drafts: list[Credential]) -> list[Credential]:
    """Check 6: the certificates of one district-centre class of 2023 issued late; three recognised
    learners of the latest commune-centre class with certificates left without one. Returns the drafts
    still to be issued."""
    by_class: dict[str, list[Credential]] = {}
    for credential in drafts:
        by_class.setdefault(credential.recognition.training_class.code, []).append(credential)
    district = [
        c
        for c in history.courses
        if c.institution.kind == UnitKind.DISTRICT_CENTRE
        and c.starts_on.year == 2023
        and c.programme.output == ProgrammeOutput.CERTIFICATE
        and c.code in by_class
    ]
    if district:
        course = district[0]
        for credential in by_class[course.code]:
            credential.issued_on = course.recognition.signed_on + dt.timedelta(days=LATE_DAYS)
        course.violations += ("certificate_late",)
    deadline = history.as_of - dt.timedelta(days=30)
    recent = [
        c
        for c in _commune(history, ("nhan_thuc_ve_dang", "dang_vien_moi", "ky_nang"))
        if c.recognition is not None
        and c.recognition.signed_on <= deadline
        and len(by_class.get(c.code, [])) > UNISSUED
    ]
    if not recent:
        return drafts
    course = recent[-1]
    course.violations += ("certificate_late",)
    left_out = {id(c) for c in by_class[course.code][-UNISSUED:]}
    return [c for c in drafts if id(c) not in left_out]


def register_gap(history: History, drafts: list[Credential]) -> dict[tuple[int, str, int], int]:
    """Check 7: the number left out of the fullest yearly certificate register of a commune centre under
    QĐ 1147 (whose register is numbered consecutively per calendar year)."""
    counts: dict[tuple[int, str, int], int] = {}
    for c in drafts:
        institution = c.recognition.training_class.institution
        if (
            institution.kind == UnitKind.COMMUNE_CENTRE
            and c.programme.output == CredentialKind.CERTIFICATE
            and c.issued_on >= QD1147_FROM
        ):
            key = (institution.pk, c.programme.output, c.issued_on.year)
            counts[key] = counts.get(key, 0) + 1
    fullest = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not fullest or fullest[0][1] < 4:
        return {}
    key, count = fullest[0]
    return {key: count // 2 + 1}


def post_level_missing(today: dt.date) -> list[Cadre]:
    """Check 10, on today's records: the chairman of a commune's People's Committee who holds sơ cấp only,
    and a department director who holds trung cấp only, neither holding nor enrolled for the next level."""
    changed = []
    for post, level, below in (
        ("xa_ubnd_chu_tich", "trung_cap", "so_cap"),
        ("tinh_giam_doc_so", "cao_cap", "trung_cap"),
    ):
        higher = {"trung_cap": ["trung_cap", "cao_cap"], "cao_cap": ["cao_cap"]}[level]
        holders = (
            Assignment.objects.valid_on(today)
            .filter(post__code=post, valid_to__isnull=True)
            .exclude(cadre__enrolments__training_class__programme__level__in=higher)
            .exclude(cadre__credentials__programme__level__in=higher)
            .exclude(
                cadre__in=Nomination.objects.filter(
                    programme__level__in=higher, status__in=ACTIVE_NOMINATION_STATUSES
                ).values("cadre")
            )
            .select_related("cadre", "unit")
            .order_by("cadre__code")
        )
        chosen = holders.first()
        if chosen is None:
            continue
        cadre = chosen.cadre
        own = (
            Credential.objects.filter(holder=cadre, programme__level=below, status=CredentialStatus.VALID)
            .select_related("blank")
            .first()
        )
        cadre.theory_level = below
        cadre.theory_proof = TheoryProof.DIPLOMA
        if own is not None:
            cadre.theory_document_number, cadre.theory_issuer = own.blank.serial, own.institution_name
            cadre.theory_issued_on = own.issued_on
        else:  # a diploma from before the years the history holds every diploma of the level
            issuer = Unit.objects.filter(kind=ISSUERS[below]).order_by("path").first()
            cadre.theory_document_number = f"{BLANK_PREFIX[below]} {cadre.pk % 1_000_000:06d}"
            cadre.theory_issuer = issuer.name if issuer else ""
            cadre.theory_issued_on = dt.date(2016, 6, 30)
        changed.append(cadre)
    fields = ["theory_level", "theory_proof", "theory_document_number", "theory_issuer", "theory_issued_on"]
    bulk_update_with_history(changed, Cadre, fields, default_change_reason=CHANGE_REASON)
    return changed
