"""A standard report written out: .xlsx (formatted, one sheet per table, no cell ever read as a formula),
A4 PDF in the administrative layout (typst: issuing body and number, place and date, title, tables,
signature block), or CSV (the tables one after another). All three print the same grid of each table."""

import csv
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, TextIO

import xlsxwriter
from django.utils.translation import gettext as _

from llct.documents.pdf import render_pdf
from llct.registry.models import Unit
from llct.roster.cells import neutralise_text

from .reports import Report
from .table import Table

TEMPLATE = Path(__file__).resolve().parent / "typst" / "report.typ"
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def section_grid(table: Table) -> tuple[list[str], list[tuple[str, list]], int]:
    """The header, the rows (kind, cells: labels then figures, None where there is none) and the number of
    label columns of a table as a report prints it. A table without dimensions lists one indicator a line."""
    if not table.row_dims and not table.column_dims:
        header = [_("Chỉ tiêu"), _("Đơn vị tính"), _("Số liệu")]
        return header, [("row", [i.label, i.unit, table.value(i)]) for i in table.indicators], 2
    header = [str(d.label) for d in table.row_dims] or [""]
    for column in table.column_keys if table.column_dims else []:
        header += [f"{table.column_label(column)} · {i.label}" for i in table.indicators]
    header += [
        (_("Tổng") + " · " if table.column_dims else "") + f"{i.label} ({i.unit})" for i in table.indicators
    ]
    rows = []
    for display in table.display_rows():
        labels = display.labels + [""] * (len(table.row_dims) - len(display.labels))
        if display.kind == "total":
            labels = [_("Tổng cộng")] + [""] * (len(labels) - 1) if labels else [_("Tổng cộng")]
        figures = [v for column in display.cells for v in column] if table.column_dims else []
        rows.append((display.kind, [*labels, *figures, *display.totals]))
    return header, rows, max(len(table.row_dims), 1)


def _vi(value) -> str:
    """A figure as Vietnamese write it: 1.234 and 12,5."""
    if value is None:
        return "—"
    if isinstance(value, float | Decimal):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{value:,}".replace(",", ".")


def _heading(report: Report) -> list[str]:
    unit = report.unit.name if report.unit else _("Toàn bộ phạm vi")
    units = _("theo đơn vị hiện nay") if report.units == "as_now" else _("theo đơn vị khi đó")
    return [
        report.title,
        f"{unit} · {units}",
        _("Căn cứ: %(basis)s") % {"basis": report.layout.basis},
        _("Lập ngày %(day)s") % {"day": f"{report.made_on:%d/%m/%Y}"},
    ]


def report_xlsx(report: Report, target: BinaryIO) -> None:
    workbook = xlsxwriter.Workbook(
        target,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    title = workbook.add_format({"bold": True, "font_size": 13})
    header = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True})
    cell = {"border": 1}
    formats = {
        kind: {
            "text": workbook.add_format({**cell, "bold": kind != "row"}),
            "int": workbook.add_format({**cell, "bold": kind != "row", "num_format": "#,##0"}),
            "float": workbook.add_format({**cell, "bold": kind != "row", "num_format": "0.0"}),
        }
        for kind in ("row", "subtotal", "total")
    }
    for n, (section_title, table) in enumerate(report.sections, 1):
        sheet = workbook.add_worksheet(f"{n}. {section_title}".translate(_SHEET_FORBIDDEN)[:31])
        lines = _heading(report)
        for i, line in enumerate(lines):
            sheet.write_string(i, 0, neutralise_text(line), title if i == 0 else None)
        top = len(lines) + 1
        sheet.write_string(top, 0, neutralise_text(f"{n}. {section_title}"), title)
        columns, rows, labels = section_grid(table)
        for j, text in enumerate(columns):
            sheet.write_string(top + 1, j, neutralise_text(text), header)
        for i, (kind, values) in enumerate(rows, top + 2):
            for j, value in enumerate(values):
                style = formats[kind]
                if isinstance(value, str):
                    sheet.write_string(i, j, neutralise_text(value), style["text"])
                elif value is None:
                    sheet.write_string(i, j, "—", style["text"])
                else:
                    sheet.write_number(i, j, value, style["float" if isinstance(value, float) else "int"])
        sheet.set_column(0, labels - 1, 36)
        sheet.set_column(labels, len(columns) - 1, 16)
    workbook.close()


def report_pdf(report: Report, *, number: str = "", place: str = "") -> bytes:
    unit = report.unit
    parent = Unit.objects.get_parent(unit) if unit is not None else None
    day = report.made_on
    data = {
        "parent_name": parent.name if parent else "",
        "issuer": unit.name if unit else _("Toàn bộ phạm vi"),
        "number": number or "……",
        "place": place or "……",
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}",
        "year": str(day.year),
        "title": report.title,
        "recipient": report.layout.recipient,
        "basis": report.layout.basis,
        "units": _("Số liệu tính theo đơn vị hiện nay.")
        if report.units == "as_now"
        else _("Số liệu tính theo đơn vị khi đó."),
        "signer": report.layout.signer,
        "sections": [],
    }
    for n, (section_title, table) in enumerate(report.sections, 1):
        columns, rows, labels = section_grid(table)
        data["sections"].append(
            {
                "title": f"{n}. {section_title}",
                "header": columns,
                "labels": labels,
                "rows": [
                    {"bold": kind != "row", "cells": [v if isinstance(v, str) else _vi(v) for v in values]}
                    for kind, values in rows
                ],
            }
        )
    return render_pdf(TEMPLATE, data)


def report_csv(report: Report, stream: TextIO) -> None:
    """The tables one after another, each under its title, with codes-free labels as the report prints."""
    writer = csv.writer(stream)
    for line in _heading(report):
        writer.writerow([line])
    for n, (section_title, table) in enumerate(report.sections, 1):
        writer.writerow([])
        writer.writerow([f"{n}. {section_title}"])
        columns, rows, _labels = section_grid(table)
        writer.writerow(columns)
        for _kind, values in rows:
            writer.writerow(["" if v is None else v for v in values])
