"""Reading a cadre roster (spec/roster-format.md) into a Polars frame keyed by the snake_case keys.

Every check is a vectorised Polars expression so that a 1,000,000-row file reads in seconds; a cell that
fails one becomes null and is reported as a Problem with its spreadsheet row and header.
"""

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from polars._typing import PolarsDataType

from llct.vntext import fold

from . import columns as cols
from .cells import restore
from .citizen_ids import ascii_digits, citizen_id_checks
from .columns import Column, Kind
from .errors import Problem, RosterError
from .files import load
from .i18n import gettext as _

# Excel itself stops at 32,767 characters; anything longer is not a roster cell.
MAX_CELL_BYTES = 32_767 * 4
ROW = "__row__"

_FIRST_DATA_ROW = 2  # the header is row 1
_EARLIEST = dt.date(1900, 1, 1)
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d")
# The shape of those formats with a day ≤ 31 and a month ≤ 12: text of this shape that does not parse
# names a day that does not exist (31/02/1988), not a wrong format.
_DATE_SHAPE = (
    r"^\s*((0?[1-9]|[12]\d|3[01])[/.-](0?[1-9]|1[0-2])[/.-]\d{4}"
    r"|\d{4}[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01]))\s*$"
)
_UNNAMED = ("__UNNAMED__", "_duplicated_")
_DUPLICATE = re.compile(r"(.*?)_(?:duplicated_)?\d+")
# Control characters (a NUL breaks PostgreSQL's write) and the marks that reorder text on screen (a name
# that shows as another): refused in every cell. Tabs and line breaks are turned into spaces instead.
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
# A combining mark (NFD text), a whitespace other than one plain space, or a neutralising apostrophe.
_NEEDS_WORK = "[\u0300-\u036f]|\\s\\s|[\t\n\r\x0b\x0c\u00a0\u2000-\u200b\u3000]|^'"


@dataclass
class RosterRead:
    """A roster read: `frame` has the keys of the format as columns (dates as pl.Date, categorical
    columns as keys, text NFC and trimmed, unknown columns passed through under their header), `rows`
    the spreadsheet row number of each frame row, `headers` the header as written for each column of
    `frame`, `problems` the cells that were not accepted (they are null in `frame`)."""

    frame: pl.DataFrame
    rows: pl.Series
    headers: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    @property
    def unknown_columns(self) -> list[str]:
        return [c for c in self.frame.columns if c not in cols.BY_KEY]

    def header(self, key: str) -> str:
        """The header of `key` as written in the file (the format's header when the file lacked it)."""
        return self.headers.get(key, cols.HEADERS.get(key, key))


def read_roster(source: str | Path | bytes, filename: str | None = None) -> RosterRead:
    """Read a roster file (.xlsx/.xls/.ods, .csv in UTF-8, .parquet) given as a path or as bytes with
    its file name. Raises RosterError when the file as a whole is not a roster (not a spreadsheet,
    empty, unreadable encoding, required headers missing, a cell over MAX_CELL_BYTES)."""
    raw = load(source, filename)
    frame, headers = _rename(raw)
    _check_cell_sizes(frame, headers)
    frame = frame.with_columns(pl.int_range(_FIRST_DATA_ROW, pl.len() + _FIRST_DATA_ROW).alias(ROW))
    frame = _clean_text(frame)
    data_columns = [c for c in frame.columns if c != ROW]
    frame = frame.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in data_columns))
    if frame.height == 0:
        raise RosterError(_("Tệp chỉ có dòng tiêu đề, không có dòng cán bộ nào. Hãy nhập dữ liệu từ dòng 2."))

    problems: list[Problem] = []
    rows = frame[ROW]
    problems += _control_characters(frame, headers)
    converted: dict[str, pl.Series] = {}
    for key in data_columns:
        column = cols.BY_KEY.get(key)
        if column is None:
            continue
        converted[key], checks = _convert(column, frame[key])
        if column.required:
            checks.append((frame[key].is_null(), _required_reason(column)))
        for bad, reason in checks:
            if bad.any():
                problems += _problems(rows, frame[key], headers[key], bad, reason)
    if "citizen_id" in converted:  # what its digits say, against the birth date and sex of the row
        checks = citizen_id_checks(converted["citizen_id"], converted.get("birth_date"), converted.get("sex"))
        for bad, reason in checks:
            if bad.any():
                problems += _problems(rows, converted["citizen_id"], headers["citizen_id"], bad, reason)
    problems += _duplicates(frame, headers["code"])
    frame = frame.with_columns(*converted.values())
    order = [c for c in cols.KEYS if c in data_columns] + [c for c in data_columns if c not in cols.BY_KEY]
    frame = frame.select(*order, ROW)

    problems.sort(key=lambda p: (p.row, _column_order(p.column, headers)))
    return RosterRead(
        frame=frame.drop(ROW), rows=frame[ROW].cast(pl.UInt32), headers=headers, problems=problems
    )


