"""The eligible-cadres list as .xlsx, with the reasons (XlsxWriter; formula-like text made inert)."""

import datetime as dt
from typing import BinaryIO

import xlsxwriter
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from llct.eligibility.presenting import institution_label, level_label, modes_label
from llct.eligibility.selectors import EligibleCadres
from llct.registry.models import Unit
from llct.roster.cells import neutralise_text

HEADERS = (
    "Mã cán bộ", "Họ và tên", "Đơn vị", "Trình độ", "Đủ điều kiện", "Hình thức học", "Quy định áp dụng",
    "Cơ sở đào tạo", "Lý do, căn cứ", "Có giả định", "Trường hợp đặc biệt",
)  # fmt: skip


def _text(value: object) -> str:
    return neutralise_text(str(value or ""))


def eligible_cadres_xlsx(
    result: EligibleCadres, target: BinaryIO, *, level: str, on: dt.date, unit: Unit | None
) -> None:
    """Write the list (the same rows and reasons as the page) to `target`."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    sheet = workbook.add_worksheet("Đủ điều kiện")
    bold = workbook.add_format({"bold": True})
    header = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True})
    sheet.write(
        0,
        0,
        _text(f"Xét {level_label(level)} ngày {on:%d/%m/%Y}" + (f" — {unit.name}" if unit else "")),
        bold,
    )
    sheet.write(
        1,
        0,
        _(
            "Tổng số: %(total)s; đủ điều kiện: %(eligible)s; không đủ điều kiện: %(not_eligible)s; "
            "không mở bậc này: %(not_offered)s; không xét được: %(not_judged)s"
        )
        % {
            key: number_format(getattr(result, key), force_grouping=True)
            for key in ("total", "eligible", "not_eligible", "not_offered", "not_judged")
        },
    )
    sheet.write_row(3, 0, HEADERS, header)
    for i, row in enumerate(result.rows, start=4):
        special = row.special_case
        special_text = ""
        if special is not None:
            outcome = "được cử đi học" if special.eligible else "không được cử đi học"
            special_text = (
                f"{outcome} ({modes_label(special.modes)}) — {special.authority}, {special.document_number} "
                f"ngày {special.decided_on:%d/%m/%Y}: {special.reason}"
            )
        sheet.write_row(
            i,
            0,
            [
                _text(row.code), _text(row.full_name), _text(row.unit), level_label(level),
                "Có" if row.eligible else "Không", modes_label(row.modes), _text(row.regulation),
                institution_label(row.institution), _text(row.reasons), "Có" if row.assumed else "Không",
                _text(special_text),
            ],
        )  # fmt: skip
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 2, 28)
    sheet.set_column(3, 7, 16)
    sheet.set_column(8, 8, 80)
    sheet.set_column(9, 9, 12)
    sheet.set_column(10, 10, 80)
    sheet.freeze_panes(4, 0)
    workbook.close()
