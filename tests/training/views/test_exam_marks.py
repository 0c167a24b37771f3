"""The exam sheet of LLCT-level classes: module exams and final exam or thesis on the 10-point scale, the
programme's configuration and the assumed bands shown, saved all or nothing."""

import datetime as dt

import pytest

from llct.training.choices import AttendanceStatus, StudyMode
from llct.training.models import Mark
from llct.training.services import classes as cs
from llct.training.services.attendance import attendance_record

from ..conftest import START


@pytest.fixture
def llct_class(tree, programmes, users, make_cadre):
    by = users["school_officer"]
    klass = cs.class_open(
        institution=tree["school"],
        programme=programmes["trung_cap"],
        code="TC-M",
        name="Trung cấp",
        starts_on=START,
        ends_on=START + dt.timedelta(days=200),
        capacity=50,
        mode=StudyMode.FULL_TIME,
        by=by,
    )
    for name in ("Hà Văn Một", "Lý Thị Hai"):
        cs.enrolment_add(klass, make_cadre(tree["new_commune"], name), sending_unit=tree["north"], by=by)
    cs.class_start(klass, by=by)
    session = cs.session_add(klass, date=START, periods=4, by=by)
    for e in klass.enrolments.all():
        attendance_record(session, e, AttendanceStatus.PRESENT, by=by)
    return klass


def test_sheet_shows_the_scheme_and_the_assumed_bands(client, llct_class, users):
    client.force_login(users["inspector"])
    text = client.get(f"/training/classes/{llct_class.pk}/marks/").content.decode()
    assert 'id="bands-assumed"' in text and "Giả định" in text and "5 / 7 / 8 / 9" in text
    assert "Trung bình từ 5,0" in text and "Xuất sắc từ 9,0" in text
    assert "0,50 × điểm thi cuối khóa" in text
    assert all(m.code in text for m in llct_class.programme.modules.all())
    programme = llct_class.programme
    programme.bands_assumed = False
    programme.save()
    assert (
        'id="bands-assumed"' not in client.get(f"/training/classes/{llct_class.pk}/marks/").content.decode()
    )


def test_marks_saved_all_or_nothing(client, llct_class, users):
    one, two = llct_class.enrolments.order_by("pk")
    module = llct_class.programme.modules.order_by("order").first()
    url = f"/training/classes/{llct_class.pk}/marks/"
    client.force_login(
        users["lecturer"].__class__.objects.create_user(
            username="gv-truong", role="giang_vien", unit=llct_class.institution
        )
    )
    data = {
        "examined_on": "15/12/2025",
        "attempt": "1",
        f"mark-{one.pk}-{module.pk}": "7,5",
        f"mark-{two.pk}-{module.pk}": "10,5",
    }
    wrong = client.post(url, data)
    assert wrong.status_code == 200 and "Điểm phải từ 0 đến 10" in wrong.content.decode()
    assert not Mark.objects.exists()
    data |= {
        f"mark-{two.pk}-{module.pk}": "9",
        f"final-{one.pk}": "8",
        f"final_kind-{one.pk}": "thi_cuoi_khoa",
    }
    assert client.post(url, data).status_code == 302
    assert set(Mark.objects.values_list("enrolment_id", "kind", "value")) == {
        (one.pk, "hoc_phan", 7.5),
        (two.pk, "hoc_phan", 9),
        (one.pk, "thi_cuoi_khoa", 8),
    }
    data |= {f"final_kind-{one.pk}": "khoa_luan"}  # a thesis besides the exam of the same attempt: refused
    refused = client.post(url, data)
    assert refused.status_code == 200 and "mỗi lần chỉ có một điểm" in refused.content.decode()
    client.force_login(users["inspector"])
    assert client.post(url, data).status_code == 403


def test_essay_class_has_no_exam_sheet(client, commune_class, users):
    klass = commune_class(n=25, days=1)
    client.force_login(users["officer"])
    response = client.get(f"/training/classes/{klass.pk}/marks/", follow=True)
    assert "không có bảng điểm thi" in response.content.decode()
