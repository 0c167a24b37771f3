"""The roster template offered on the import page: the columns in their order with one example row, and a
second sheet that says, for each column, whether it is required, what it holds and the values it takes
(docs/roster-format.md describes the same format)."""

import io

import xlsxwriter
from django.utils.translation import gettext as _

from llct.roster.columns import COLUMNS, VOCABULARIES, Kind

EXAMPLE = {
    "code": "CB000001",
    "full_name": "Nguyễn Thị Hoa",
    "citizen_id": "001185012345",
    "birth_date": "17/05/1985",
    "sex": "Nữ",
    "ethnicity": "Kinh",
    "party_status": "Chính thức",
    "education": "Đại học",
    "theory_level": "Sơ cấp",
    "position": "Phó Chủ tịch UBND xã",
    "tier": "Xã",
    "sector": "Chính quyền",
    "unit": "UBND xã Tiên Phong",
    "planned_position": "Chủ tịch UBND xã",
    "planned_tier": "Xã",
    "grade": "Chuyên viên",
    "grade_since": "01/07/2015",
    "lecturer_since": "",
    "rating_last": "Hoàn thành tốt nhiệm vụ",
    "rating_before_last": "Hoàn thành tốt nhiệm vụ",
}


def _what(kind: Kind) -> str:
    return {
        Kind.TEXT: _("chữ"),
        Kind.DATE: _("ngày dd/mm/yyyy (hoặc ô kiểu Ngày của Excel)"),
        Kind.CHOICE: _("một trong các giá trị bên cạnh"),
        Kind.TITLES: _("chức vụ như thường ghi; nhiều chức vụ cách nhau bằng dấu ;"),
        Kind.CITIZEN_ID: _("12 chữ số (định dạng ô là Văn bản để giữ số 0 đầu)"),
    }[kind]


def roster_template() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    header = book.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True})
    required = book.add_format({"bold": True, "bg_color": "#FDE2E1", "border": 1, "text_wrap": True})
    text = book.add_format({"num_format": "@"})
    sheet = book.add_worksheet(_("Danh sách cán bộ"))
    for i, column in enumerate(COLUMNS):
        sheet.set_column(i, i, max(len(column.header), 14) + 2, text)
        sheet.write(0, i, column.header, required if column.required else header)
        sheet.write_string(1, i, EXAMPLE.get(column.key, ""))
    sheet.freeze_panes(1, 0)
    guide = book.add_worksheet(_("Hướng dẫn"))
    guide.set_column(0, 0, 28)
    guide.set_column(1, 1, 10)
    guide.set_column(2, 2, 50)
    guide.set_column(3, 3, 70)
    guide.write_row(0, 0, [_("Cột"), _("Bắt buộc"), _("Nội dung"), _("Giá trị")], header)
    for row, column in enumerate(COLUMNS, start=1):
        values = "; ".join(VOCABULARIES[column.vocabulary]) if column.vocabulary else ""
        guide.write_row(
            row, 0, [column.header, _("Có") if column.required else "", _what(column.kind), values]
        )
    guide.write(
        len(COLUMNS) + 2,
        0,
        _("Dòng 2 của trang “Danh sách cán bộ” là ví dụ: xóa hoặc ghi đè trước khi nhập."),
    )
    book.close()
    return buffer.getvalue()
