"""Exports of the lists a user works with (.xlsx in the roster's conventions) and A4 print views of a class
(issue 7)."""

import fastexcel
import pytest


def _sheet(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = fastexcel.read_excel(response.content).load_sheet(0, header_row=None)
    return [list(row) for row in sheet.to_polars().rows()]


def test_class_list_nominations_and_results_export(client, marked_class, users):
    client.force_login(users["officer"])
    classes = _sheet(client.get("/training/classes/?export=xlsx"))
    assert classes[0][0] == "Danh sách lớp" and classes[2][0] == "Mã lớp"
    assert [row[0] for row in classes[3:]] == [marked_class.code]
    results = _sheet(client.get(f"/training/classes/{marked_class.pk}/?export=xlsx"))
    assert len(results) == 3 + 25 and results[2][:2] == ["Mã cán bộ", "Họ và tên"]
    nominations = _sheet(client.get("/training/nominations/?export=xlsx"))
    assert nominations[2][1] == "Họ và tên"


SHEETS = [("diem", 'id="mark-sheet"'), ("diem-danh", 'id="attendance-sheet"')]


@pytest.mark.parametrize(("sheet", "marker"), SHEETS)
def test_print_views_are_a4_documents_of_the_class(client, marked_class, users, sheet, marker):
    client.force_login(users["inspector"])
    page = client.get(f"/training/classes/{marked_class.pk}/print/{sheet}/").content.decode()
    assert marker in page and "print.css" in page and marked_class.code in page
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page and "Ký, ghi rõ họ tên" in page
    assert page.count("<tr>") >= 26  # a header and 25 learners
    assert client.get(f"/training/classes/{marked_class.pk}/print/other/").status_code == 404


def test_a_formula_in_a_name_stays_text(client, commune_class, users, make_cadre, tree):
    klass = commune_class(n=25)
    e = klass.enrolments.first()
    e.cadre.full_name = '=HYPERLINK("http://x")'
    e.cadre.save()
    client.force_login(users["officer"])
    rows = _sheet(client.get(f"/training/classes/{klass.pk}/?export=xlsx"))
    assert any(str(r[1]).startswith("'=") for r in rows[3:])
