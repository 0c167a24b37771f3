"""The inspection pages as an inspector and a unit use them: run the checks, open a finding, the unit
explains, the inspector decides; plans, the conclusion PDF and the exports."""

import datetime as dt
import io

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from llct.accounts.models import Role
from llct.oversight.inspection.checks import CHECKS
from llct.oversight.models import Finding, FindingStatus, InspectionPlan, InspectionRun, RunStatus
from llct.training.choices import ClassStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_class(make_class, enrol):
    klass = make_class("dang_vien_moi", status=ClassStatus.IN_PROGRESS, starts_on=timezone.localdate())
    enrol(klass)
    return klass


@pytest.fixture
def people(tree, make_user):
    return {
        "inspector": make_user(Role.INSPECTOR, tree["north"]),
        "second_inspector": make_user(Role.INSPECTOR, tree["north"]),
        "director": make_user(Role.DIRECTOR, tree["centre"]),
        "south_director": make_user(Role.DIRECTOR, tree["south"]),
        "board": make_user(Role.ORG_BOARD, tree["north"]),
    }


def _start_run(client, tree, checks=("class_below_25",)):
    today = timezone.localdate()
    return client.post(
        reverse("inspection:run_list"),
        {
            "unit": tree["north"].pk,
            "period_from": "01/01/2026",
            "period_to": today.strftime("%d/%m/%Y"),
            "checks": list(checks),
        },
    )


