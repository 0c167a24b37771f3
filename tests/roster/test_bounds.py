"""The bounds a spreadsheet is checked against before calamine reads it (issue 12, item 1)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llct.roster import RosterError, bounds, read_roster
from llct.roster.bounds import MAX_COLUMNS, MAX_ROWS, inspect_zip

from .malformed import cell, column_letters, good_rows, header_row, shared, sheet, xlsx


def test_the_file_of_the_probe_gets_a_vietnamese_error_naming_the_cell():
    """One cell at XFD1048576 besides the header: calamine would ask for 512 GB and abort the process."""
    data = xlsx(sheet(header_row() + good_rows() + cell("XFD1048576", "x")))
    assert len(data) < 2_000
    with pytest.raises(RosterError, match="XFD1048576"):
        read_roster(data, "ds.xlsx")


def test_a_huge_declared_dimension_is_refused():
    data = xlsx(sheet(header_row() + good_rows(), head='<dimension ref="A1:XFD1048576"/>'))
    with pytest.raises(RosterError, match="A1:XFD1048576"):
        read_roster(data, "ds.xlsx")


def test_a_modest_declared_dimension_is_read():
    data = xlsx(sheet(header_row() + good_rows(), head='<dimension ref="A1:D3"/>'))
    assert read_roster(data, "ds.xlsx").frame.height == 2


def test_a_stray_cell_far_below_a_small_sheet_is_refused_with_both_farthest_cells():
    data = xlsx(sheet(header_row() + good_rows() + cell("H900000", "x")))
    with pytest.raises(RosterError, match="H900000"):
        read_roster(data, "ds.xlsx")


def test_a_dtd_is_refused_before_any_parser_sees_it():
    body = sheet(header_row() + good_rows()).split("?>", 1)[1]
    data = xlsx('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]>' + body)
    with pytest.raises(RosterError, match="DTD"):
        read_roster(data, "ds.xlsx")


def test_a_small_sheet_is_measured_exactly_and_read_in_process():
    inspection = inspect_zip(xlsx(sheet(header_row() + good_rows())))
    assert inspection.cells == 3 * 4


@pytest.mark.parametrize(
    "sheet_xml",
    [
        sheet(header_row() + "<row><c><v>1</v></c></row>"),  # a cell without a reference
        sheet(header_row() + good_rows()).replace("<sheetData>", '<sheetData count="9000000">'),
    ],
)
def test_positions_not_written_or_a_big_declared_count_go_to_the_child(sheet_xml):
    assert inspect_zip(xlsx(sheet_xml)).cells is None


def test_a_lying_shared_strings_count_cannot_take_the_process_down():
    strings = shared("Mã cán bộ", "Họ và tên").replace('uniqueCount="2"', 'uniqueCount="4000000000"')
    body = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' + good_rows()
    with pytest.raises(RosterError):
        read_roster(xlsx(sheet(body), strings=strings), "ds.xlsx")


def test_a_grid_beyond_the_memory_limit_fails_in_the_child_not_here(monkeypatch):
    """Cells without references are positioned by calamine: the child runs out of its memory limit."""
    monkeypatch.setattr("llct.roster.sandbox.MEMORY_MB", 1024)
    far_row = '<row r="1048576"><c><v>1</v></c></row>'
    body = header_row() + far_row + "<row>" + "<c/>" * 16383 + "<c><v>1</v></c></row>"
    with pytest.raises(RosterError, match="bộ nhớ"):
        read_roster(xlsx(sheet(body)), "ds.xlsx")


def test_an_archive_larger_than_declared_or_allowed_is_refused(monkeypatch):
    monkeypatch.setattr(bounds, "MAX_UNCOMPRESSED", 1_000)
    with pytest.raises(RosterError, match="giải nén"):
        read_roster(xlsx(sheet(header_row() + good_rows() + " " * 5_000)), "ds.xlsx")


@given(column=st.integers(1, 16_384 * 2), row=st.integers(1, MAX_ROWS * 4))
def test_a_reference_is_far_exactly_when_beyond_the_bounds(column, row):
    ref = f"{column_letters(column)}{row}"
    data = f'<c r="{ref}" t="n"><v>1</v></c>'.encode()
    far = column > MAX_COLUMNS or row > MAX_ROWS
    shaped = data.translate(bounds._SHAPE)
    noticed = any(marker in shaped for marker in (*bounds._WIDE, *bounds._TALL))
    found = bounds._FAR.search(data)
    assert bool(noticed and found) == far
    if far:
        assert found.group(1).decode() == ref


@given(st.integers(1, 16_384))
def test_column_numbers_round_trip(column):
    assert bounds._column_number(column_letters(column)) == column
