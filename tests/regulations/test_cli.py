"""`llct screen` end to end (issue 3, "Command line"): .xlsx in and out, a mixed file with bad rows that never
stops the run, the summary (counts per level: eligible / not eligible / not offered / not judged; every
title that names no single post with its rows and candidate posts), progress, level order, and the run
without a database writing nothing but its output."""

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from llct.regulations.bulk import OUTPUT_COLUMNS
from llct.regulations.cli import screen_file
from llct.regulations.report import format_summary

HEADERS = ["Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Đảng viên", "Trình độ học vấn",
           "Trình độ LLCT", "Chức vụ", "Cấp", "Khối", "Chức vụ quy hoạch", "Cấp quy hoạch",
           "Xếp loại năm trước", "Xếp loại năm trước nữa"]  # fmt: skip
GOOD = ["Chính thức", "Đại học", "", "", "", "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt nhiệm vụ"]


def _row(code, name, born, sex, position, tier="Xã", sector="Chính quyền", planned="", planned_tier=""):
    party, education, theory, *_ = GOOD
    return [code, name, born, sex, "Kinh", party, education, theory, position, tier, sector, planned,
            planned_tier, GOOD[5], GOOD[6]]  # fmt: skip


# Sheet rows 2…: good rows, then the bad ones the run must survive.
MIXED = [
    _row("M01", "Nguyễn Thị Hoa", "20/04/1984", "Nữ", "Phó Chủ tịch HĐND"),  # trung cấp, part-time
    _row("M02", "Trần Văn Hùng", "11/11/1994", "Nam", "PCT UBND xã"),  # trung cấp, full-time only
    _row("M03", "Lê Văn Tâm", "", "Nam", "PCT UBND xã"),  # no birth date: not judged
    _row("M04", "Phạm Văn Nam", "31/02/1990", "Nam", "PCT UBND xã"),  # impossible date: not judged
    _row("M05", "Đỗ Thị Lan", "01/01/1985", "", "PCT UBND xã"),  # no sex: not judged
    _row("M06", "Hoàng Văn Cường", "01/01/1980", "Nam", "Chủ tịch Hội Khuyến học"),  # unknown title
    _row("M07", "Vũ Văn Bình", "01/01/1980", "Nam", "Phó Trưởng phòng", tier="Tỉnh", sector=""),  # ambiguous
    _row("M08", "Ngô Văn Xa", "01/01/1980", "Nam", "Chủ tịch Hội Khuyến học"),  # the same unknown title
    _row(
        "M09",
        "Đinh Văn Quý",
        "01/01/1980",
        "Nam",
        "Giám đốc Trung tâm Y tế",
        tier="Huyện",
        sector="Sự nghiệp",
        planned="Phó Chủ tịch UBND huyện",
        planned_tier="Tỉnh",
    ),
    _row(
        "M10", "Y Bhim Niê", "05/09/1986", "Nam", "Phó Bí thư Đoàn thanh niên", sector="Mặt trận - Đoàn thể"
    ),
]


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    pl.DataFrame(rows, schema=HEADERS, orient="row").with_columns(pl.all().replace("", None)).write_excel(
        path, worksheet="Danh sách"
    )
    return path


