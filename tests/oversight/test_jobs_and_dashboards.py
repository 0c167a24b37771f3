"""Standard reports made by the task queue with their progress, and the dashboard of each role on the
statistics room's landing."""

import datetime as dt
import io

import polars as pl
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from llct.oversight.models import ReportJob
from llct.oversight.statistics.report_files import report_xlsx
from llct.oversight.statistics.report_jobs import report_job_progress
from llct.oversight.statistics.reports import report_build
from llct.registry.scope import scope_paths
from llct.training.models import (
    Enrolment,
    PlanQuota,
    Programme,
    RecognitionDecision,
    TrainingClass,
    TrainingPlan,
)


def _sheets(data: bytes) -> dict:
    frames = pl.read_excel(data, sheet_id=0, has_header=False, raise_if_empty=False)
    return {name: frame.rows() for name, frame in frames.items()}


def test_a_report_is_made_by_the_task_queue_and_downloaded(
    client, history, django_capture_on_commit_callbacks
):
    client.force_login(history.board)
    form = {"report": "province_yearly", "year": "2024", "unit": "BS", "units": "as_then", "format": "xlsx"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/statistics/bao-cao/lap/", form)
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/statistics/bao-cao/{job.pk}/"
    assert (job.state, job.created_by, job.unit.code) == ("xong", history.board, "BS")
    page = client.get(response["Location"]).content.decode()
    assert "Đã xong" in page and f"/statistics/bao-cao/{job.pk}/tep/" in page
    made = b"".join(client.get(f"/statistics/bao-cao/{job.pk}/tep/").streaming_content)
    direct = io.BytesIO()
    report_xlsx(report_build("province_yearly", 2024, scope_paths(history.board), unit="BS"), direct)
    assert _sheets(made) == _sheets(direct.getvalue())


def test_a_report_job_shows_its_progress_and_answers_only_its_scope(client, history):
    job = ReportJob.objects.create(
        created_by=history.board,
        report="province_yearly",
        year=2024,
        unit=history.tree["north"],
        format="pdf",
    )
    assert report_job_progress(job).done == 0
    ReportJob.objects.filter(pk=job.pk).update(state="dang_lap")
    HUEY.put(f"llct-report-progress-{job.pk}", (2, 7))
    client.force_login(history.board)
    fragment = client.get(f"/statistics/bao-cao/{job.pk}/tien-do/", HTTP_HX_REQUEST="true")
    assert "đã lập 2 / 7 bảng" in fragment.content.decode() and "HX-Refresh" not in fragment
    assert client.get(f"/statistics/bao-cao/{job.pk}/tep/").status_code == 404  # no file yet
    client.force_login(history.south_board)
    assert client.get(f"/statistics/bao-cao/{job.pk}/").status_code == 404
    refused = client.post(
        "/statistics/bao-cao/lap/", {"report": "province_yearly", "year": "2024", "unit": "BS"}
    )
    assert refused.status_code == 404
    HUEY.get(f"llct-report-progress-{job.pk}")


def test_a_failed_report_says_why(client, history, django_capture_on_commit_callbacks):
    client.force_login(history.board)
    history.board.unit = history.tree["south"]  # the requester's scope changed before the job ran
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/statistics/bao-cao/lap/", {"report": "province_yearly", "year": "2024", "unit": "BS"})
        history.board.save()
    job = ReportJob.objects.get()
    assert job.state == "loi" and "BS" in job.message and not job.file


def test_the_board_sees_this_years_plan_and_the_backlog(client, history):
    year = timezone.localdate().year
    plan = TrainingPlan.objects.create(unit=history.tree["north"], year=year, status="da_duyet")
    PlanQuota.objects.create(
        plan=plan,
        programme=Programme.objects.get(code="so_cap"),
        institution=history.tree["school"],
        quota=40,
    )
    client.force_login(history.board)
    page = client.get("/statistics/").content.decode()
    assert 'id="panel-plan"' in page and 'id="panel-backlog"' in page
    assert "40" in page.split('id="panel-plan"')[1].split("</section>")[0]
    assert "Đang tính" in page.split('id="panel-backlog"')[1].split("</section>")[0]  # drawn after the page
    backlog = client.get("/statistics/tong-quan/?panel=backlog").content.decode()
    assert 'id="panel-backlog"' in backlog and "Tổng cộng" in backlog and 'id="panel-plan"' not in backlog
    assert 'id="dashboard"' not in client.get("/statistics/?indicators=classes_opened").content.decode()


def test_an_institution_sees_its_classes_results_and_overdue_documents(client, history, make_cadre):
    today = timezone.localdate()
    klass = TrainingClass.objects.create(
        institution=history.tree["centre"],
        code="NT-9",
        name="Nhận thức về Đảng",
        programme=Programme.objects.get(code="nhan_thuc_ve_dang"),
        starts_on=today - dt.timedelta(days=45),
        ends_on=today - dt.timedelta(days=42),
        capacity=10,
    )
    learners = [
        Enrolment.objects.create(
            training_class=klass,
            cadre=make_cadre(history.tree["new_commune"], f"Học viên {i}"),
            sending_unit=history.tree["new_commune"],
            status="hoan_thanh",
            completed=True,
        )
        for i in range(2)
    ]
    decision = RecognitionDecision.objects.create(
        training_class=klass, number="9/QĐ", signed_on=today - dt.timedelta(days=40), signed_by="A"
    )
    decision.enrolments.set(learners)
    client.force_login(history.centre_officer)
    page = client.get("/statistics/").content.decode()
    panels = {
        key: page.split(f'id="panel-{key}"')[1].split("</section>")[0]
        for key in ("classes", "results", "overdue")
    }
    assert 'href="/credentials/qua-han/">2</a>' in panels["overdue"]
    assert "<table" in panels["classes"] and "<table" in panels["results"]
    assert f"unit={history.tree['centre'].code}" in panels["classes"]  # the centre's own figures


def test_an_inspector_sees_its_subtree_unit_by_unit(client, history):
    client.force_login(history.inspector)
    panel = client.get("/statistics/tong-quan/").content.decode()
    assert 'id="panel-subtree"' in panel and "Nam Hà" not in panel
