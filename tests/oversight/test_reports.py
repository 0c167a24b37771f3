"""The standard reports: the same figures as the statistics table in .xlsx, PDF and CSV, formulas
neutralised, for the command line and the page's downloads, within the user's scope."""

import io

import polars as pl
import pytest
from django.core.management import call_command
from django.urls import reverse

from llct.oversight.statistics.engine import StatisticsQuery, statistics_table
from llct.oversight.statistics.report_files import report_csv, report_pdf, report_xlsx, section_grid
from llct.oversight.statistics.reports import layouts, report_build


@pytest.mark.parametrize("code", list(layouts()))
def test_every_report_builds_in_every_format(history, code, tmp_path):
    report = report_build(code, 2025, ("",), unit="BS")
    assert report.sections
    xlsx = io.BytesIO()
    report_xlsx(report, xlsx)
    sheets = pl.read_excel(xlsx.getvalue(), sheet_id=0, has_header=False, raise_if_empty=False)
    assert len(sheets) == len(report.sections)
    assert report_pdf(report, number="12-BC/BTG", place="Bắc Sơn").startswith(b"%PDF")
    text = io.StringIO()
    report_csv(report, text)
    assert report.title in text.getvalue()


def test_the_yearly_report_shows_the_statistics_figures(history):
    report = report_build("province_yearly", 2024, ("",), unit="BS")
    title, table = report.sections[0]
    assert title.startswith("Lớp và lượt học viên")
    same = statistics_table(
        StatisticsQuery(
            indicators=("classes_opened", "learner_places", "completed", "pass_rate"),
            rows=("level", "programme"),
            year_from=2024,
            year_to=2024,
            unit="BS",
        ),
        ("",),
    )
    assert section_grid(table) == section_grid(same)
    _header, rows, _labels = section_grid(table)
    assert rows[-1] == ("total", ["Tổng cộng", "", 1, 2, 0, None])  # class B: opened 2024, closed 2025


def test_the_november_report_lists_next_years_quota_given_to_the_centre(history):
    from llct.training.models import PlanQuota, Programme, TrainingPlan

    plan = TrainingPlan.objects.create(unit=history.tree["new_commune"], year=2026, status="da_duyet")
    PlanQuota.objects.create(
        plan=plan,
        programme=Programme.objects.get(code="cap_nhat"),
        institution=history.tree["centre"],
        quota=60,
    )
    report = report_build("commune_centre_november", 2025, ("",), unit="BS-TTCT1")
    title, table = report.sections[-1]
    assert "2026" in title
    assert table.value(table.indicators[0]) == 60
    _title, classes = report.sections[0]
    assert classes.value(classes.indicators[1]) == 4  # class C's learners


def test_the_xlsx_never_holds_a_formula(history, tmp_path):
    from llct.oversight.models import Briefing, BriefingAttendance

    briefing = Briefing.objects.create(
        date="2025-12-01", topic="x", kind="tap_huan", organiser=history.tree["centre"]
    )
    unit = history.tree["new_commune"]
    unit.name = '=HYPERLINK("http://x")'
    unit.save()
    BriefingAttendance.objects.create(briefing=briefing, unit=unit, attendees=3)
    output = tmp_path / "r.xlsx"
    call_command("report", "commune_centre_november", year=2025, unit="BS-TTCT1", output=str(output))
    import zipfile

    with zipfile.ZipFile(output) as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets


def test_the_command_line_writes_each_format(history, tmp_path):
    for suffix in ("xlsx", "pdf", "csv"):
        output = tmp_path / f"report.{suffix}"
        call_command("report", "so_cap_diplomas", year=2023, output=str(output))
        assert output.stat().st_size > 0
    text = (tmp_path / "report.csv").read_text(encoding="utf-8")
    assert "Trung tâm Chính trị huyện Tiên Phong,2,0,0,1,14.0" in text


def test_the_page_downloads_a_report_of_the_users_scope(client, history):
    client.force_login(history.south_board)
    url = reverse("statistics:report")
    response = client.get(url, {"report": "province_yearly", "year": 2024, "format": "xlsx"})
    assert response.status_code == 200
    sheets = pl.read_excel(response.content, sheet_id=0, has_header=False, raise_if_empty=False)
    text = " ".join(str(v) for frame in sheets.values() for row in frame.rows() for v in row)
    assert "Bắc Sơn" not in text and "Tiên Phong" not in text
    pdf = client.get(url, {"report": "province_yearly", "year": 2024, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert client.get(url, {"report": "province_yearly", "year": 2024, "unit": "BS"}).status_code == 404
    assert client.get(url, {"report": "nothing", "year": 2024}).status_code == 404
