"""Writing a roster frame (keys as columns, as `read_roster` returns it) in the interchange format:
Vietnamese headers, labels instead of keys, dates dd/mm/yyyy, formula-like text neutralised."""

import io
from pathlib import Path
from typing import BinaryIO

import polars as pl
import xlsxwriter

from . import columns as cols
from .cells import neutralise
from .columns import Kind

_UTF8_BOM = b"\xef\xbb\xbf"
_MAX_WIDTH = 60


def write_roster(frame: pl.DataFrame, target: str | Path | BinaryIO, fmt: str | None = None) -> None:
    """Write `frame` to `target` (a path, or a binary file object with `fmt` one of "xlsx", "csv",
    "parquet"). The format's columns come first in the format's order, unknown columns after them.
    CSV is UTF-8 with a byte-order mark so that Excel shows Vietnamese correctly."""
    fmt = (fmt or Path(str(target)).suffix.lstrip(".")).lower()
    if fmt not in ("xlsx", "csv", "parquet"):
        raise ValueError(f"unsupported roster format: {fmt!r}")
    out = _labelled(frame, dates_as_text=fmt == "csv")
    if fmt == "parquet":
        out.write_parquet(target)
    elif fmt == "csv":
        buffer = io.BytesIO()
        out.write_csv(buffer)
        data = _UTF8_BOM + buffer.getvalue()
        if isinstance(target, str | Path):
            Path(target).write_bytes(data)
        else:
            target.write(data)
    else:
        _write_xlsx(out, target)


def _labelled(frame: pl.DataFrame, *, dates_as_text: bool) -> pl.DataFrame:
    known = [c.key for c in cols.COLUMNS if c.key in frame.columns]
    ordered = known + [c for c in frame.columns if c not in cols.BY_KEY]
    exprs = []
    for name in ordered:
        column = cols.BY_KEY.get(name)
        expr = pl.col(name)
        if frame.schema[name] in (pl.Date, pl.Datetime):
            expr = expr.cast(pl.Date)
            if dates_as_text:
                expr = expr.dt.strftime("%d/%m/%Y")
        else:
            if frame.schema[name] != pl.String:
                expr = expr.cast(pl.String)
            if column is not None and column.kind == Kind.CHOICE:
                labels = {key: text for text, key in cols.VOCABULARIES[column.vocabulary or ""].items()}
                expr = expr.replace(labels)
            expr = neutralise(expr)
        exprs.append(expr.alias(cols.HEADERS.get(name, name)))
    return frame.select(exprs)


def _write_xlsx(frame: pl.DataFrame, target: str | Path | BinaryIO) -> None:
    options = {
        "constant_memory": True,
        "strings_to_formulas": False,  # text is never a formula, whatever it starts with
        "strings_to_numbers": False,  # codes and citizen IDs keep their leading zeros
        "strings_to_urls": False,
        "default_date_format": "dd/mm/yyyy",
    }
    if not isinstance(target, str | Path):
        options["in_memory"] = True
    workbook = xlsxwriter.Workbook(target if not isinstance(target, Path) else str(target), options)
    sheet = workbook.add_worksheet("Danh sách cán bộ")
    header = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1, "text_wrap": True})
    for index, name in enumerate(frame.columns):
        width = max(len(name), *(len(v) for v in frame[name].head(200).cast(pl.String).drop_nulls()), 10)
        sheet.set_column(index, index, min(width + 2, _MAX_WIDTH))
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, frame.columns, header)
    for row, values in enumerate(frame.iter_rows(), start=1):
        sheet.write_row(row, 0, values)
    if frame.height:
        sheet.autofilter(0, 0, frame.height, frame.width - 1)
    workbook.close()
