"""Property tests: two checks against the scalar rules they share with the application — the attendance
rate of `training.services.attendance` and consecutive numbering of the master register."""

import datetime as dt
from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llct.credentials.choices import CredentialKind
from llct.credentials.models import CertificateRegister, Credential, RegisterYear
from llct.training.choices import AttendanceStatus, ClassStatus
from llct.training.models import Attendance, RecognitionDecision, Session
from llct.training.services.attendance import attendance_summary

from .conftest import DAY, found

pytestmark = pytest.mark.django_db


@contextmanager
def rolled_back():
    """Each example's rows are undone after it (the examples share one test's transaction)."""
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


EXAMPLES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@EXAMPLES
@given(
    periods=st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=5),
    learners=st.lists(st.lists(st.sampled_from([*AttendanceStatus.values, None])), min_size=1, max_size=4),
)
def test_attendance_below_80_flags_exactly_the_recognised_learners_the_attendance_service_rates_below(
    make_class, enrol, periods, learners
):
    with rolled_back():
        klass = make_class("nhan_thuc_ve_dang", status=ClassStatus.ASSESSED)
        sessions = [Session.objects.create(training_class=klass, date=DAY, periods=p) for p in periods]
        made = []
        for statuses in learners:
            enrolment = enrol(klass, completed=True)
            for session, status in zip(sessions, statuses, strict=False):
                if status is not None:  # a session without a row counts as absent
                    Attendance.objects.create(session=session, enrolment=enrolment, status=status, reason="x")
            made.append(enrolment)
        expected = {e.pk for e in made if attendance_summary(e).percent < 80}
        assert {k[1] for k in found("attendance_below_80")} == expected


@EXAMPLES
@given(
    numbers=st.sets(st.integers(min_value=1, max_value=12), min_size=1, max_size=8), extra=st.integers(0, 2)
)
def test_register_numbering_flags_a_year_exactly_when_its_numbers_are_not_one_to_the_last(
    tree, make_class, enrol, numbers, extra
):
    with rolled_back():
        klass = make_class("ky_nang", status=ClassStatus.RECOGNISED)
        decision = RecognitionDecision.objects.create(
            training_class=klass, number="1", signed_on=dt.date(2026, 3, 10), signed_by="A"
        )
        register = CertificateRegister.objects.create(
            institution=tree["centre"], kind=CredentialKind.CERTIFICATE
        )
        for n in sorted(numbers):
            enrolment = enrol(klass, completed=True)
            Credential.objects.create(
                register=register,
                year=2026,
                number=n,
                serial=f"P/GCN/2026/{n:06d}",
                holder=enrolment.cadre,
                enrolment=enrolment,
                programme=klass.programme,
                recognition=decision,
                issued_on=dt.date(2026, 3, 12),
                signed_by="A",
            )
        last = max(numbers) + extra  # numbers taken from the counter and never entered
        RegisterYear.objects.create(register=register, year=2026, last_number=last)
        hits = found("register_numbering")
        missing = sorted(set(range(1, last + 1)) - numbers)
        if missing:
            assert (
                hits[("certificateregister", register.pk, "2026")].values["missing_numbers"] == missing[:20]
            )
        else:
            assert hits == {}
