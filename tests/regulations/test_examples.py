"""The worked examples of the domain notes (shared/domain/examples, copied beside this file): every row of
expected.csv, through the scalar path, the bulk path and `llct screen` end to end."""

import csv
import datetime as dt
import io
from pathlib import Path

import polars as pl
import pytest

from llct.regulations.cli import screen_file
from llct.roster import read_roster

EXAMPLES = Path(__file__).parent / "examples"
ROWS = list(csv.DictReader((EXAMPLES / "expected.csv").open(encoding="utf-8")))


def _check(row: dict, eligible: bool, modes: str, regulation: str) -> None:
    assert eligible == (row["eligible"] == "true"), row["why"]
    if row["modes"] != "*":
        assert modes == row["modes"], row["why"]
    assert regulation.split("-")[0] == row["regulation"], row["why"]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['code']}-{r['level']}-{r['on']}: {r['why']}" for r in ROWS])
def test_example_scalar_and_bulk(book, row):
    roster = read_roster(str(EXAMPLES / "roster.csv")).frame
    on = dt.date.fromisoformat(row["on"])
    person = roster.filter(pl.col("code") == row["code"])
    decision = book.decide(book.profile(person.row(0, named=True), on), row["level"], on)
    _check(row, decision.eligible, ";".join(decision.modes), decision.regulation)
    screened = book.screen(person, on, [row["level"]]).row(0, named=True)
    _check(row, screened["eligible"], screened["modes"], screened["regulation"])
    assert screened["reasons"] == decision.summary


def test_llct_screen_end_to_end(tmp_path):
    """`llct screen` on the example roster: every expected row holds in the written file."""
    for on in sorted({r["on"] for r in ROWS}):
        out = tmp_path / f"out-{on}.csv"
        summary = screen_file(EXAMPLES / "roster.csv", dt.date.fromisoformat(on), out, progress=None)
        result = pl.read_csv(out, schema_overrides={"modes": pl.String, "institution": pl.String})
        assert result.columns == [
            "code",
            "level",
            "eligible",
            "modes",
            "regulation",
            "institution",
            "reasons",
        ]
        assert result.height == 8 * 3 and summary.people == 8
        for row in (r for r in ROWS if r["on"] == on):
            got = result.filter((pl.col("code") == row["code"]) & (pl.col("level") == row["level"])).row(
                0, named=True
            )
            _check(row, got["eligible"], got["modes"] or "", got["regulation"])


def test_unreadable_file_is_a_clear_error(db, tmp_path):
    """In process, with the test database (no rules stored: the shipped files answer); the run without any
    database is tests/regulations/test_cli.py's subprocess test."""
    from django.core.management import CommandError, call_command

    from llct.regulations.cli import ScreenError

    junk = tmp_path / "hong.xlsx"
    junk.write_bytes(b"\x00\x01 not a spreadsheet")
    with pytest.raises(ScreenError, match=r"Không đọc được tệp «hong\.xlsx»"):
        screen_file(junk, dt.date(2024, 5, 1), tmp_path / "out.csv", progress=None)
    with pytest.raises(CommandError, match=r"hong\.xlsx"):
        call_command("screen", str(junk), "--on", "2024-05-01", "--output", str(tmp_path / "out.csv"))
    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        call_command("screen", str(junk), "--on", "05-01-2024", "--output", str(tmp_path / "out.csv"))
    with pytest.raises(CommandError, match=r"--age-on «1\.5\.2024»"):
        call_command("screen", str(junk), "--on", "2024-05-01", "--age-on", "1.5.2024", "--output", "o.csv")


def test_command_writes_parquet_for_chosen_levels(db, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "out.parquet"
    stdout = io.StringIO()
    call_command("screen", str(EXAMPLES / "roster.csv"), "--on", "01/06/2026", "--level", "trung_cap",
                 "--output", str(out), stdout=stdout, stderr=io.StringIO())  # fmt: skip
    result = pl.read_parquet(out)
    assert result["level"].cast(pl.String).unique().to_list() == ["trung_cap"] and result.height == 8
    assert "Trung cấp: đủ điều kiện" in stdout.getvalue() and "Sơ cấp" not in stdout.getvalue()
