"""The home page's work queue ("Việc cần làm", issue 7): each entry counts what waits for the user and
links to the list of exactly those records, with the deadline QĐ 1147 sets."""

import datetime as dt
import re

from llct.training.choices import AttendanceStatus
from llct.training.services.assessment import essays
from llct.training.services.assessment.results import class_assess
from llct.training.services.attendance import attendance_record
from llct.training.services.recognition import recognition_decide

from ..conftest import START


def _work(client) -> dict[str, tuple[str, str, str]]:
    html = client.get("/").content.decode()
    found = re.findall(r'<li id="work-(\w+)"( class="late")?><a href="([^"]+)">([^<]+)</a>([^<]*)', html)
    return {key: (href, text, late) for key, late, href, text, _ in found}


def test_essays_waiting_for_marks_link_to_their_classes(client, commune_class, users):
    klass, other = commune_class(n=25, days=1), commune_class(n=25, days=1, code="NT-02")
    for e in klass.enrolments.all():
        attendance_record(klass.sessions.get(), e, AttendanceStatus.PRESENT, by=users["officer"])
    essays.essays_receive(klass, on=START + dt.timedelta(days=5), by=users["officer"])
    client.force_login(users["lecturer"])
    href, text, late = _work(client)["essays"]
    assert "1 lớp" in text and late  # received in 2025: the 3 days to hand marks in are long past
    listed = client.get(href).content.decode()
    assert f">{klass.code}<" in listed and f">{other.code}<" not in listed and 'id="class-work"' in listed


def test_a_class_moves_from_queue_to_queue_until_its_certificates(client, marked_class, users):
    officer, director = users["officer"], users["director"]
    client.force_login(officer)
    work = _work(client)
    assert "decide" in work and "essays" not in work and "publish" not in work  # ended, published
    assert f">{marked_class.code}<" in client.get(work["decide"][0]).content.decode()
    class_assess(marked_class, by=officer)
    assert "decide" not in _work(client) and "recognise" not in _work(client)  # not the officer's
    client.force_login(users["board"])
    assert "recognise" not in _work(client)  # a board approves plans, not recognition decisions
    client.force_login(director)
    assert "recognise" in _work(client)
    recognition_decide(
        marked_class, number="1", signed_on=START + dt.timedelta(days=9), signed_by="A", by=director
    )
    client.force_login(officer)
    href, text, late = _work(client)["issue"]
    assert text.startswith("24 ") and late  # 24 completed learners, the 15 days long past
    assert client.get(href).status_code == 200
    assert "quá" in client.get(href).content.decode()


def test_nothing_waiting_says_so(client, tree, make_user):
    from llct.accounts.models import Role

    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    assert 'id="work-empty"' in client.get("/").content.decode()
