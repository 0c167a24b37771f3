"""A small known history of province Bắc Sơn (and one class of Nam Hà, outside its scope), counted by hand
in tests/oversight/test_indicators.py.

2023  district centre BS-H1-TT (closed with its district): sơ cấp class A, 2023-03-01 → 2023-05-30,
      learners: two from the old commune Đông Lâm (one completed, one not completed), one from the
      district (completed, woman, Tày, born 1995); recognised 2023-06-01; diplomas issued 2023-06-05
      (4 days) and 2023-06-25 (24 days: late), the second revoked 2024-02-01.
      Sessions of class A: 4 and 5 periods with a lecturer, 3 without.
2024  provincial school BS-TCT: trung cấp class B, 2024-09-01 → 2025-02-28, learners: one from the old
      commune (completed), one from the province (expelled), one withdrawn.
      Plan of Bắc Sơn 2024 (approved): quota trung cấp 5 at the school; nominations against it: one
      admitted (the completed learner of class B), one rejected; and one submitted nomination without a
      quota, still waiting.
2025  commune centre BS-TTCT1: update class C (cập nhật), 2025-10-01 → 2025-10-03, four learners from the
      new commune Tiên Phong, all completed.
      Briefing organised by the centre on 2025-11-10: 120 from the new commune, 30 from the province.
Nam Hà: school NH-TCT, sơ cấp class D 2024 with two learners (completed).
"""

import datetime as dt
import itertools
from types import SimpleNamespace

import pytest

from llct.accounts.models import Role
from llct.credentials.choices import CredentialKind, CredentialStatus
from llct.credentials.models import CertificateRegister, Credential
from llct.oversight.models import Briefing, BriefingAttendance
from llct.oversight.statistics.choices import BriefingKind
from llct.registry.choices import Sector, Tier, UnitKind
from llct.training.choices import EnrolmentStatus, LecturerKind, NominationStatus, PlanStatus
from llct.training.models import (
    Enrolment,
    Lecturer,
    Nomination,
    NominationLog,
    PlanQuota,
    Programme,
    RecognitionDecision,
    Session,
    TrainingClass,
    TrainingPlan,
)
from llct.training.services.catalogue import catalogue_load
from tests.conftest import add_unit

_numbers = itertools.count(1)


def _class(institution, code, programme, starts, ends):
    return TrainingClass.objects.create(
        institution=institution,
        code=code,
        name=f"Lớp {code}",
        programme=Programme.objects.get(code=programme),
        mode="tap_trung",
        starts_on=starts,
        ends_on=ends,
        capacity=50,
    )


def _enrol(klass, cadre, sending_unit, status):
    return Enrolment.objects.create(
        training_class=klass,
        cadre=cadre,
        sending_unit=sending_unit,
        status=status,
        completed=status == EnrolmentStatus.COMPLETED,
    )


def _credential(enrolment, recognition, issued_on, **fields):
    institution = enrolment.training_class.institution
    register, _ = CertificateRegister.objects.get_or_create(
        institution=institution, kind=CredentialKind.DIPLOMA
    )
    number = next(_numbers)
    return Credential.objects.create(
        register=register,
        year=issued_on.year,
        number=number,
        serial=f"{institution.code}/BTN/{issued_on.year}/{number:06d}",
        holder_id=enrolment.cadre_id,
        enrolment=enrolment,
        programme_id=enrolment.training_class.programme_id,
        recognition=recognition,
        issued_on=issued_on,
        signed_by="Giám đốc",
        **fields,
    )


def _nomination(cadre, unit, programme, status, on, quota=None, log=()):
    nomination = Nomination.objects.create(
        cadre=cadre,
        programme=Programme.objects.get(code=programme),
        sending_unit=unit,
        quota=quota,
        nominated_on=on,
        status=status,
    )
    previous = ""
    for step in log:
        NominationLog.objects.create(nomination=nomination, from_status=previous, to_status=step)
        previous = step
    return nomination


