"""Roster hygiene (issue 12, item 8): a header written twice, codes that differ only in case, invisible
control and bidirectional characters, a NUL late in a CSV."""

import pytest

from llct.roster import RosterError, read_roster

from .malformed import cell, good_rows, sheet, xlsx

HEADER = "Mã cán bộ,Họ và tên,Ngày sinh,Giới tính"


def csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


@pytest.mark.parametrize("header", [HEADER + ",Mã cán bộ", HEADER + ",Ghi chú,Ghi chú"])
def test_a_header_written_twice_in_a_csv_is_an_error(header):
    with pytest.raises(RosterError, match="có ở hai cột"):
        read_roster(csv("CB1,An,17/05/1985,Nam,x" + ",y" * (header.count(",") - 4), header=header), "a.csv")


def test_a_header_written_twice_in_a_spreadsheet_is_an_error():
    head = "".join(cell(f"{c}1", h) for c, h in zip("ABCDE", [*HEADER.split(","), "Họ và tên"], strict=True))
    with pytest.raises(RosterError, match="Họ và tên"):
        read_roster(xlsx(sheet(f'<row r="1">{head}</row>' + good_rows())), "a.xlsx")


def test_codes_that_differ_only_in_case_are_one_code():
    read = read_roster(csv("CB1,An,17/05/1985,Nam", "cb1,Bình,17/05/1985,Nam"), "a.csv")
    assert [(p.row, p.column) for p in read.problems] == [(3, "Mã cán bộ")]
    assert "trùng với dòng 2" in read.problems[0].reason


@pytest.mark.parametrize("name", ["An\x07", "An\u202etxt.exe", "An\u2066x", "An\x1b[31m", "An\x7f"])
def test_control_and_bidirectional_characters_in_a_name_are_refused(name):
    read = read_roster(csv(f"CB1,{name},17/05/1985,Nam"), "a.csv")
    assert [(p.row, p.column) for p in read.problems] == [(2, "Họ và tên")]
    assert "ký tự điều khiển" in read.problems[0].reason
    assert "\x00" not in read.problems[0].value and read.problems[0].value.startswith("An")


def test_a_nul_late_in_a_csv_is_reported_by_the_check_in_any_column():
    rows = [f"CB{i},An,17/05/1985,Nam,ghi chú" for i in range(5_000)]
    rows.append("CB9999,Bình,17/05/1985,Nam,x\x00y")
    read = read_roster(csv(*rows, header=HEADER + ",Ghi chú"), "a.csv")
    assert [(p.row, p.column, p.value) for p in read.problems] == [(5_002, "Ghi chú", "x�y")]