def test_inspector_runs_the_checks_and_the_unit_explains_then_the_inspector_decides(
    client, tree, small_class, people
):
    client.force_login(people["inspector"])
    response = _start_run(client, tree)
    run = InspectionRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "inspection:run_detail", args=[run.pk]
    )
    assert run.status == RunStatus.DONE  # the task ran (tests run tasks immediately)
    page = client.get(response["Location"]).content.decode()
    assert small_class.code in page and "Mới phát hiện: 1" in page
    finding = Finding.objects.get()
    # the inspector cannot explain; the centre's director can
    page = client.get(reverse("inspection:finding_detail", args=[finding.pk])).content.decode()
    assert 'id="step-explain"' not in page
    client.force_login(people["director"])
    url = reverse("inspection:finding_detail", args=[finding.pk])
    assert 'id="step-explain"' in client.get(url).content.decode()
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4", content_type="application/pdf")
    client.post(url, {"transition": "explain", "text": "Lớp bồi dưỡng bổ sung.", "files": [upload]})
    finding.refresh_from_db()
    assert finding.status == FindingStatus.EXPLAINED
    attachment = finding.log.get(action="explain").attachments.get()
    download = client.get(reverse("inspection:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4"
    client.force_login(people["inspector"])
    deadline = (timezone.localdate() + dt.timedelta(days=20)).strftime("%d/%m/%Y")
    client.post(
        url, {"transition": "require_remediation", "text": "Khắc phục, báo cáo.", "deadline": deadline}
    )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.REMEDIATION and finding.deadline
    page = client.get(url).content.decode()
    assert "Lớp bồi dưỡng bổ sung." in page and "Khắc phục, báo cáo." in page and "bien-ban.pdf" in page


def test_a_unit_outside_the_scope_sees_nothing_and_answers_nothing(client, tree, small_class, people):
    client.force_login(people["inspector"])
    _start_run(client, tree)
    finding = Finding.objects.get()
    client.force_login(people["south_director"])
    url = reverse("inspection:finding_detail", args=[finding.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"transition": "explain", "text": "x"}).status_code == 404
    assert small_class.code not in client.get(reverse("inspection:finding_list")).content.decode()
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN


def test_roles_that_do_not_inspect_cannot_start_a_run(client, tree, small_class, people):
    client.force_login(people["board"])
    assert 'id="run-form"' not in client.get(reverse("inspection:run_list")).content.decode()
    assert _start_run(client, tree).status_code == 403
    assert not InspectionRun.objects.exists()


def test_overview_counts_open_findings_ageing_and_overdue_remediation(client, tree, small_class, people):
    client.force_login(people["inspector"])
    _start_run(client, tree)
    finding = Finding.objects.get()
    Finding.objects.filter(pk=finding.pk).update(
        status=FindingStatus.REMEDIATION,
        deadline=timezone.localdate() - dt.timedelta(days=1),
        first_found_at=timezone.now() - dt.timedelta(days=40),
    )
    page = client.get(reverse("inspection:overview")).content.decode()
    assert "Trung tâm Chính trị xã Tiên Phong" in page
    row = page.split('id="overview-table"')[1].split("</table>")[0]
    assert "<strong>1</strong>" in row and "<td>40</td>" in row
    overdue = client.get(reverse("inspection:finding_list") + "?overdue=1").content.decode()
    assert "quá hạn" in overdue and small_class.code in overdue
    assert (
        small_class.code
        not in client.get(reverse("inspection:finding_list") + "?status=moi").content.decode()
    )
    home = client.get(reverse("home")).content.decode()
    assert 'id="home-findings"' in home and 'id="nav-inspection"' in home
    unit_page = client.get(reverse("registry:unit_detail", args=[tree["centre"].pk])).content.decode()
    assert 'id="unit-findings"' in unit_page


def test_run_export_and_finding_export(client, tree, small_class, people):
    client.force_login(people["inspector"])
    _start_run(client, tree)
    run = InspectionRun.objects.get()
    csv = client.get(reverse("inspection:run_export", args=[run.pk]) + "?format=csv").content.decode()
    header, line = csv.splitlines()[:2]
    assert header.startswith("check,object,unit,clause")
    assert line.startswith(f"class_below_25,trainingclass:{small_class.pk},BS-TTCT1,")
    sheet = pl.read_excel(io.BytesIO(client.get(reverse("inspection:finding_export")).content))
    assert sheet.height == 1 and sheet.row(0)[1] == f"trainingclass:{small_class.pk}"


def test_plan_run_conclusion_recommendation_and_documents(client, tree, small_class, people):
    client.force_login(people["inspector"])
    today = timezone.localdate()
    response = client.post(
        reverse("inspection:plan_list"),
        {
            "title": "Kiểm tra công tác bồi dưỡng năm 2026",
            "year": today.year,
            "decision_number": "12-QĐ/UBKT",
            "subject": tree["centre"].pk,
            "topics": ["class_below_25", "attendance_below_80"],
            "team": [people["inspector"].pk, people["second_inspector"].pk],
            "starts_on": today.strftime("%d/%m/%Y"),
            "ends_on": today.strftime("%d/%m/%Y"),
            "period_from": "01/01/2026",
            "period_to": today.strftime("%d/%m/%Y"),
        },
    )
    plan = InspectionPlan.objects.get()
    assert response.status_code == 302 and plan.team.count() == 2 and plan.inspecting_unit == tree["north"]
    url = reverse("inspection:plan_detail", args=[plan.pk])
    draft = client.get(reverse("inspection:conclusion_pdf", args=[plan.pk]))
    assert draft.status_code == 200 and draft.content.startswith(b"%PDF")
    client.post(url, {"action": "run"})
    assert plan.runs.get().status == RunStatus.DONE
    client.post(
        url,
        {
            "action": "conclude",
            "number": "05-KL/UBKT",
            "signed_on": today.strftime("%d/%m/%Y"),
            "signed_by": "Nguyễn Văn Kiểm",
            "signer_title": "Trưởng đoàn kiểm tra",
            "assessment": "Trung tâm cơ bản thực hiện đúng quy định.",
        },
    )
    client.post(
        url,
        {"action": "recommend", "unit": tree["centre"].pk, "text": "Mở lớp đủ 25 học viên.", "deadline": ""},
    )
    page = client.get(url).content.decode()
    assert "05-KL/UBKT" in page and "Mở lớp đủ 25 học viên." in page and small_class.code in page
    pdf = client.get(reverse("inspection:conclusion_pdf", args=[plan.pk]))
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > len(draft.content)
    book = pl.read_excel(
        io.BytesIO(client.get(reverse("inspection:conclusion_xlsx", args=[plan.pk])).content), sheet_id=0
    )
    sheets = list(book.values())
    assert sheets[0].height == 1 and sheets[2].row(0)[1] == "Mở lớp đủ 25 học viên."


def test_the_conclusion_lists_findings_with_clauses_and_explanations(tree, small_class, people):
    from llct.oversight.inspection.conclusion import conclusion_data
    from llct.oversight.inspection.findings import finding_transition
    from llct.oversight.inspection.plans import plan_create, plan_run_start
    from llct.oversight.inspection.runs import inspection_run_execute

    today = timezone.localdate()
    plan = plan_create(
        year=today.year,
        title="Kiểm tra",
        subject=tree["north"],
        topics=list(CHECKS),
        team=[people["inspector"]],
        starts_on=today,
        ends_on=today,
        period_to=today,
        by=people["inspector"],
    )
    inspection_run_execute(plan_run_start(plan, by=people["inspector"]).pk)
    finding = Finding.objects.get()
    finding_transition(finding, "explain", by=people["director"], text="Do thiên tai.")
    data = conclusion_data(plan)
    assert data["draft"] and len(data["findings"]) == 1
    row = data["findings"][0]
    assert row["clause"].startswith("Điều ?, QĐ 1147") and row["explanation"] == "Do thiên tai."
