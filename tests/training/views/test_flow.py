"""The whole flow through the web pages, with the URLs and form field names a browser test drives:
plan → nominate (special case when not eligible) → submit → approve → open a class → admit → homeroom and
committee → sessions → attendance → exam marks (LLCT) or the two-marker essay (commune centre) → results →
recognition decision (PDF) → the credentials issuing page."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from llct.training.models import Enrolment, Lecturer, Nomination, TrainingClass, TrainingPlan


def day(offset: int) -> str:
    """A day relative to today, as the forms take it (the appeal is lodged today: its 2-day window
    counts from the publication)."""
    return (timezone.localdate() + dt.timedelta(days=offset)).strftime("%d/%m/%Y")


def ok(response, where: str = ""):
    """A step succeeded: a redirect (the form was accepted), never a page with errors."""
    errors = re.findall(r'<ul class="(?:errorlist|messages)[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert response.status_code == 302, (where, [re.sub(r"<[^>]+>", " ", e) for e in errors])
    return response["Location"]


@pytest.fixture
def school_lecturers(tree):
    make = Lecturer.objects.create
    return [
        make(institution=tree["school"], full_name="Vũ Văn Giảng", kind="co_huu"),
        make(institution=tree["school"], full_name="Đào Thị Dạy", kind="co_huu"),
    ]


def test_llct_flow_with_special_case_and_exam_marks(
    client, tree, programmes, users, make_cadre, engine, school_lecturers
):
    board, approver, officer, director = (
        users["board"],
        users["approver"],
        users["school_officer"],
        users["school_director"],
    )
    trung_cap = programmes["trung_cap"]
    cadre = make_cadre(tree["new_commune"], "Đặng Thị Ngoại Lệ")

    client.force_login(board)
    ok(client.post("/training/plans/", {"unit": tree["north"].pk, "year": "2025", "title": ""}), "plan")
    plan = TrainingPlan.objects.get()
    ok(
        client.post(
            f"/training/plans/{plan.pk}/",
            {
                "step": "quota",
                "programme": trung_cap.pk,
                "mode": "tap_trung",
                "institution": tree["school"].pk,
                "quota": "5",
            },
        ),
        "quota",
    )
    client.force_login(approver)
    ok(
        client.post(
            f"/training/plans/{plan.pk}/",
            {"step": "approve", "approving_body": "BTV Tỉnh ủy", "document": "9-QĐ/TU"},
        )
    )

    client.force_login(board)
    options = client.get("/training/nominations/cadres/", {"cadre": "dang thi ngoai"}).content.decode()
    assert f'value="{cadre.code}"' in options  # accent-insensitive search
    engine.eligible = False
    form = {
        "cadre": cadre.code,
        "programme": trung_cap.pk,
        "mode": "tap_trung",
        "sending_unit": tree["north"].pk,
        "nominated_on": "01/12/2025",
        "note": "",
    }
    refused = client.post("/training/nominations/", form)
    assert refused.status_code == 200 and "quyết định trường hợp đặc biệt" in refused.content.decode()
    form |= {
        "special_authority": "Ban Thường vụ Tỉnh ủy",
        "special_document": "77-QĐ/TU",
        "special_decided_on": "20/11/2025",
        "special_reason": "Nhu cầu cán bộ",
    }
    detail = ok(client.post("/training/nominations/", form), "nomination")
    nomination = Nomination.objects.get()
    assert nomination.special_case.document_number == "77-QĐ/TU"
    ok(client.post(detail, {"transition": "submit"}))
    client.force_login(approver)
    ok(client.post(detail, {"transition": "approve"}))

    client.force_login(officer)
    class_form = {
        "institution": tree["school"].pk,
        "programme": trung_cap.pk,
        "code": "TC-K9",
        "name": "Trung cấp khóa 9",
        "mode": "tap_trung",
        "starts_on": "01/12/2025",
        "ends_on": "30/06/2026",
        "venue": "Hội trường A",
        "capacity": "40",
        "homeroom_lecturer": "",
    }
    page = ok(client.post("/training/classes/", class_form), "class")
    klass = TrainingClass.objects.get(code="TC-K9")
    ok(client.post(page, {"step": "admit", "nominations": [nomination.pk]}), "admit")
    learner = Enrolment.objects.get(training_class=klass)
    ok(client.post(page, {"step": "homeroom", "homeroom_lecturer": school_lecturers[0].pk}), "homeroom")
    ok(
        client.post(page, {"step": "committee", "enrolment": learner.pk, "committee_role": "lop_truong"}),
        "committee",
    )
    ok(client.post(page, {"step": "start"}))
    module = trung_cap.modules.order_by("order").first()
    session_form = {
        "step": "session",
        "date": "02/12/2025",
        "periods": "5",
        "module": module.pk,
        "lecturer": school_lecturers[1].pk,
        "topic": "",
    }
    ok(client.post(page, session_form), "session")
    session = klass.sessions.get()
    assert (session.module, session.lecturer) == (module, school_lecturers[1])
    sheet = f"/training/classes/{klass.pk}/sessions/{session.pk}/attendance/"
    assert (
        "Đã lưu điểm danh"
        in client.post(sheet, {f"status-{learner.pk}": "co_mat", f"reason-{learner.pk}": ""}).content.decode()
    )

    marks = {
        "examined_on": "20/12/2025",
        "attempt": "1",
        f"final-{learner.pk}": "8,5",
        f"final_kind-{learner.pk}": "khoa_luan",
    }
    marks |= {f"mark-{learner.pk}-{m.pk}": "7" for m in trung_cap.modules.filter(has_exam=True)}
    ok(client.post(f"/training/classes/{klass.pk}/marks/", marks), "marks")
    ok(client.post(f"/training/classes/{klass.pk}/assess/"))
    client.force_login(director)
    recognise = {
        "step": "recognise",
        "number": "5-QĐ/TCT",
        "signed_on": "30/06/2026",
        "signed_by": "Lê Văn Hiệu",
        "signer_title": "Hiệu trưởng",
    }
    ok(client.post(page, recognise), "recognise")
    text = client.get(page).content.decode()
    assert 'id="issue-credentials"' in text and f'href="/credentials/lop/{klass.pk}/"' in text
    assert client.get(f"/training/classes/{klass.pk}/recognition.pdf")["Content-Type"] == "application/pdf"
    learner.refresh_from_db()
    assert learner.completed and learner.final_mark == 7.75


def test_commune_centre_flow_with_essays_and_appeal(
    client, tree, programmes, users, lecturers, make_cadre, make_user
):
    officer, director = users["officer"], users["director"]
    marker = users["lecturer"]
    lecturers[0].user = marker
    lecturers[0].save()
    cadres = [make_cadre(tree["new_commune"], f"Học Viên Xã {i:02d}") for i in range(25)]

    client.force_login(officer)
    page = ok(
        client.post(
            "/training/classes/",
            {
                "institution": tree["centre"].pk,
                "programme": programmes["nhan_thuc_ve_dang"].pk,
                "code": "NT-WEB",
                "name": "Nhận thức về Đảng",
                "mode": "",
                "starts_on": day(-6),
                "ends_on": day(0),
                "venue": "",
                "capacity": "30",
                "homeroom_lecturer": lecturers[1].pk,
            },
        )
    )
    klass = TrainingClass.objects.get(code="NT-WEB")
    codes = "\n".join(c.code for c in cadres)
    ok(
        client.post(page, {"step": "enrol_list", "sending_unit": tree["new_commune"].pk, "cadres": codes}),
        "list",
    )
    ok(client.post(page, {"step": "start"}))
    ok(
        client.post(
            page,
            {
                "step": "session",
                "date": day(-6),
                "periods": "8",
                "module": "",
                "lecturer": lecturers[0].pk,
            },
        )
    )
    session = klass.sessions.get()
    learners = list(klass.enrolments.order_by("pk"))
    client.post(
        f"/training/classes/{klass.pk}/sessions/{session.pk}/attendance/",
        {f"status-{e.pk}": "co_mat" for e in learners},
    )
    ok(
        client.post(page, {"step": "receive", "submitted_on": day(-3), "essays_received_on": day(-2)}),
        "receive",
    )

    client.force_login(marker)
    for i, e in enumerate(learners):
        first, second = ("3", "4") if i == 0 else ("7,5", "8")
        ok(
            client.post(
                f"/training/classes/{klass.pk}/essays/{e.pk}/",
                {
                    "first_marker": lecturers[0].pk,
                    "first_mark": first,
                    "second_marker": lecturers[1].pk,
                    "second_mark": second,
                },
            )
        )
    ok(client.post(page, {"step": "hand_in", "on": day(-1)}), "hand in")
    client.force_login(officer)
    ok(client.post(page, {"step": "publish", "on": day(0)}), "publish")
    appellant = learners[1]
    action = f"/training/classes/{klass.pk}/learners/{appellant.pk}/"
    client.post(action, {"step": "appeal"})
    client.post(action, {"step": "remark", "marker": lecturers[2].pk, "mark": "10"})
    client.force_login(director)
    client.post(action, {"step": "director", "mark": "9", "minutes": "02/BB-TTCT"})
    appellant.refresh_from_db()
    essay = appellant.essays.get()
    assert (essay.appeal.outcome, essay.appeal.director_mark, essay.appeal.minutes) == (
        "giam_doc",
        9,
        "02/BB-TTCT",
    )
    ok(client.post(f"/training/classes/{klass.pk}/assess/"))
    ok(
        client.post(
            page,
            {
                "step": "recognise",
                "number": "3-QĐ/TTCT",
                "signed_on": day(0),
                "signed_by": "Đỗ Văn Nam",
                "signer_title": "",
            },
        )
    )
    text = client.get(page).content.decode()
    assert re.search(r'id="issue-credentials"[^>]*href="/credentials/lop/\d+/"', text)
    klass.refresh_from_db()
    assert klass.recognition.enrolments.count() == 24  # learner 0 failed (mean 3.5)
    assert essay.enrolment.pk in set(klass.recognition.enrolments.values_list("pk", flat=True))