def _rename(raw: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, str]]:
    """Columns renamed to keys; unknown ones keep their header. Whole-file header errors raise."""
    if raw.width == 0:
        raise RosterError(_("Tệp rỗng. Hãy chọn tệp danh sách cán bộ có dòng tiêu đề và dữ liệu."))
    renames: dict[str, str] = {}
    headers: dict[str, str] = {}
    unknown: list[str] = []
    drop: list[str] = []
    for name in raw.columns:
        if (first := _duplicate_of(name, raw.columns)) is not None:
            raise RosterError(
                _(
                    "Tiêu đề “%(header)s” có ở hai cột của dòng 1: không biết cột nào là dữ liệu đúng. Hãy "
                    "xóa hoặc đổi tên một cột."
                )
                % {"header": first}
            )
        if (not name.strip() or name.startswith(_UNNAMED)) and raw[name].null_count() == raw.height:
            drop.append(name)  # an empty column without a header: spreadsheet leftovers
            continue
        column = cols.column_for_header(name)
        if column is None:
            unknown.append(name)
            headers[name] = name
            continue
        if column.key in headers:
            raise RosterError(
                _(
                    "Cột “%(column)s” xuất hiện hai lần (tiêu đề “%(first)s” và “%(second)s”). "
                    "Hãy xóa hoặc đổi tên một cột."
                )
                % {"column": column.header, "first": headers[column.key], "second": name}
            )
        renames[name] = column.key
        headers[column.key] = name
    missing = [key for key in cols.REQUIRED if key not in headers]
    if len(missing) == len(cols.REQUIRED):
        expected = ", ".join(cols.HEADERS[k] for k in cols.REQUIRED)
        raise RosterError(
            _(
                "Dòng 1 của tệp không phải tiêu đề danh sách cán bộ: không có cột nào trong các cột bắt buộc "
                "(%(expected)s). Hãy dùng mẫu danh sách cán bộ (tải bản xuất để có mẫu)."
            )
            % {"expected": expected}
        )
    if missing:
        hints = []
        for key in missing:
            close = difflib.get_close_matches(
                cols.header_key(cols.HEADERS[key]), [cols.header_key(u) for u in unknown], n=1, cutoff=0.6
            )
            found = next((u for u in unknown if close and cols.header_key(u) == close[0]), None)
            header = cols.HEADERS[key]
            hints.append(
                _("“%(header)s” (có phải cột “%(found)s”? hãy đổi tiêu đề thành “%(header)s”)")
                % {"header": header, "found": found}
                if found
                else f"“{header}”"
            )
        raise RosterError(_("Thiếu cột bắt buộc: %(columns)s.") % {"columns": "; ".join(hints)})
    frame = raw.drop(drop).rename(renames)
    return frame, headers


def _duplicate_of(name: str, names: list[str]) -> str | None:
    """The header `name` repeats, from the name the file library gave the second column of a header
    written twice ("X_duplicated_0" from Polars, "X_1" from fastexcel); None for an empty header."""
    found = _DUPLICATE.fullmatch(name)
    return found[1] if found and found[1].strip() and found[1] in names else None


def _check_cell_sizes(frame: pl.DataFrame, headers: dict[str, str]) -> None:
    text = [c for c, t in frame.schema.items() if t == pl.String]
    if not text:
        return
    sizes = frame.select(pl.col(text).str.len_bytes().max())
    for name in text:
        size = sizes[name][0]
        if size is not None and size > MAX_CELL_BYTES:
            index = frame[name].str.len_bytes().arg_max() or 0
            raise RosterError(
                _(
                    "Dòng %(row)s, cột “%(column)s”: ô dài %(size)s byte, vượt quá giới hạn %(limit)s byte "
                    "của một ô. Tệp có thể bị hỏng hoặc dán nhầm dữ liệu; hãy sửa ô này rồi tải lại."
                )
                % {
                    "row": index + _FIRST_DATA_ROW,
                    "column": headers[name],
                    "size": _number(size),
                    "limit": _number(MAX_CELL_BYTES),
                }
            )


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # Vietnamese thousands separator


