"""The roster reader: every kind of bad file, tolerant headers, conversions, problems by row."""

import datetime as dt
import io
import unicodedata

import polars as pl
import pytest
import xlsxwriter

from llct.roster import MAX_CELL_BYTES, RosterError, read_roster, write_roster

HEADER = "Mã cán bộ,Họ và tên,Ngày sinh,Giới tính"


def csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


def xlsx(rows: list[list]) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet()
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if isinstance(value, dt.date):
                sheet.write_datetime(
                    r,
                    c,
                    dt.datetime(value.year, value.month, value.day),
                    workbook.add_format({"num_format": "dd/mm/yyyy"}),
                )
            elif value is not None:
                sheet.write(r, c, value)
    workbook.close()
    return buffer.getvalue()


def test_reads_a_good_csv_with_keys_dates_and_choices():
    read = read_roster(csv("CB1,Nguyễn Văn An,17/05/1985,Nam", "CB2,Trần Thị Bình,1990-01-02,Nữ"), "a.csv")
    assert read.problems == []
    assert read.frame.columns == ["code", "full_name", "birth_date", "sex"]
    assert read.frame["birth_date"].to_list() == [dt.date(1985, 5, 17), dt.date(1990, 1, 2)]
    assert read.frame["sex"].to_list() == ["nam", "nu"]
    assert read.rows.to_list() == [2, 3]


def test_headers_are_matched_whatever_the_case_accents_nfd_and_spaces():
    header = unicodedata.normalize("NFD", "  MÃ CÁN  BỘ ,ho va ten,full_name_x,birth_date,Giới tính (*)")
    read = read_roster(csv("CB1,An,x,17/05/1985,nam", header=header), "a.csv")
    assert read.frame.columns == ["code", "full_name", "birth_date", "sex", "full_name_x"]
    assert read.header("code") == header.split(",")[0]
    assert read.frame["full_name_x"].to_list() == ["x"]


def test_nfd_text_becomes_nfc_and_is_trimmed():
    nfd = unicodedata.normalize("NFD", "  Nguyễn   Văn  An ")
    read = read_roster(csv(f"CB1,{nfd},17/05/1985,Nữ"), "a.csv")
    assert read.frame["full_name"][0] == "Nguyễn Văn An"
    assert read.frame["sex"][0] == "nu"


def test_spreadsheet_date_cells_and_text_dates_are_both_read():
    data = xlsx(
        [
            ["Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày giữ ngạch"],
            ["CB1", "An", dt.date(1985, 5, 17), "Nam", "01/02/2010"],
            [123, "Bình", "2/3/1990", "Nữ", None],
        ]
    )
    read = read_roster(data, "a.xlsx")
    assert read.problems == []
    assert read.frame["birth_date"].to_list() == [dt.date(1985, 5, 17), dt.date(1990, 3, 2)]
    assert read.frame["grade_since"].to_list() == [dt.date(2010, 2, 1), None]
    assert read.frame["code"].to_list() == ["CB1", "123"]


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("1985-13-01", "Ngày không hợp lệ"),
        ("31/02/1985", "Ngày không có thật"),
        ("1985-04-31", "Ngày không có thật"),
        ("1985", "chỉ có năm"),
        ("01/01/1850", "ngoài khoảng"),
        ("hôm qua", "Ngày không hợp lệ"),
    ],
)
def test_bad_dates_are_reported_by_row_and_column_and_become_null(value, fragment):
    read = read_roster(csv("CB1,An,17/05/1985,Nam", f"CB2,Bình,{value},Nữ"), "a.csv")
    assert [(p.row, p.column, p.value) for p in read.problems] == [(3, "Ngày sinh", value)]
    assert fragment in read.problems[0].reason
    assert read.frame["birth_date"].to_list() == [dt.date(1985, 5, 17), None]


def test_unknown_category_value_is_reported_with_the_allowed_labels():
    read = read_roster(
        csv("CB1,An,17/05/1985,Nam,Chính thức", "CB2,Bình,17/05/1985,Nữ,có", header=HEADER + ",Đảng viên"),
        "a.csv",
    )
    assert [(p.row, p.column, p.value) for p in read.problems] == [(3, "Đảng viên", "có")]
    assert "Chính thức" in read.problems[0].reason
    assert read.frame["party_status"].to_list() == ["chinh_thuc", None]


def test_duplicate_codes_are_reported_on_every_repeat_naming_the_first_row():
    read = read_roster(csv("CB1,An,17/05/1985,Nam", "CB2,B,17/05/1985,Nam", "CB1,C,17/05/1985,Nam"), "a.csv")
    assert [(p.row, p.value) for p in read.problems] == [(4, "CB1")]
    assert "dòng 2" in read.problems[0].reason


def test_required_cells_left_empty_are_reported():
    read = read_roster(csv(",An,17/05/1985,Nam", "CB2,,,"), "a.csv")
    assert {(p.row, p.column) for p in read.problems} == {
        (2, "Mã cán bộ"),
        (3, "Họ và tên"),
        (3, "Ngày sinh"),
        (3, "Giới tính"),
    }


