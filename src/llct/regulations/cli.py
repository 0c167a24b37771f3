"""`llct screen`: screen a roster file for every level and write one row per person and level.

Called by the Django management command `screen` (which only parses arguments); works without a database:
`rulebook` defaults to the shipped files, and an installation passes its own (from its database).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import polars as pl

from llct.roster import RosterError, read_roster

from .bulk import OUTPUT_COLUMNS, screen_with_titles
from .frames import TitleProblem
from .report import LevelCounts, Summary, format_summary, level_counts, unmatched_titles
from .rulebook import Rulebook, load_shipped

OUTPUT_FORMATS = {".csv", ".parquet", ".xlsx"}
CHUNK_ROWS = 250_000  # rows screened between two progress lines

__all__ = ["CHUNK_ROWS", "OUTPUT_FORMATS", "ScreenError", "format_summary", "screen_file", "write_screening"]


class ScreenError(Exception):
    """The run cannot go on (unreadable input, unwritable output); the message is Vietnamese."""


def screen_file(
    input_path: str | Path,
    on: dt.date,
    output_path: str | Path,
    levels: Sequence[str] | None = None,
    rulebook: Rulebook | None = None,
    progress: TextIO | None = sys.stderr,
    *,
    age_on: dt.date | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> Summary:
    """Read a roster (.xlsx/.csv/.parquet), screen it on `on` for `levels` (all three by default; age
    counted on `age_on`, by default `on`) and write the screening output (roster-format.md "Screening
    output"), reporting progress every `chunk_rows` rows to `progress`. Returns the summary. Never stops
    on a bad row: a row that cannot be judged gets eligible=false and its reason."""
    started = time.perf_counter()
    output_path = Path(output_path)
    if output_path.suffix.lower() not in OUTPUT_FORMATS:
        raise ScreenError(f"Tệp kết quả «{output_path.name}»: chỉ ghi được .xlsx, .csv hoặc .parquet.")
    book = rulebook or load_shipped()

    def elapsed() -> str:
        return f"{time.perf_counter() - started:.1f}".replace(".", ",")

    _say(progress, f"Đang đọc {Path(input_path).name} …")
    try:
        read = read_roster(str(input_path))
    except RosterError as exc:
        raise ScreenError(f"Không đọc được tệp «{Path(input_path).name}»: {exc.message}") from exc
    except OSError as exc:
        raise ScreenError(f"Không mở được tệp «{input_path}»: {exc.strerror or exc}") from exc
    frame = read.frame
    total = frame.height
    _say(progress, f"Đã đọc {_number(total)} dòng ({elapsed()} giây); đang xét …")
    parts: list[pl.DataFrame] = []
    found: list[tuple[TitleProblem, pl.Series]] = []
    counts: dict[str, LevelCounts] = {}
    for start in range(0, total, chunk_rows):
        chunk = frame.slice(start, chunk_rows)
        result, titles = screen_with_titles(book, chunk, on, levels, age_on=age_on)
        level_counts(result, counts)
        found += [(problem, rows + start) for problem, rows in titles]
        parts.append(result.select(OUTPUT_COLUMNS))
        done = start + chunk.height
        _say(
            progress,
            f"Đã xét {_number(done)}/{_number(total)} người ({done * 100 // total}%, {elapsed()} giây)",
        )
    _say(progress, f"Đang ghi {output_path.name} …")
    try:
        write_screening(pl.concat(parts, how="vertical"), output_path)
    except OSError as exc:
        raise ScreenError(f"Không ghi được tệp «{output_path}»: {exc.strerror or exc}") from exc
    return Summary(
        people=total,
        levels=counts,
        unmatched=unmatched_titles(book.catalogue.matcher, found, read.rows),
        problems=len(read.problems),
        seconds=round(time.perf_counter() - started, 2),
    )


def write_screening(result: pl.DataFrame, path: Path) -> None:
    """Write the screening output in the format named by the file's extension (Parquet with LZ4: the
    sentences repeat, so dictionary encoding does the compressing and a light codec keeps it fast)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        result.write_parquet(path, compression="lz4", statistics=False)
    elif suffix == ".csv":
        result.write_csv(path)
    else:
        text = [name for name, dtype in result.schema.items() if dtype != pl.Boolean]
        result.with_columns(pl.col(text).cast(pl.String)).write_excel(
            path, worksheet="Kết quả xét", autofit=False
        )


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _say(stream: TextIO | None, text: str) -> None:
    if stream is not None:
        stream.write(text + "\n")
        stream.flush()
