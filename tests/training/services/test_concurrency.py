"""Parallel enrolment into a nearly full class never over-books it; a double-submitted nomination form
creates one nomination (PostgreSQL: row locks; SQLite serialises writers anyway)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from llct.training.models import Enrolment
from llct.training.services import classes as cs
from llct.training.services.errors import TrainingRuleError

from ..conftest import START

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _parallel(work, n):
    barrier = threading.Barrier(n)
    outcomes: list[str] = []

    def run(i):
        try:
            barrier.wait()
            outcomes.append(work(i))
        except TrainingRuleError as refused:
            outcomes.append(refused.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


@pytest.fixture
def skip_unless_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")


def test_parallel_enrolment_never_overbooks(
    skip_unless_postgres, tree, programmes, users, lecturers, make_cadre
):
    by = users["officer"]
    klass = cs.class_open(
        institution=tree["centre"],
        programme=programmes["cap_nhat"],
        code="CN-01",
        name="Cập nhật",
        starts_on=START,
        ends_on=START + dt.timedelta(days=1),
        capacity=30,
        by=by,
    )
    for i in range(27):
        cs.enrolment_add(
            klass, make_cadre(tree["new_commune"], f"Có Sẵn {i}"), sending_unit=tree["new_commune"], by=by
        )
    newcomers = [make_cadre(tree["new_commune"], f"Đến Sau {i}") for i in range(8)]

    def enrol(i):
        cs.enrolment_add(klass, newcomers[i], sending_unit=tree["new_commune"], by=by)
        return "ok"

    outcomes = _parallel(enrol, len(newcomers))
    assert outcomes.count("ok") == 3 and outcomes.count("full") == 5
    assert Enrolment.objects.filter(training_class=klass).count() == 30


def test_double_submit_creates_one_enrolment(skip_unless_postgres, tree, programmes, users, make_cadre):
    by = users["officer"]
    klass = cs.class_open(
        institution=tree["centre"],
        programme=programmes["cap_nhat"],
        code="CN-02",
        name="Cập nhật",
        starts_on=START,
        ends_on=START + dt.timedelta(days=1),
        capacity=30,
        by=by,
    )
    cadre = make_cadre(tree["new_commune"], "Một Lần")

    def enrol(i):
        return str(cs.enrolment_add(klass, cadre, sending_unit=tree["new_commune"], by=by).pk)

    outcomes = _parallel(enrol, 6)
    assert len(set(outcomes)) == 1
    assert Enrolment.objects.filter(training_class=klass, cadre=cadre).count() == 1