def test_xlsx_in_xlsx_out_with_bad_rows(tmp_path):
    source = _xlsx(tmp_path / "danh-sach.xlsx", MIXED)
    out = tmp_path / "ket-qua.xlsx"
    progress = io.StringIO()

    summary = screen_file(source, dt.date(2024, 5, 1), out, progress=progress, chunk_rows=4)

    result = pl.read_excel(out)
    assert result.columns == list(OUTPUT_COLUMNS)
    assert result.height == len(MIXED) * 3
    assert result["level"].to_list() == ["so_cap", "trung_cap", "cao_cap"] * len(MIXED)
    assert result["code"].to_list()[::3] == [r[0] for r in MIXED]
    trung_cap = {r["code"]: r for r in result.filter(pl.col("level") == "trung_cap").iter_rows(named=True)}
    assert trung_cap["M01"]["eligible"] and trung_cap["M01"]["modes"] == "tap_trung;khong_tap_trung"
    assert trung_cap["M02"]["eligible"] and trung_cap["M02"]["modes"] == "tap_trung"
    assert "Không xét được: thiếu ngày sinh" in trung_cap["M03"]["reasons"]
    assert "Không xét được: thiếu ngày sinh" in trung_cap["M04"]["reasons"]  # the reader refused the date
    assert "Không xét được: thiếu giới tính" in trung_cap["M05"]["reasons"]
    assert "«Chủ tịch Hội Khuyến học» không có trong danh mục" in trung_cap["M06"]["reasons"]
    assert "«Phó Trưởng phòng» ứng với nhiều chức vụ" in trung_cap["M07"]["reasons"]
    assert "«Giám đốc Trung tâm Y tế» không có ở cấp Huyện" in trung_cap["M09"]["reasons"]

    # Counts per level are the written rows' counts.
    levels = summary.levels
    assert {lv: c.total for lv, c in levels.items()} == {"so_cap": 10, "trung_cap": 10, "cao_cap": 10}
    assert levels["trung_cap"].eligible == result.filter(
        (pl.col("level") == "trung_cap") & pl.col("eligible")
    ).height == 3  # fmt: skip
    assert levels["trung_cap"].not_judged == 7 and levels["trung_cap"].not_offered == 0
    assert levels["trung_cap"].not_eligible == 0
    assert summary.problems >= 1  # the impossible date

    # Every distinct unmatched title, with all its sheet rows and the posts it could be.
    unmatched = {(u.title, u.problem): u for u in summary.unmatched}
    assert set(unmatched) == {
        ("Chủ tịch Hội Khuyến học", "unknown"),
        ("Phó Trưởng phòng", "ambiguous"),
        ("Giám đốc Trung tâm Y tế", "tier"),
    }
    assert unmatched["Chủ tịch Hội Khuyến học", "unknown"].rows == [7, 9]
    assert unmatched["Phó Trưởng phòng", "ambiguous"].rows == [8]
    assert {p.code for p in unmatched["Phó Trưởng phòng", "ambiguous"].posts} >= {
        "tinh_pho_truong_phong",
        "tinh_dang_pho_truong_phong",
    }
    assert [p.code for p in unmatched["Giám đốc Trung tâm Y tế", "tier"].posts] == ["tinh_sn_giam_doc"]
    assert unmatched["Chủ tịch Hội Khuyến học", "unknown"].posts  # the closest posts

    text = format_summary(summary)
    assert "Trung cấp: đủ điều kiện 3 · không đủ điều kiện 0 · không mở bậc này 0 · không xét được 7" in text
    assert "chức vụ «Chủ tịch Hội Khuyến học» không có trong danh mục — dòng 7, 9 — gần nhất:" in text
    assert "«Giám đốc Trung tâm Y tế» không có ở cấp Huyện" in text and "— dòng 10 — có thể là:" in text

    # A running progress: one line per chunk of 4 rows.
    lines = progress.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines if line.startswith("Đã xét")] == [
        "Đã xét 4/10 người",
        "Đã xét 8/10 người",
        "Đã xét 10/10 người",
    ]


def test_a_title_unmatched_at_its_tier_is_reported_even_if_it_exists_at_the_planned_tier(tmp_path):
    """The held title is read with Cấp, the planned one with Cấp quy hoạch — the report does the same."""
    rows = [_row("T01", "Lê Văn A", "01/01/1980", "Nam", "Giám đốc Trung tâm Y tế", tier="Huyện",
                 sector="Sự nghiệp", planned="Phó Chủ tịch UBND huyện", planned_tier="Tỉnh")]  # fmt: skip
    summary = screen_file(
        _xlsx(tmp_path / "a.xlsx", rows), dt.date(2024, 5, 1), tmp_path / "o.csv", progress=None
    )
    assert [(u.title, u.problem, u.rows) for u in summary.unmatched] == [
        ("Giám đốc Trung tâm Y tế", "tier", [2])
    ]
    assert summary.levels["trung_cap"].not_judged == 1


def test_not_offered_is_counted_apart_from_not_eligible(tmp_path):
    source = _xlsx(tmp_path / "a.xlsx", MIXED[:2])
    summary = screen_file(source, dt.date(2026, 6, 1), tmp_path / "o.parquet", progress=None)
    assert (summary.levels["so_cap"].not_offered, summary.levels["so_cap"].not_eligible) == (2, 0)
    assert "Sơ cấp: đủ điều kiện 0 · không đủ điều kiện 0 · không mở bậc này 2 · không xét được 0" in (
        format_summary(summary)
    )
    written = pl.read_parquet(tmp_path / "o.parquet")
    so_cap = written.filter(pl.col("level") == "so_cap")
    assert not so_cap["eligible"].any() and so_cap["reasons"].cast(pl.String).str.contains("không mở").all()


