"""Citizen IDs: other scripts' digits are the same number, the province and century/sex digits are
checked and compared with the birth date and sex, impossible numbers are refused (issue 12, item 6)."""

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llct.roster import read_roster
from llct.roster.citizen_ids import ascii_digits, citizen_id_problem

HEADER = "Mã cán bộ,Họ và tên,Ngày sinh,Giới tính,Số CCCD"


def problems(cid: str, born: str = "17/05/1985", sex: str = "Nam") -> list[str]:
    read = read_roster(f"{HEADER}\nCB1,An,{born},{sex},{cid}\n".encode(), "a.csv")
    return [p.reason for p in read.problems]


def test_full_width_digits_are_read_as_the_same_number():
    read = read_roster(f"{HEADER}\nCB1,An,17/05/1985,Nam,００１０８５ ０１２３４５\n".encode(), "a.csv")
    assert read.problems == []
    assert read.frame["citizen_id"].to_list() == ["001085012345"]


@pytest.mark.parametrize(
    ("cid", "born", "sex", "fragment"),
    [
        ("000000000000", "17/05/1985", "Nam", "không có thật"),
        ("999999999999", "17/05/1985", "Nam", "không có thật"),
        ("003085012345", "17/05/1985", "Nam", "mã tỉnh"),
        ("097085012345", "17/05/1985", "Nam", "mã tỉnh"),
        ("001585012345", "17/05/1985", "Nam", "thế kỷ"),
        ("001090012345", "17/05/1985", "Nam", "Năm sinh"),
        ("001285012345", "17/05/1985", "Nam", "Năm sinh"),  # 2085
        ("001185012345", "17/05/1985", "Nam", "giới tính"),
        ("001085012345", "17/05/1985", "Nữ", "giới tính"),
    ],
)
def test_digits_that_cannot_be_are_refused(cid, born, sex, fragment):
    found = problems(cid, born, sex)
    assert len(found) == 1 and fragment in found[0]


@pytest.mark.parametrize(
    ("cid", "born", "sex"),
    [
        ("001085012345", "17/05/1985", "Nam"),
        ("079190000001", "01/01/1990", "Nữ"),
        ("096203000001", "", "Nam"),
    ],
)
def test_numbers_that_agree_pass(cid, born, sex):
    assert problems(cid, born or "01/01/2003", sex) == []


@given(st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=20))
def test_every_decimal_digit_becomes_its_ascii_digit(text):
    assert ascii_digits(text) == "".join(str(unicodedata.digit(c)) for c in text)
    assert ascii_digits(text).isascii()


def test_the_registry_check_says_the_same():
    assert citizen_id_problem("001085012345", dt.date(1985, 5, 17), "nam") is None
    assert "giới tính" in citizen_id_problem("001085012345", dt.date(1985, 5, 17), "nu")
