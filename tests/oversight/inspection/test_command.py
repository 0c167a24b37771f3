"""`llct inspect` and the nightly task: the run they record and the files they write."""

import csv
import io

import polars as pl
import pytest
from django.core.management import CommandError, call_command

from llct.oversight.inspection.checks import CHECKS
from llct.oversight.inspection.tasks import inspection_nightly
from llct.oversight.models import InspectionRun, RunTrigger
from llct.training.choices import ClassStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def offending(make_class, enrol, tree):
    small = make_class("dang_vien_moi", status=ClassStatus.IN_PROGRESS)
    enrol(small)
    wrong = make_class("trung_cap")  # a trung cấp class at the commune centre
    return small, wrong


def test_inspect_unit_writes_the_csv_contract(offending, tmp_path):
    small, wrong = offending
    out = tmp_path / "ket-qua.csv"
    stdout = io.StringIO()
    call_command(
        "inspect",
        "--unit",
        "BS",
        "--from",
        "01/01/2026",
        "--to",
        "31/12/2026",
        "--checks",
        "class_below_25,class_not_competent",
        "--output",
        str(out),
        stdout=stdout,
    )
    rows = list(csv.DictReader(out.read_text("utf-8").splitlines()))
    assert {"check", "object", "unit", "clause"} <= set(rows[0])
    assert {(r["check"], r["object"], r["unit"]) for r in rows} == {
        ("class_below_25", f"trainingclass:{small.pk}", "BS-TTCT1"),
        ("class_not_competent", f"trainingclass:{wrong.pk}", "BS-TTCT1"),
    }
    assert all(r["clause"] for r in rows)
    run = InspectionRun.objects.get()
    assert run.trigger == RunTrigger.COMMAND and run.checks == ["class_not_competent", "class_below_25"]
    assert "class_below_25\t1" in stdout.getvalue()


def test_inspect_all_writes_xlsx_over_every_check(offending, tmp_path):
    out = tmp_path / "giam-sat.xlsx"
    call_command("inspect", "--all", "--output", str(out), stdout=io.StringIO())
    frame = pl.read_excel(out)
    assert frame.height == 2 and frame.columns[0] == "Mã nội dung kiểm tra"
    run = InspectionRun.objects.get()
    assert run.checks == list(CHECKS) and run.unit is None and run.period_from is None


def test_inspect_refuses_unknown_units_checks_and_dates(tree, tmp_path):
    for args in (
        ["--unit", "NO-SUCH"],
        ["--unit", "BS", "--checks", "no_such_check"],
        ["--unit", "BS", "--from", "2026/01/01"],
        ["--all", "--output", str(tmp_path / "x.pdf")],
    ):
        with pytest.raises(CommandError):
            call_command("inspect", *args, stdout=io.StringIO())


def test_the_nightly_task_runs_every_check_over_the_whole_database(offending):
    inspection_nightly()
    run = InspectionRun.objects.get()
    assert (
        run.trigger == RunTrigger.NIGHTLY and run.checks == list(CHECKS) and run.counts["class_below_25"] == 1
    )
