"""Training pages and API: the flow through HTTP, scope (404 outside) and roles (403)."""

import datetime as dt
import re

import pytest

from llct.training.choices import ClassStatus, NominationStatus
from llct.training.models import Nomination, TrainingClass
from llct.training.services import plans as ps

from ..conftest import START


def test_pages_open_for_viewers(client, users):
    client.force_login(users["inspector"])
    for name in ("programmes", "plans", "nominations", "classes", "lecturers"):
        response = client.get(f"/training/{name}/")
        assert response.status_code == 200, name
    assert "Bồi dưỡng nhận thức về Đảng" in client.get("/training/programmes/").content.decode()


def test_nominate_submit_approve_through_pages(client, tree, programmes, users, make_cadre, engine):
    board = users["board"]
    plan = ps.plan_create(unit=tree["north"], year=2025, by=board)
    ps.quota_set(plan=plan, programme=programmes["trung_cap"], quota=5, by=board)
    ps.plan_approve(plan=plan, approving_body="BTV", document="1-QĐ", by=users["approver"])
    cadre = make_cadre(tree["new_commune"], "Ngô Thị Mai")
    client.force_login(board)
    form = dict(
        cadre=cadre.code,
        programme=programmes["trung_cap"].pk,
        mode="tap_trung",
        sending_unit=tree["north"].pk,
        nominated_on="2025-12-01",
    )
    response = client.post("/training/nominations/", form)
    assert response.status_code == 302
    client.post("/training/nominations/", form)  # double submit
    nomination = Nomination.objects.get()
    client.post(f"/training/nominations/{nomination.pk}/", {"transition": "submit"})
    client.post(f"/training/nominations/{nomination.pk}/", {"transition": "approve"})  # not by the submitter
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.SUBMITTED
    client.force_login(users["approver"])
    client.post(f"/training/nominations/{nomination.pk}/", {"transition": "approve"})
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED
    page = client.get(f"/training/nominations/{nomination.pk}/").content.decode()
    assert "Nhật ký" in page and "Phó Trưởng phòng" in page
    client.force_login(users["south_board"])
    assert client.get(f"/training/nominations/{nomination.pk}/").status_code == 404
    assert client.get("/api/training/nominations").json() == []


def test_class_flow_and_scope(client, tree, programmes, users, lecturers, make_cadre):
    client.force_login(users["officer"])
    response = client.post(
        "/training/classes/",
        dict(
            institution=tree["centre"].pk,
            programme=programmes["cap_nhat"].pk,
            code="CN-9",
            name="Cập nhật",
            starts_on="2025-12-01",
            ends_on="2025-12-02",
            capacity=30,
            homeroom_lecturer=lecturers[0].pk,
        ),
    )
    klass = TrainingClass.objects.get(code="CN-9")
    assert response.status_code == 302
    refused = client.post(
        "/training/classes/",
        dict(
            institution=tree["school"].pk,
            programme=programmes["cap_nhat"].pk,
            code="CN-X",
            name="x",
            starts_on="2025-12-01",
            ends_on="2025-12-02",
            capacity=30,
        ),
    )
    assert refused.status_code == 200 and not TrainingClass.objects.filter(code="CN-X").exists()
    # The school is outside the centre's scope: it is not even a choice of the form.
    client.post(f"/training/classes/{klass.pk}/", {"step": "start"})
    klass.refresh_from_db()
    assert klass.status == ClassStatus.OPEN
    assert "cần ít nhất 25" in client.get(f"/training/classes/{klass.pk}/", follow=True).content.decode()
    client.post(f"/training/classes/{klass.pk}/", {"step": "session", "date": "2025-12-01", "periods": 4})
    session = klass.sessions.get()
    assert client.get(f"/training/classes/{klass.pk}/sessions/{session.pk}/attendance/").status_code == 200
    assert client.get(f"/api/training/classes/{klass.pk}/learners").status_code == 200
    client.force_login(users["school_officer"])
    assert client.get(f"/training/classes/{klass.pk}/").status_code == 404
    assert client.get(f"/api/training/classes/{klass.pk}/learners").status_code == 404
    client.force_login(users["inspector"])
    assert client.post(f"/training/classes/{klass.pk}/", {"step": "start"}).status_code == 403


