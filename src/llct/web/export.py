"""Any list a user works with, as an .xlsx in the roster's conventions: a title line, bold headers, frozen
and filtered, dates as dates shown dd/mm/yyyy, codes kept as text, text that looks like a formula made
inert. A list is declared as columns: (header, how to read the value from a row)."""

import datetime as dt
import io
from collections.abc import Callable, Iterable
from decimal import Decimal

import xlsxwriter
from django.http import HttpResponse
from django.utils.text import slugify

from llct.roster.cells import neutralise_text

Column = tuple[str, Callable[[object], object]]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MAX_WIDTH = 60


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date | int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return neutralise_text(str(value))


def xlsx_bytes(title: str, columns: list[Column], rows: Iterable, sheet_name: str = "") -> bytes:
    buffer = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "default_date_format": "dd/mm/yyyy",
    }
    workbook = xlsxwriter.Workbook(buffer, options)
    sheet = workbook.add_worksheet((sheet_name or title)[:31].replace("/", "-"))
    bold = workbook.add_format({"bold": True, "font_size": 12})
    header = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True})
    sheet.write(0, 0, neutralise_text(title), bold)
    headers = [str(name) for name, _ in columns]
    widths = [max(len(h), 10) for h in headers]
    sheet.write_row(2, 0, headers, header)
    n = 0
    for n, row in enumerate(rows, start=1):
        values = [_cell(read(row)) for _, read in columns]
        for i, value in enumerate(values):
            widths[i] = max(widths[i], len(value) if isinstance(value, str) else 10)
        sheet.write_row(2 + n, 0, values)
    for i, width in enumerate(widths):
        sheet.set_column(i, i, min(width + 2, _MAX_WIDTH))
    sheet.freeze_panes(3, 0)
    sheet.autofilter(2, 0, 2 + n, len(columns) - 1)
    workbook.close()
    return buffer.getvalue()


def xlsx_response(title: str, columns: list[Column], rows: Iterable, filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title, columns, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "danh-sach"}.xlsx"'
    return response
