"""Parallel enrolment into a nearly full class never over-books it; the same nomination form posted twice
at once creates one nomination; parallel nominations against a quota of N never pass N (PostgreSQL: row
locks on the class and on the plan's quota line, and the partial unique constraint
`one_active_nomination_per_programme`; SQLite serialises writers anyway)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from llct.training.models import Enrolment, Nomination
from llct.training.services import classes as cs
from llct.training.services import plans as ps
from llct.training.services.errors import TrainingRuleError
from llct.training.services.nominations import nomination_create

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


@pytest.fixture
def quota_of(tree, programmes, users):
    def make(n: int):
        plan = ps.plan_create(unit=tree["north"], year=2025, by=users["board"])
        ps.quota_set(plan=plan, programme=programmes["trung_cap"], quota=n, by=users["board"])
        ps.plan_approve(plan=plan, approving_body="BTV", document="1-QĐ/TU", by=users["approver"])
        return plan.quotas.get()

    return make


@pytest.mark.parametrize("programme", ["trung_cap", "nhan_thuc_ve_dang"])
def test_double_submit_of_the_nomination_form_creates_one(
    skip_unless_postgres, tree, programmes, users, make_cadre, engine, quota_of, programme
):
    """Two connections post the same form at the same moment: one nomination, both answered with it —
    held back by the quota line's lock (trung cấp, a quota of one: the second must not read "quota
    full") or by the unique constraint (no quota)."""
    quota_of(1)
    cadre = make_cadre(tree["new_commune"], "Gửi Hai Lần")
    form = {
        "cadre": cadre.code,
        "programme": programmes[programme].pk,
        "mode": "",
        "sending_unit": tree["new_commune"].pk,
        "nominated_on": "01/12/2025",
    }
    clients = [Client() for _ in range(2)]
    for c in clients:
        c.force_login(users["board"])

    def post(i):
        response = clients[i].post("/training/nominations/", form)
        return f"{response.status_code} {response.get('Location', '')}"

    outcomes = _parallel(post, len(clients))
    nomination = Nomination.objects.get(cadre=cadre)
    assert outcomes == [f"302 /training/nominations/{nomination.pk}/"] * 2
    assert Nomination.objects.filter(cadre=cadre).count() == 1


def test_parallel_nominations_never_exceed_the_quota(
    skip_unless_postgres, tree, programmes, users, make_cadre, engine, quota_of
):
    line = quota_of(3)
    cadres = [make_cadre(tree["new_commune"], f"Tranh Chỉ Tiêu {i}") for i in range(8)]

    def nominate(i):
        nomination_create(
            cadre=cadres[i],
            programme=programmes["trung_cap"],
            sending_unit=tree["north"],
            nominated_on=START,
            by=users["board"],
        )
        return "ok"

    outcomes = _parallel(nominate, len(cadres))
    assert outcomes.count("ok") == 3 and outcomes.count("quota_full") == 5
    assert line.nominations.count() == 3
