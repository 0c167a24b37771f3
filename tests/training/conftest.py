"""Fixtures of training: the catalogue (loaded by the migration), users of the commune centre, the
provincial school and the province's organisation board, lecturers, and a commune-centre class factory."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from llct.accounts.models import Role
from llct.training.choices import AttendanceStatus, LecturerKind, ManagementRole
from llct.training.models import Lecturer, Programme
from llct.training.services import classes as class_services
from llct.training.services import eligibility
from llct.training.services.assessment import essays
from llct.training.services.assessment.rules import CLAUSES
from llct.training.services.attendance import attendance_record
from llct.training.services.catalogue import catalogue_load

START = dt.date(2025, 12, 1)


def article(*keys: str):
    """Put the QĐ 1147 articles a test encodes in its id, from `rules.CLAUSES` (the test takes an
    `article` argument and shows it in its assertion messages)."""
    text = " + ".join(CLAUSES[k] for k in keys)
    return pytest.mark.parametrize("article", [pytest.param(text, id=text)])


@pytest.fixture
def programmes(db):
    if not Programme.objects.exists():  # transactional tests flush the rows the data migration loaded
        catalogue_load()
    return {p.code: p for p in Programme.objects.prefetch_related("modules")}


@pytest.fixture
def users(tree, make_user):
    return {
        "board": make_user(Role.ORG_BOARD, tree["north"]),
        "south_board": make_user(Role.ORG_BOARD, tree["south"]),
        "director": make_user(Role.DIRECTOR, tree["centre"]),
        "officer": make_user(Role.ACADEMIC_OFFICER, tree["centre"]),
        "lecturer": make_user(Role.LECTURER, tree["centre"]),
        "inspector": make_user(Role.INSPECTOR, tree["north"]),
        "school_officer": make_user(Role.ACADEMIC_OFFICER, tree["school"]),
        "school_director": make_user(Role.DIRECTOR, tree["school"]),
        "approver": make_user(Role.ORG_BOARD, tree["north"]),
    }


@pytest.fixture
def lecturers(tree):
    make = Lecturer.objects.create
    return [
        make(institution=tree["centre"], full_name="Phạm Thị Hoa", kind=LecturerKind.FULL_TIME),
        make(institution=tree["centre"], full_name="Lê Văn Minh", kind=LecturerKind.CONCURRENT),
        make(
            institution=tree["centre"],
            full_name="Đỗ Văn Nam",
            kind=LecturerKind.FULL_TIME,
            management_role=ManagementRole.DIRECTOR,
        ),
    ]


@dataclass(frozen=True)
class Citation:
    """The shape of `llct.regulations.Citation` (the engine is another helper's; its package may be
    mid-change while these tests run)."""

    document: str
    article: str = ""

    def __str__(self) -> str:
        return f"Điều {self.article}, {self.document}"


@dataclass(frozen=True)
class Reason:
    condition: str
    met: bool
    value: str
    threshold: str
    citation: Citation
    assumption: bool
    text: str


@dataclass(frozen=True)
class Decision:
    level: str
    on: dt.date
    eligible: bool
    modes: tuple
    regulation: str
    institution: str | None
    reasons: tuple

    @property
    def summary(self) -> str:
        return " | ".join(r.text for r in self.reasons)


def fake_decision(eligible: bool, level: str = "trung_cap", on: dt.date = START, modes=("tap_trung",)):
    citation = Citation("QĐ 350-QĐ/TW", "2")
    reason = Reason("subject", eligible, "PTP", "PTP", citation, False, "Phó Trưởng phòng — QĐ 350-QĐ/TW")
    return Decision(
        level,
        on,
        eligible,
        tuple(modes) if eligible else (),
        "QĐ 350-QĐ/TW",
        "truong_chinh_tri_tinh",
        (reason,),
    )


@pytest.fixture
def engine(monkeypatch):
    """The rules engine's answer for LLCT levels, set per test: engine.eligible = False to refuse."""

    class Engine:
        eligible = True
        calls: list = []

        def __call__(self, cadre, level, on):
            self.calls.append((cadre.pk, level, on))
            return fake_decision(self.eligible, level, on)

    fake = Engine()
    monkeypatch.setattr(eligibility, "_level_decision", fake)
    return fake


@pytest.fixture
def commune_class(tree, programmes, users, lecturers, make_cadre):
    """A started commune-centre class of `n` learners (Party-awareness course), with one 10-period
    session per day for `days` days, everyone present unless told."""

    def make(
        n: int = 25, code: str = "NT-01", days: int = 2, capacity: int = 40, programme="nhan_thuc_ve_dang"
    ):
        by = users["officer"]
        klass = class_services.class_open(
            institution=tree["centre"],
            programme=programmes[programme],
            code=code,
            name="Lớp bồi dưỡng nhận thức về Đảng",
            starts_on=START,
            ends_on=START + dt.timedelta(days=10),
            capacity=capacity,
            homeroom_lecturer=lecturers[0],
            by=by,
        )
        cadres = [make_cadre(tree["new_commune"], f"Học Viên Số {i:02d}") for i in range(n)]
        class_services.enrolment_add_list(klass, cadres, sending_unit=tree["new_commune"], by=by)
        class_services.class_start(klass, by=by)
        for d in range(days):
            class_services.session_add(
                klass, date=START + dt.timedelta(days=d), periods=10, lecturer=lecturers[d % 2], by=by
            )
        klass.refresh_from_db()
        return klass

    return make


@pytest.fixture
def marked_class(commune_class, users, lecturers):
    """A 25-learner class, all present, essays marked 7/8 (mean 7.5), except learner 0 marked 4/4.5."""
    klass = commune_class(n=25, days=1)
    by = users["officer"]
    lecturers[0].user = users["lecturer"]
    lecturers[0].save()
    session = klass.sessions.get()
    day = START + dt.timedelta(days=5)
    for e in klass.enrolments.all():
        attendance_record(session, e, AttendanceStatus.PRESENT, by=by)
    assert essays.essays_receive(klass, on=day, by=by).received == 25
    for i, e in enumerate(klass.enrolments.order_by("pk")):
        essay = e.essays.get()
        first, second = (Decimal("4"), Decimal("4.5")) if i == 0 else (Decimal("7"), Decimal("8"))
        essays.essay_mark(
            essay,
            first_marker=lecturers[0],
            first_mark=first,
            second_marker=lecturers[1],
            second_mark=second,
            marked_on=day,
            by=users["lecturer"],
        )
    essays.marks_hand_in(klass, on=day + dt.timedelta(days=1), by=users["lecturer"])
    essays.marks_publish(klass, on=day + dt.timedelta(days=2), by=by)
    klass.refresh_from_db()
    return klass


def d(value: str) -> Decimal:
    return Decimal(value)
