"""Findings as rows for scripts and spreadsheets: UTF-8 CSV with stable column names (`check`, `object` as
`<model>:<primary key>`, `unit` as the responsible unit's code, `clause` …), and .xlsx with the same columns
under Vietnamese headers."""

import csv
import io
import json
from collections.abc import Iterable

import xlsxwriter
from django.utils.translation import gettext as _

from llct.oversight.models import Finding, FindingStatus, Occurrence

from .checks import CHECKS
from .checks.base import dmy

COLUMNS = (
    "check",
    "object",
    "unit",
    "clause",
    "confidence",
    "severity",
    "title",
    "label",
    "values",
    "finding",
    "status",
    "first_found",
    "deadline",
)


def _headers() -> list[str]:
    return [
        _("Mã nội dung kiểm tra"),
        _("Đối tượng"),
        _("Mã đơn vị chịu trách nhiệm"),
        _("Căn cứ"),
        _("Độ tin cậy"),
        _("Mức độ"),
        _("Nội dung kiểm tra"),
        _("Mô tả đối tượng"),
        _("Giá trị đã đọc"),
        _("Số phát hiện"),
        _("Tình trạng"),
        _("Phát hiện lần đầu"),
        _("Hạn khắc phục"),
    ]


def _row(finding: Finding, label: str, values: dict, unit_code: str) -> dict:
    check = CHECKS.get(finding.check_code)
    return {
        "check": finding.check_code,
        "object": finding.object_ref,
        "unit": unit_code,
        "clause": finding.clause,
        "confidence": finding.confidence,
        "severity": finding.severity,
        "title": str(check.title) if check else finding.check_code,
        "label": label,
        "values": json.dumps(values, ensure_ascii=False, sort_keys=True),
        "finding": finding.pk,
        "status": str(FindingStatus(finding.status).label),
        "first_found": dmy(finding.first_found_at.date()),
        "deadline": dmy(finding.deadline),
    }


def occurrence_rows(occurrences: Iterable[Occurrence]) -> list[dict]:
    """A run's findings as that run read them (its values, the unit it named)."""
    return [_row(o.finding, o.label, o.values, o.unit.code) for o in occurrences]


def finding_rows(findings: Iterable[Finding]) -> list[dict]:
    """Findings as they stand (their last values)."""
    return [_row(f, f.label, f.values, f.unit.code) for f in findings]


def rows_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write_rows(book: xlsxwriter.Workbook, name: str, rows: list[dict]) -> None:
    """A sheet of findings in an open workbook (the conclusion's export adds more sheets)."""
    sheet = book.add_worksheet(name[:31])
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.write_row(0, 0, _headers(), bold)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, [row[c] for c in COLUMNS], wrap)
    for c, width in enumerate((22, 20, 16, 40, 8, 12, 40, 40, 50, 10, 18, 12, 12)):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(COLUMNS) - 1)


def rows_xlsx(rows: list[dict], sheet: str) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    write_rows(book, sheet, rows)
    book.close()
    return out.getvalue()


def rows_file(rows: list[dict], path: str) -> None:
    """Write rows to `path`: .csv or .xlsx by its extension."""
    data = rows_csv(rows) if path.lower().endswith(".csv") else rows_xlsx(rows, _("Phát hiện"))
    with open(path, "wb") as handle:
        handle.write(data)
