"""Wrong input gives a Vietnamese message on the field and writes nothing — never a server error."""

import datetime as dt

import pytest

from llct.training.models import Attendance, PlanQuota, TrainingClass, TrainingPlan
from llct.training.services import plans as ps
from llct.training.services.attendance import attendance_record


@pytest.mark.parametrize(
    ("year", "message"),
    [("abc", "Năm phải là số"), ("0", "từ 2000"), ("", "bắt buộc"), ("2101", "2100")],
)
def test_plan_year(client, tree, users, year, message):
    client.force_login(users["board"])
    response = client.post("/training/plans/", {"unit": tree["north"].pk, "year": year})
    assert response.status_code == 200
    assert message in response.content.decode() and 'id="plan_year"' in response.content.decode()
    assert not TrainingPlan.objects.exists()


@pytest.mark.parametrize(("quota", "message"), [("-1", "không âm"), ("x", "số nguyên")])
def test_quota(client, tree, programmes, users, quota, message):
    plan = ps.plan_create(unit=tree["north"], year=2026, by=users["board"])
    client.force_login(users["board"])
    response = client.post(
        f"/training/plans/{plan.pk}/",
        {"step": "quota", "programme": programmes["trung_cap"].pk, "quota": quota},
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not PlanQuota.objects.exists()


def test_lecturer_year_not_a_number(client, users):
    client.force_login(users["inspector"])
    response = client.get("/training/lecturers/", {"year": "hai nghìn"})
    assert response.status_code == 200
    assert "Năm phải là số" in response.content.decode()
    assert f"Khối lượng giảng dạy năm {dt.date.today().year}" in response.content.decode()


def _class_form(tree, programmes, **kw):
    return {
        "institution": tree["centre"].pk,
        "programme": programmes["cap_nhat"].pk,
        "code": "CN-E",
        "name": "Cập nhật",
        "mode": "",
        "starts_on": "01/12/2025",
        "ends_on": "02/12/2025",
        "capacity": "30",
        **kw,
    }


def test_class_code_taken_and_end_before_start(client, tree, programmes, users):
    client.force_login(users["officer"])
    assert client.post("/training/classes/", _class_form(tree, programmes)).status_code == 302
    taken = client.post(
        "/training/classes/", _class_form(tree, programmes, programme=programmes["chuyen_de"].pk)
    )
    assert taken.status_code == 200 and "Mã lớp CN-E đã dùng" in taken.content.decode()
    backwards = client.post(
        "/training/classes/", _class_form(tree, programmes, code="CN-F", ends_on="30/11/2025")
    )
    assert (
        backwards.status_code == 200 and "Ngày bế giảng phải từ ngày khai giảng" in backwards.content.decode()
    )
    bad_date = client.post(
        "/training/classes/", _class_form(tree, programmes, code="CN-G", starts_on="31/02/2025")
    )
    assert bad_date.status_code == 200 and "dd/mm/yyyy" in bad_date.content.decode()
    assert TrainingClass.objects.count() == 1


def test_attendance_reason_too_long_writes_nothing(client, commune_class, users):
    klass = commune_class(n=25, days=1)
    session = klass.sessions.get()
    learners = list(klass.enrolments.order_by("pk"))
    data = {f"status-{e.pk}": "co_mat" for e in learners}
    data |= {f"status-{learners[3].pk}": "vang_co_phep", f"reason-{learners[3].pk}": "ố" * 300}
    client.force_login(users["officer"])
    response = client.post(f"/training/classes/{klass.pk}/sessions/{session.pk}/attendance/", data)
    text = response.content.decode()
    assert response.status_code == 200 and "tối đa 255 ký tự" in text and "Chưa lưu điểm danh" in text
    assert not Attendance.objects.exists()
    data[f"reason-{learners[3].pk}"] = ""  # excused without reason: refused by the service, nothing kept
    text = client.post(
        f"/training/classes/{klass.pk}/sessions/{session.pk}/attendance/", data
    ).content.decode()
    assert "phải ghi lý do" in text and not Attendance.objects.exists()


def test_bad_ids_and_marks_answer_404_or_a_message(client, commune_class, users, lecturers):
    klass = commune_class(n=25, days=1)
    e = klass.enrolments.first()
    client.force_login(users["board"])
    from llct.training.models import Nomination

    n = Nomination.objects.create(
        cadre=e.cadre,
        programme=klass.programme,
        sending_unit=e.sending_unit,
        nominated_on=dt.date(2025, 12, 1),
    )
    assert (
        client.post(
            f"/training/nominations/{n.pk}/", {"transition": "admit", "training_class": "abc"}
        ).status_code
        == 404
    )
    client.force_login(users["officer"])
    response = client.post(
        f"/training/classes/{klass.pk}/essays/{e.pk}/",
        {
            "first_marker": lecturers[0].pk,
            "first_mark": "bảy",
            "second_marker": lecturers[1].pk,
            "second_mark": "8",
        },
        follow=True,
    )
    assert response.status_code == 200 and "chưa nộp bài" in response.content.decode()
    attendance_record(klass.sessions.get(), e, "co_mat", by=users["officer"])
    client.post(
        f"/training/classes/{klass.pk}/",
        {"step": "receive", "submitted_on": "01/12/2025", "essays_received_on": "01/12/2025"},
    )
    response = client.post(
        f"/training/classes/{klass.pk}/essays/{e.pk}/",
        {
            "first_marker": lecturers[0].pk,
            "first_mark": "bảy",
            "second_marker": lecturers[1].pk,
            "second_mark": "11",
        },
        follow=True,
    )
    text = response.content.decode()
    assert "Điểm phải là số từ 0 đến 10" in text and "Điểm phải từ 0 đến 10" in text
    assert e.essays.get().mark is None