def _clean_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Undo formula neutralisation, NFC, single spaces, trimmed; empty text becomes null.

    The costly steps (NFC, collapsing spaces, apostrophes) run only on columns where a cheap scan finds
    something to do: most files are already NFC and single-spaced."""
    text = [c for c, t in frame.schema.items() if t == pl.String]
    if not text:
        return frame
    flags = frame.select(
        pl.col(text).str.contains(_NEEDS_WORK).any().name.keep(),
    ).row(0, named=True)
    steps = []
    for name in text:
        expr = pl.col(name)
        if flags[name]:
            expr = restore(expr).str.normalize("NFC").str.replace_all(r"\s+", " ")
        steps.append(expr.str.strip_chars().alias(name))
    return (
        frame.lazy()
        .with_columns(steps)
        .with_columns(pl.when(pl.col(text).str.len_bytes() > 0).then(pl.col(text)).name.keep())
        .collect()
    )


def _control_characters(frame: pl.DataFrame, headers: dict[str, str]) -> list[Problem]:
    """Cells with a control character or a bidirectional mark, in any column (unknown ones included:
    they are kept too)."""
    text = [c for c, t in frame.schema.items() if t == pl.String and c != ROW]
    if not text:
        return []
    found = frame.select(pl.col(text).str.contains(_CONTROL).any()).row(0, named=True)
    reason = _(
        "Ô có ký tự điều khiển hoặc ký tự đảo chiều văn bản (không nhìn thấy được, có thể làm tên hiển thị "
        "sai hoặc làm hỏng dữ liệu); hãy gõ lại ô này."
    )
    problems = []
    for name in (n for n in text if found[n]):
        bad = frame[name].str.contains(_CONTROL).fill_null(False)
        values = frame[name].filter(bad).str.replace_all(_CONTROL, "�")  # shown, not carried on
        rows = frame[ROW].filter(bad)
        problems += [Problem(r, headers[name], v, reason) for r, v in zip(rows, values, strict=True)]
    return problems


def _required_reason(column: Column) -> str:
    return _("Ô trống: cột “%(column)s” là bắt buộc, hãy điền giá trị.") % {"column": column.header}


Checks = list[tuple[pl.Series, str]]


def _convert(column: Column, raw: pl.Series) -> tuple[pl.Series, Checks]:
    """The converted column, and (bad-cell mask, reason) pairs."""
    if column.kind == Kind.DATE:
        return _date(column, raw)
    if column.kind == Kind.CHOICE:
        return _choice(column, raw)
    if column.kind == Kind.CITIZEN_ID:
        return _citizen_id(raw)
    if column.kind == Kind.TITLES:
        titles = raw.str.replace_all(r" ?; ?", "; ").str.strip_chars("; ")
        return titles.set(titles == "", None), []
    return raw, []


def _via_unique(
    raw: pl.Series, convert: Callable[[pl.Series], pl.Series], dtype: PolarsDataType
) -> pl.Series:
    """`convert` applied to the distinct values only, then spread back: a roster repeats its dates
    and categories, so this parses a few thousand strings instead of a million."""
    unique = raw.drop_nulls().unique()
    if unique.len() * 2 > raw.len():
        return convert(raw)
    return raw.replace_strict(unique, convert(unique), default=None, return_dtype=dtype)


def _parse_dates(text: pl.Series) -> pl.Series:
    # A spreadsheet date cell read as text is "yyyy-mm-dd hh:mm:ss": keep the day.
    day = text.str.replace(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d*)?)?$", "$1")
    frame = pl.DataFrame({"day": day})
    parsed = frame.select(
        pl.coalesce([pl.col("day").str.strptime(pl.Date, f, strict=False) for f in _DATE_FORMATS])
    )
    return parsed.to_series()


def _date(column: Column, raw: pl.Series) -> tuple[pl.Series, Checks]:
    checks: Checks = []
    if raw.dtype == pl.Date:
        parsed = raw
    else:
        parsed = _via_unique(raw, _parse_dates, pl.Date)
        unreadable = raw.is_not_null() & parsed.is_null()
        if unreadable.any():
            year_only = unreadable & raw.str.contains(r"^\d{4}$")
            impossible = unreadable & raw.str.contains(_DATE_SHAPE)
            checks += [
                (
                    year_only,
                    _(
                        "Cột “%(column)s” chỉ có năm — có thể đây là bản xuất đã che thông tin cá nhân. "
                        "Hãy ghi đủ ngày/tháng/năm (dd/mm/yyyy) hoặc nhập từ bản xuất đầy đủ."
                    )
                    % {"column": column.header},
                ),
                (
                    impossible,
                    _(
                        "Ngày không có thật (ví dụ 31/02 hay 31/04): ngày và tháng được ghi đúng dạng "
                        "nhưng tháng đó không có ngày ấy; hãy kiểm tra lại ngày, tháng."
                    ),
                ),
                (
                    unreadable & ~year_only & ~impossible,
                    _(
                        "Ngày không hợp lệ: hãy ghi theo dạng dd/mm/yyyy (ví dụ 17/05/1985) hoặc yyyy-mm-dd, "
                        "hoặc dùng ô kiểu Ngày của Excel."
                    ),
                ),
            ]
    today = dt.date.today()
    out_of_range = (parsed < _EARLIEST) | (parsed > today)
    checks.append(
        (
            out_of_range.fill_null(False),
            _("Ngày nằm ngoài khoảng hợp lý (01/01/1900 đến hôm nay %(today)s); hãy kiểm tra lại năm.")
            % {"today": f"{today:%d/%m/%Y}"},
        )
    )
    return parsed.set(out_of_range.fill_null(False), None).alias(raw.name), checks


def _choice(column: Column, raw: pl.Series) -> tuple[pl.Series, Checks]:
    vocabulary = column.vocabulary or ""
    index = cols.VALUE_INDEX[vocabulary]
    # Python folding on the distinct values only: a categorical column has a handful of them.
    folded = _via_unique(raw, lambda u: pl.Series([fold(v) for v in u.to_list()], dtype=pl.String), pl.String)
    known = {k: v for k, v in index.items() if v is not None}
    empty = [k for k, v in index.items() if v is None]
    mapped = folded.replace_strict(known, default=None, return_dtype=pl.String)
    bad = raw.is_not_null() & mapped.is_null() & ~folded.is_in(empty)
    labels = ", ".join(cols.VOCABULARIES[vocabulary])
    reason = (
        _("Giá trị không có trong danh mục của cột “%(column)s”; hãy ghi một trong: %(labels)s.")
        if column.required
        else _(
            "Giá trị không có trong danh mục của cột “%(column)s”; hãy ghi một trong: %(labels)s "
            "(hoặc để trống)."
        )
    ) % {"column": column.header, "labels": labels}
    return mapped.alias(raw.name), [(bad, reason)]


def _citizen_id(raw: pl.Series) -> tuple[pl.Series, Checks]:
    foreign = raw.str.contains(r"[^\x00-\x7f]").fill_null(False)
    if foreign.any():  # full-width or other digits: the same number as its ASCII spelling
        raw = raw.scatter(foreign.arg_true(), [ascii_digits(v) for v in raw.filter(foreign).to_list()])
    digits = raw.str.replace_all(r"[\s.]", "")
    valid = digits.str.contains(r"^\d{12}$").fill_null(True)
    if valid.all():
        return digits.alias(raw.name), []
    masked = raw.str.contains("[•*xX]").fill_null(False)
    short = digits.str.contains(r"^\d{9,11}$").fill_null(False)
    checks = [
        (
            masked,
            _(
                "Số CCCD đã bị che (bản xuất cho vai trò không được xem thông tin cá nhân). Không thể nhập "
                "từ bản xuất đã che: hãy dùng bản xuất đầy đủ hoặc ghi đủ 12 chữ số."
            ),
        ),
        (
            short & ~masked,
            _(
                "Số CCCD phải gồm đúng 12 chữ số; số này thiếu chữ số (Excel có thể đã bỏ các số 0 ở đầu): "
                "hãy định dạng cột là Văn bản (Text) và nhập lại đủ 12 chữ số."
            ),
        ),
        (
            ~valid & ~masked & ~short,
            _("Số CCCD phải gồm đúng 12 chữ số (không có chữ cái hay ký hiệu); hãy sửa lại hoặc để trống."),
        ),
    ]
    return digits.set(~valid, None).alias(raw.name), checks


def _problems(rows: pl.Series, values: pl.Series, header: str, bad: pl.Series, reason: str) -> list[Problem]:
    bad = bad.fill_null(False)
    hits = zip(rows.filter(bad).to_list(), values.filter(bad).cast(pl.String).to_list(), strict=True)
    return [Problem(row, header, value or "", reason) for row, value in hits]


def _duplicates(frame: pl.DataFrame, header: str) -> list[Problem]:
    """Every occurrence of a code (whatever its case) after its first, naming the row of the first."""
    code = pl.col("code").str.to_uppercase()  # CB001 and cb001 are one code
    hits = (
        frame.select(ROW, "code")
        .filter(code.is_not_null())
        .with_columns(pl.col(ROW).min().over(code).alias("first"))
        .filter(pl.col(ROW) != pl.col("first"))
    )
    return [
        Problem(
            row,
            header,
            value,
            _("Mã cán bộ trùng với dòng %(first)s: mỗi cán bộ chỉ có một dòng; hãy xóa dòng lặp hoặc sửa mã.")
            % {"first": first},
        )
        for row, value, first in hits.iter_rows()
    ]


def _column_order(header: str, headers: dict[str, str]) -> int:
    for position, written in enumerate(headers.values()):
        if written == header:
            return position
    return len(headers)