def test_blank_rows_are_skipped_but_row_numbers_stay_those_of_the_sheet():
    read = read_roster(csv(",,,", "CB1,An,17/05/1985,Nam", ",,,", "CB2,B,1985-01-01,X"), "a.csv")
    assert read.rows.to_list() == [3, 5]
    assert [(p.row, p.column) for p in read.problems] == [(5, "Giới tính")]


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("1085012345", "bỏ các số 0"), ("•••••••••345", "đã bị che"), ("12345678901A", "đúng 12 chữ số")],
)
def test_citizen_id_must_be_twelve_digits(value, fragment):
    read = read_roster(
        csv(
            f"CB1,An,17/05/1985,Nam,{value}",
            "CB2,B,17/05/1985,Nam,001 085 012 345",
            header=HEADER + ",Số CCCD",
        ),
        "a.csv",
    )
    assert [(p.row, p.column, p.value) for p in read.problems] == [(2, "Số CCCD", value)]
    assert fragment in read.problems[0].reason
    assert read.frame["citizen_id"].to_list() == [None, "001085012345"]


def test_semicolon_separated_csv_from_a_vietnamese_excel():
    data = "Mã cán bộ;Họ và tên;Ngày sinh;Giới tính\nCB1;An;17/05/1985;Nam\n".encode()
    assert read_roster(data, "a.csv").frame["code"].to_list() == ["CB1"]


def test_utf8_bom_and_utf16_are_read():
    text = HEADER + "\nCB1,Nguyễn Văn An,17/05/1985,Nam\n"
    for data in (b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        assert read_roster(data, "a.csv").frame["full_name"].to_list() == ["Nguyễn Văn An"]


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [
        (b"", "a.csv", "rỗng"),
        (b"", "a.xlsx", "rỗng"),
        (b"   \n\n", "a.csv", "rỗng"),
        (HEADER.encode() + b"\n", "a.csv", "không có dòng cán bộ"),
        (HEADER.encode() + b"\n,,,\n", "a.csv", "không có dòng cán bộ"),
        (b"%PDF-1.4\x00\x01\x02binary", "a.csv", "không phải là bảng tính"),
        (b"%PDF-1.4 not a workbook", "a.xlsx", "không phải là bảng tính"),
        (b"PK\x03\x04garbage-zip", "a.xlsx", "Không đọc được tệp bảng tính"),
        (b"PAR1garbage", "a.parquet", "parquet"),
        (b"Ma can bo,Ho va ten,Ngay sinh,Gioi tinh\nCB1,Nguy\xean,17/05/1985,Nam\n", "a.csv", "UTF-8"),
        (b"ten,tuoi\nAn,30\n", "a.csv", "không phải tiêu đề"),
        (b"Ma can bo,Ho va ten,Ngay sinh nhat,Gioi tinh\nCB1,An,1985-01-01,Nam\n", "a.csv", "Ngay sinh nhat"),
        (b"Ma can bo,code,Ho va ten,Ngay sinh,Gioi tinh\n1,2,An,1985-01-01,Nam\n", "a.csv", "hai lần"),
        (b"anything", "a.docx", "chỉ nhận tệp"),
        (b'Ma can bo,Ho va ten,Ngay sinh,Gioi tinh\nCB1,"An,17/05/1985,Nam\n', "a.csv", "Không đọc được"),
    ],
)
def test_whole_file_errors_raise_a_clear_vietnamese_message(data, filename, fragment):
    with pytest.raises(RosterError) as raised:
        read_roster(data, filename)
    assert fragment in raised.value.message


def test_a_5_mb_cell_is_refused_with_its_row_and_column():
    big = "x" * (5 * 1024 * 1024)
    for data, name in (
        (csv("CB1,An,17/05/1985,Nam", f"CB2,{big},17/05/1985,Nam"), "a.csv"),
        (xlsx([HEADER.split(","), ["CB1", big[:32000], "17/05/1985", "Nam"]]), "a.xlsx"),
    ):
        if name.endswith("xlsx"):
            assert len(big[:32000].encode()) < MAX_CELL_BYTES  # Excel's own limit: accepted
            read_roster(data, name)
            continue
        with pytest.raises(RosterError) as raised:
            read_roster(data, name)
        assert "Dòng 3" in raised.value.message and "Họ và tên" in raised.value.message


def test_a_path_is_read_like_bytes(tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(csv("CB1,An,17/05/1985,Nam"))
    assert read_roster(path).frame["code"].to_list() == ["CB1"]
    with pytest.raises(RosterError):
        read_roster(tmp_path / "missing.csv")


def test_parquet_with_native_types(tmp_path):
    frame = pl.DataFrame(
        {
            "Mã cán bộ": [1, 2],
            "Họ và tên": ["An", "B"],
            "Ngày sinh": [dt.date(1985, 1, 1), None],
            "Giới tính": ["Nam", "Nữ"],
        }
    )
    frame.write_parquet(tmp_path / "a.parquet")
    read = read_roster(tmp_path / "a.parquet")
    assert read.frame["code"].to_list() == ["1", "2"]
    assert [(p.row, p.column) for p in read.problems] == [(3, "Ngày sinh")]


def test_large_roster_reads_with_repeated_values(tmp_path):
    n = 20_000
    frame = pl.DataFrame(
        {
            "code": [f"CB{i}" for i in range(n)],
            "full_name": ["An"] * n,
            "birth_date": [dt.date(1980, 1, 1) + dt.timedelta(days=i % 300) for i in range(n)],
            "sex": ["nam", "nu"] * (n // 2),
        }
    )
    write_roster(frame, tmp_path / "big.csv")
    read = read_roster(tmp_path / "big.csv")
    assert read.problems == []
    assert read.frame.equals(frame)