def assessed_class(commune_class, users, days: int):
    """A commune-centre class of 25, everyone present, every essay marked 8 and 9, marks handed in and
    published, the class assessed."""
    from llct.training.services.assessment import essays as es
    from llct.training.services.assessment.results import class_assess
    from llct.training.services.attendance import attendance_record

    klass = commune_class(n=25, days=days)
    by = users["officer"]
    lect = list(klass.institution.lecturers.all())
    for e in klass.enrolments.all():
        attendance_record(klass.sessions.get(), e, "co_mat", by=by)
    es.essays_receive(klass, on=START, by=by)
    for e in klass.enrolments.all():
        es.essay_mark(
            e.essays.get(),
            first_marker=lect[0],
            first_mark=8,
            second_marker=lect[1],
            second_mark=9,
            marked_on=START,
            by=by,
        )
    es.marks_hand_in(klass, on=START, by=by)
    es.marks_publish(klass, on=START, by=by)
    class_assess(klass, by=by)
    return klass


@pytest.mark.parametrize("days", [1])
def test_recognition_pdf_download(client, commune_class, users, days):
    from llct.training.services.recognition import recognition_decide

    klass = assessed_class(commune_class, users, days)
    recognition_decide(
        klass, number="1/QĐ", signed_on=START + dt.timedelta(days=3), signed_by="A", by=users["director"]
    )
    client.force_login(users["inspector"])
    response = client.get(f"/training/classes/{klass.pk}/recognition.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_learner_actions_reward_discipline_and_roles(client, commune_class, users):
    klass = assessed_class(commune_class, users, days=1)
    first, second = klass.enrolments.order_by("pk")[:2]
    client.force_login(users["officer"])
    assert (
        client.post(f"/training/classes/{klass.pk}/learners/{first.pk}/", {"step": "reward"}).status_code
        == 403
    )
    client.force_login(users["director"])
    client.post(f"/training/classes/{klass.pk}/learners/{first.pk}/", {"step": "reward"})
    client.post(
        f"/training/classes/{klass.pk}/learners/{second.pk}/",
        {"step": "discipline", "kind": "buoc_thoi_hoc", "reason": "Gian lận", "document": "7/QĐ-TTCT"},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.rewarded and second.status == "buoc_thoi_hoc" and second.final_mark is None
    page = client.get(f"/training/classes/{klass.pk}/").content.decode()
    assert "Buộc thôi học" in page


def test_one_unit_picker_current_units_in_tree_order_sending_unit_from_the_cadre(
    client, tree, programmes, users, make_cadre, engine
):
    """Issue 7, defect 4: the nomination form lists units in force today, in tree order, searchable; a
    unit dissolved in 2025 is not offered; left empty, the sending unit is the cadre's own."""
    plan = ps.plan_create(unit=tree["north"], year=2025, by=users["board"])
    ps.quota_set(plan=plan, programme=programmes["trung_cap"], quota=5, by=users["board"])
    ps.plan_approve(plan=plan, approving_body="BTV", document="1-QĐ", by=users["approver"])
    client.force_login(users["board"])
    page = client.get("/training/nominations/").content.decode()
    picker = re.search(r'<select name="sending_unit".*?</select>', page, re.S).group(0)
    assert "data-searchable" in picker
    assert tree["district"].name not in picker and tree["old_commune"].name not in picker  # ended 30/06/2025
    assert picker.index(tree["north"].name) < picker.index(tree["new_commune"].name)
    cadre = make_cadre(tree["new_commune"], "Ngô Thị Mai")
    form = dict(
        cadre=cadre.code, programme=programmes["trung_cap"].pk, mode="tap_trung", nominated_on="01/12/2025"
    )
    response = client.post("/training/nominations/", form)
    assert response.status_code == 302, re.findall(
        r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S
    )
    assert Nomination.objects.get().sending_unit == tree["new_commune"]
    eligibility = client.get("/eligibility/").content.decode()
    unit_picker = re.search(r'<select name="unit".*?</select>', eligibility, re.S).group(0)
    assert "data-searchable" in unit_picker and tree["district"].name not in unit_picker
