"""Writing rosters: round trips in every format, labels and headers, formula neutralisation."""

import datetime as dt
import io
import zipfile

import fastexcel
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llct.roster import HEADERS, read_roster, write_roster
from llct.roster.cells import neutralise, neutralise_text, restore

FRAME = pl.DataFrame(
    {
        "code": ["CB1", "007"],
        "full_name": ["Nguyễn Văn An", '=HYPERLINK("http://x")'],
        "citizen_id": ["001085012345", None],
        "birth_date": [dt.date(1985, 5, 17), dt.date(1990, 1, 2)],
        "sex": ["nam", "nu"],
        "party_status": ["chinh_thuc", None],
        "position": ["Phó Chủ tịch UBND; Chủ tịch MTTQ", "-1+2"],
        "sector": ["mat_tran_doan_the", "dang"],
        "rating_last": ["tot", "xuat_sac"],
        "Ghi chú": ["@SUM(A1)", "'=đã có nháy"],
    }
)


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "parquet"])
def test_round_trip_in_every_format(fmt):
    buffer = io.BytesIO()
    write_roster(FRAME, buffer, fmt)
    read = read_roster(buffer.getvalue(), f"ds.{fmt}")
    assert read.problems == []
    assert read.frame.equals(FRAME)


def test_xlsx_has_vietnamese_headers_labels_and_no_formula_cells(tmp_path):
    write_roster(FRAME, tmp_path / "ds.xlsx")
    sheet = fastexcel.read_excel(str(tmp_path / "ds.xlsx")).load_sheet(0, dtypes="string").to_polars()
    assert sheet.columns[:4] == [HEADERS["code"], HEADERS["full_name"], HEADERS["citizen_id"], "Ngày sinh"]
    assert sheet["Giới tính"].to_list() == ["Nam", "Nữ"]
    assert sheet["Khối"].to_list() == ["Mặt trận - Đoàn thể", "Đảng"]
    assert sheet["Họ và tên"][1] == '\'=HYPERLINK("http://x")'
    assert sheet["Chức vụ"][1] == "'-1+2"
    assert sheet["Ghi chú"].to_list() == ["'@SUM(A1)", "''=đã có nháy"]
    assert sheet["Mã cán bộ"][1] == "007"
    with zipfile.ZipFile(tmp_path / "ds.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml


def test_csv_is_utf8_with_bom_and_neutralised(tmp_path):
    write_roster(FRAME, tmp_path / "ds.csv")
    data = (tmp_path / "ds.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "Nguyễn Văn An" in text and "17/05/1985" in text
    assert "'=HYPERLINK" in text and ",=" not in text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="'=+-@\t\rab ", max_size=6))
def test_neutralising_then_restoring_gives_the_value_back(value):
    series = pl.Series("v", [value])
    out = pl.DataFrame({"v": series}).select(neutralise(pl.col("v")))["v"][0]
    assert out == neutralise_text(value)
    assert out[:1] not in ("=", "+", "-", "@", "\t", "\r")
    back = pl.DataFrame({"v": [out]}).select(restore(pl.col("v")))["v"][0]
    assert back == value
