"""The class page: learners with attendance while the class runs (sessions to come do not count), in a
fixed number of queries; late deadlines; the link to the issuing page; the setup forms."""

import datetime as dt

import pytest
from django.utils import timezone

from llct.training.choices import AttendanceStatus
from llct.training.services import classes as cs
from llct.training.services.attendance import attendance_record

from ..conftest import START, article


def _running_class(commune_class, users, n):
    """A class started today whose first session was held (everyone present) and whose second is
    tomorrow."""
    today = timezone.localdate()
    klass = commune_class(n=n, days=0, capacity=60)
    klass.starts_on, klass.ends_on = today, today + dt.timedelta(days=3)
    klass.save()
    held = cs.session_add(klass, date=today, periods=8, by=users["officer"])
    cs.session_add(klass, date=today + dt.timedelta(days=1), periods=8, by=users["officer"])
    for e in klass.enrolments.all():
        attendance_record(held, e, AttendanceStatus.PRESENT, by=users["officer"])
    return klass


@article("attendance")
def test_learners_may_sit_while_the_class_runs(client, commune_class, users, article):
    klass = _running_class(commune_class, users, 25)
    client.force_login(users["officer"])
    text = client.get(f"/training/classes/{klass.pk}/").content.decode()
    assert "may-not-sit-" not in text and "chưa điểm danh" not in text, article
    assert "100,00%" in text


@pytest.mark.parametrize("n", [25, 50])
def test_class_page_queries_do_not_grow_with_learners(
    client, commune_class, users, n, django_assert_max_num_queries
):
    klass = _running_class(commune_class, users, n)
    client.force_login(users["officer"])
    with django_assert_max_num_queries(30):
        assert client.get(f"/training/classes/{klass.pk}/").status_code == 200


@article("hand_in")
def test_late_hand_in_is_shown(client, commune_class, users, lecturers, article):
    klass = commune_class(n=25, days=1)
    for e in klass.enrolments.all():
        attendance_record(klass.sessions.get(), e, AttendanceStatus.PRESENT, by=users["officer"])
    client.force_login(users["officer"])
    client.post(
        f"/training/classes/{klass.pk}/",
        {"step": "receive", "submitted_on": "02/12/2025", "essays_received_on": "02/12/2025"},
    )
    text = client.get(f"/training/classes/{klass.pk}/").content.decode()
    assert 'id="late-hand_in"' in text and "05/12/2025" in text, article  # due 3 days after receipt


def test_credentials_link_only_for_recognised_classes_with_a_document(
    client, marked_class, users, tree, programmes
):
    from llct.training.services.assessment.results import class_assess
    from llct.training.services.recognition import recognition_decide

    client.force_login(users["director"])
    page = f"/training/classes/{marked_class.pk}/"
    assert 'id="issue-credentials"' not in client.get(page).content.decode()
    class_assess(marked_class, by=users["officer"])
    recognition_decide(
        marked_class, number="1", signed_on=START + dt.timedelta(days=9), signed_by="A", by=users["director"]
    )
    assert f'href="/credentials/lop/{marked_class.pk}/"' in client.get(page).content.decode()
    decision_only = cs.class_open(
        institution=tree["centre"],
        programme=programmes["chuyen_de"],
        code="CD-X",
        name="Chuyên đề",
        starts_on=START,
        ends_on=START,
        capacity=30,
        by=users["officer"],
    )
    from llct.training.models import RecognitionDecision

    decision_only.status = "da_cong_nhan"
    decision_only.save()
    RecognitionDecision.objects.create(
        training_class=decision_only, number="2", signed_on=START, signed_by="A"
    )
    assert (
        'id="issue-credentials"' not in client.get(f"/training/classes/{decision_only.pk}/").content.decode()
    )


def test_setup_forms_show_field_errors(client, commune_class, users, tree, lecturers):
    klass = commune_class(n=25, days=1)
    client.force_login(users["officer"])
    page = f"/training/classes/{klass.pk}/"
    wrong = client.post(page, {"step": "session", "date": "01/01/2026", "periods": "13"})
    text = wrong.content.decode()
    assert wrong.status_code == 200 and "Số tiết phải từ 1 đến 12" in text
    out = client.post(page, {"step": "session", "date": "01/01/2030", "periods": "4"}).content.decode()
    assert "nằm ngoài thời gian của lớp" in out
    listed = client.post(
        page, {"step": "enrol_list", "sending_unit": tree["new_commune"].pk, "cadres": "KHONG-CO\n"}
    )
    assert "dòng 1 “KHONG-CO”" in listed.content.decode()
    assert klass.sessions.count() == 1 and klass.enrolments.count() == 25
    client.force_login(users["inspector"])
    assert client.post(page, {"step": "homeroom", "homeroom_lecturer": lecturers[0].pk}).status_code == 403


def test_deciding_results_is_confirmed_first_and_the_director_may_undo_it(client, marked_class, users):
    """Issue 7, defect 1: the class page's button leads to a page saying what will happen; only its own
    button decides; the director's "Hủy kết quả đã xét" brings the class back, learners and form included."""
    from llct.training.choices import ClassStatus

    page, confirm = f"/training/classes/{marked_class.pk}/", f"/training/classes/{marked_class.pk}/assess/"
    client.force_login(users["officer"])
    assert f'href="{confirm}"' in client.get(page).content.decode()
    client.post(page, {"step": "assess"})  # the old one-click step decides nothing any more
    marked_class.refresh_from_db()
    assert marked_class.status == ClassStatus.IN_PROGRESS
    preview = client.get(confirm).content.decode()
    assert (
        'id="assess-summary"' in preview
        and "không hoàn thành" in preview
        and 'id="assess-confirm"' in preview
    )
    marked_class.refresh_from_db()
    assert marked_class.status == ClassStatus.IN_PROGRESS
    assert client.post(confirm).status_code == 302
    marked_class.refresh_from_db()
    assert marked_class.status == ClassStatus.ASSESSED
    assert 'id="reopen-class"' not in client.get(page).content.decode()  # not the officer's to undo
    client.force_login(users["director"])
    assert 'id="reopen-class"' in client.get(page).content.decode()
    client.post(page, {"step": "reopen"})
    marked_class.refresh_from_db()
    assert marked_class.status == ClassStatus.IN_PROGRESS
    assert not marked_class.enrolments.filter(completed=True).exists()