def test_levels_are_written_in_canonical_order_whatever_was_asked(tmp_path):
    source = _xlsx(tmp_path / "a.xlsx", MIXED[:2])
    screen_file(
        source, dt.date(2024, 5, 1), tmp_path / "o.csv", ["cao_cap", "so_cap", "cao_cap"], progress=None
    )
    assert pl.read_csv(tmp_path / "o.csv")["level"].to_list() == ["so_cap", "cao_cap"] * 2


def test_many_rows_of_one_title_are_counted_with_their_first_rows(tmp_path):
    rows = [_row(f"K{i:02d}", "Lê Văn A", "01/01/1980", "Nam", "Thủ quỹ kiêm văn thư") for i in range(15)]
    summary = screen_file(
        _xlsx(tmp_path / "a.xlsx", rows), dt.date(2024, 5, 1), tmp_path / "o.csv", progress=None
    )
    (entry,) = summary.unmatched
    assert entry.rows == list(range(2, 17))
    assert "— 15 dòng, đầu tiên: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 … —" in format_summary(summary)


def test_age_can_be_counted_on_another_day(tmp_path):
    """M02 is 29 on 2024-05-01 (full-time only) and 30 on 2024-11-11: part-time is open from 35 (QĐ 57 Đ5)
    — on 2029-11-11 he is 35."""
    source = _xlsx(tmp_path / "a.xlsx", MIXED[:2])
    screen_file(source, dt.date(2024, 5, 1), tmp_path / "o.csv", ["trung_cap"], progress=None,
                age_on=dt.date(2029, 11, 11))  # fmt: skip
    got = pl.read_csv(tmp_path / "o.csv").row(1, named=True)
    assert got["modes"] == "tap_trung;khong_tap_trung"
    assert "Nam, 35 tuổi (tính đến ngày 11/11/2029) ≥ 35" in got["reasons"]


def _llct(args: list[str], cwd: Path, data_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLCT_") and k != "DATABASE_URL"}
    env["LLCT_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "llct.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_a_database_the_shipped_rules_answer_and_nothing_else_is_written(tmp_path):
    work, data = tmp_path / "work", tmp_path / "data"
    work.mkdir()
    data.mkdir()
    source = _xlsx(tmp_path / "danh-sach.xlsx", MIXED)
    out = tmp_path / "ket-qua.parquet"

    done = _llct(["screen", str(source), "--on", "2024-05-01", "--output", str(out)], work, data)

    assert done.returncode == 0, done.stderr
    assert "Trung cấp: đủ điều kiện 3" in done.stdout and "Đã xét 10/10 người" in done.stderr
    assert pl.read_parquet(out).height == 30
    assert list(work.iterdir()) == [] and list(data.iterdir()) == []

    junk = tmp_path / "hong.xlsx"
    junk.write_bytes(b"\x00\x01 not a spreadsheet")
    failed = _llct(
        ["screen", str(junk), "--on", "2024-05-01", "--output", str(tmp_path / "x.csv")], work, data
    )
    assert failed.returncode != 0 and "Không đọc được tệp «hong.xlsx»" in failed.stderr
    usage = _llct(["screen", "--help"], work, data)
    assert usage.returncode == 0 and "--age-on AGE_ON" in usage.stdout and "ngày tính tuổi" in usage.stdout
    bad_date = _llct(["screen", str(source), "--on", "05-01-2024", "--output", str(out)], work, data)
    assert bad_date.returncode != 0 and "dd/mm/yyyy" in bad_date.stderr
    assert list(work.iterdir()) == [] and list(data.iterdir()) == [] and not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("suffix", [".txt", ".json"])
def test_an_unknown_output_format_is_refused_before_reading(tmp_path, suffix):
    from llct.regulations.cli import ScreenError

    with pytest.raises(ScreenError, match=r"chỉ ghi được \.xlsx, \.csv hoặc \.parquet"):
        screen_file(tmp_path / "none.csv", dt.date(2024, 5, 1), tmp_path / f"o{suffix}", progress=None)