@pytest.fixture
def history(tree, make_cadre, make_user):
    if not Programme.objects.exists():
        catalogue_load()
    t = tree
    district_centre = add_unit(
        t["district"],
        "BS-H1-TT",
        "Trung tâm Chính trị huyện Tiên Phong",
        Tier.DISTRICT,
        kind=UnitKind.DISTRICT_CENTRE,
        sector=Sector.PUBLIC_SERVICE,
        valid_to=dt.date(2025, 8, 28),
    )
    south_school = add_unit(
        t["south"], "NH-TCT", "Trường Chính trị tỉnh Nam Hà", Tier.PROVINCE, kind=UnitKind.PROVINCIAL_SCHOOL
    )
    old, new, north = t["old_commune"], t["new_commune"], t["north"]
    cadre = make_cadre

    # 2023: class A (sơ cấp) at the district centre.
    a = _class(district_centre, "A-2023", "so_cap", dt.date(2023, 3, 1), dt.date(2023, 5, 30))
    a1 = _enrol(
        a, cadre(old, "Nguyễn Văn An", birth_date=dt.date(1980, 6, 1)), old, EnrolmentStatus.COMPLETED
    )
    _enrol(a, cadre(old, "Lê Văn Bình"), old, EnrolmentStatus.NOT_COMPLETED)
    a3 = _enrol(
        a,
        cadre(t["district"], "Hà Thị Cúc", sex="nu", ethnicity="Tày", birth_date=dt.date(1995, 1, 2)),
        t["district"],
        EnrolmentStatus.COMPLETED,
    )
    recognition_a = RecognitionDecision.objects.create(
        training_class=a, number="12/QĐ", signed_on=dt.date(2023, 6, 1), signed_by="Giám đốc"
    )
    recognition_a.enrolments.set([a1, a3])
    _credential(a1, recognition_a, dt.date(2023, 6, 5))
    _credential(
        a3,
        recognition_a,
        dt.date(2023, 6, 25),
        status=CredentialStatus.REVOKED,
        revoked_on=dt.date(2024, 2, 1),
        revocation_reason="sai_sot",
    )
    lecturer = Lecturer.objects.create(
        institution=district_centre, full_name="Phạm Thị Hoa", kind=LecturerKind.FULL_TIME
    )
    Session.objects.create(training_class=a, date=dt.date(2023, 3, 1), periods=4, lecturer=lecturer)
    Session.objects.create(training_class=a, date=dt.date(2023, 3, 2), periods=5, lecturer=lecturer)
    Session.objects.create(training_class=a, date=dt.date(2023, 3, 3), periods=3)

    # 2024: class B (trung cấp) at the school, the plan and its nominations.
    plan = TrainingPlan.objects.create(unit=north, year=2024, status=PlanStatus.APPROVED)
    quota = PlanQuota.objects.create(
        plan=plan, programme=Programme.objects.get(code="trung_cap"), institution=t["school"], quota=5
    )
    b = _class(t["school"], "B-2024", "trung_cap", dt.date(2024, 9, 1), dt.date(2025, 2, 28))
    admitted_cadre = cadre(old, "Trần Văn Dũng")
    admitted = _nomination(
        admitted_cadre,
        old,
        "trung_cap",
        NominationStatus.ADMITTED,
        dt.date(2024, 6, 1),
        quota,
        log=("du_thao", "da_gui", "da_duyet", "da_trieu_tap"),
    )
    b1 = _enrol(b, admitted_cadre, old, EnrolmentStatus.COMPLETED)
    b1.nomination = admitted
    b1.save()
    _nomination(
        cadre(north, "Vũ Văn Giang"),
        north,
        "trung_cap",
        NominationStatus.REJECTED,
        dt.date(2024, 6, 2),
        quota,
        log=("du_thao", "da_gui", "tu_choi"),
    )
    _nomination(
        cadre(new, "Mai Văn Hải"),
        new,
        "so_cap",
        NominationStatus.SUBMITTED,
        dt.date(2025, 9, 1),
        log=("du_thao", "da_gui"),
    )
    _enrol(b, cadre(north, "Đỗ Văn Khoa"), north, EnrolmentStatus.EXPELLED)
    _enrol(b, cadre(north, "Ngô Văn Long"), north, EnrolmentStatus.WITHDRAWN)

    # 2025: update class C at the commune centre, and a briefing.
    c = _class(t["centre"], "C-2025", "cap_nhat", dt.date(2025, 10, 1), dt.date(2025, 10, 3))
    for i in range(4):
        _enrol(c, cadre(new, f"Học viên {i}", sex="nu" if i % 2 else "nam"), new, EnrolmentStatus.COMPLETED)
    briefing = Briefing.objects.create(
        date=dt.date(2025, 11, 10),
        topic="Quán triệt Nghị quyết Đại hội",
        kind=BriefingKind.RESOLUTION,
        organiser=t["centre"],
    )
    BriefingAttendance.objects.create(briefing=briefing, unit=new, attendees=120)
    BriefingAttendance.objects.create(briefing=briefing, unit=north, attendees=30)

    # Nam Hà: class D, outside Bắc Sơn's scope.
    d = _class(south_school, "D-2024", "so_cap", dt.date(2024, 3, 1), dt.date(2024, 5, 1))
    for name in ("Trần Văn Nam", "Trần Thị Nga"):
        _enrol(d, cadre(t["south_commune"], name), t["south_commune"], EnrolmentStatus.COMPLETED)

    return SimpleNamespace(
        tree=t,
        district_centre=district_centre,
        south_school=south_school,
        classes={"A": a, "B": b, "C": c, "D": d},
        board=make_user(Role.ORG_BOARD, north),
        south_board=make_user(Role.ORG_BOARD, t["south"]),
        inspector=make_user(Role.INSPECTOR, north),
        lecturer=make_user(Role.LECTURER, north),
        centre_officer=make_user(Role.ACADEMIC_OFFICER, t["centre"]),
    )
