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

from .frames import resolve_posts, split_titles
from .model import LEVEL_LABELS, LEVELS
from .rulebook import Rulebook, load_shipped
from .texts import UNJUDGED

OUTPUT_FORMATS = {".csv", ".parquet", ".xlsx"}


class ScreenError(Exception):
    """The run cannot go on (unreadable input, unwritable output); the message is Vietnamese."""


def screen_file(
    input_path: str | Path,
    on: dt.date,
    output_path: str | Path,
    levels: Sequence[str] | None = None,
    rulebook: Rulebook | None = None,
    progress: TextIO | None = sys.stderr,
) -> dict[str, object]:
    """Read a roster (.xlsx/.csv/.parquet), screen it on `on` for `levels` (all three by default) and
    write the screening output (roster-format.md "Screening output"). Returns the summary. Never stops
    on a bad row: a row that cannot be judged gets eligible=false and its reason."""
    started = time.perf_counter()
    output_path = Path(output_path)
    if output_path.suffix.lower() not in OUTPUT_FORMATS:
        raise ScreenError(f"Tệp kết quả «{output_path.name}»: chỉ ghi được .xlsx, .csv hoặc .parquet.")
    book = rulebook or load_shipped()
    _say(progress, f"Đang đọc {Path(input_path).name} …")
    try:
        read = read_roster(str(input_path))
    except RosterError as exc:
        raise ScreenError(f"Không đọc được tệp «{Path(input_path).name}»: {exc.message}") from exc
    except OSError as exc:
        raise ScreenError(f"Không mở được tệp «{input_path}»: {exc.strerror or exc}") from exc
    frame = read.frame
    _say(progress, f"Đã đọc {frame.height:,} dòng ({time.perf_counter() - started:.1f} giây); đang xét …")
    result = book.screen(frame, on, levels)
    _say(
        progress,
        f"Đã xét {result.height:,} dòng kết quả ({time.perf_counter() - started:.1f} giây); đang ghi …",
    )
    try:
        write_screening(result, output_path)
    except OSError as exc:
        raise ScreenError(f"Không ghi được tệp «{output_path}»: {exc.strerror or exc}") from exc
    summary = summarise(book, frame, result, read.rows)
    summary["seconds"] = round(time.perf_counter() - started, 2)
    summary["problems"] = len(read.problems)
    return summary


def write_screening(result: pl.DataFrame, path: Path) -> None:
    """Write the screening output in the format named by the file's extension."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        result.write_parquet(path)
    elif suffix == ".csv":
        result.write_csv(path)
    else:
        result.write_excel(path, worksheet="Kết quả xét", autofit=False)


def summarise(
    book: Rulebook, frame: pl.DataFrame, result: pl.DataFrame, rows: pl.Series
) -> dict[str, object]:
    """Per level: eligible / not eligible / not judged; unmatched titles with counts and first rows."""
    counts = (
        result.group_by("level")
        .agg(
            pl.col("eligible").sum().alias("eligible"),
            pl.col("reasons").str.starts_with(UNJUDGED).sum().alias("not_judged"),
            pl.len().alias("total"),
        )
        .to_dicts()
    )
    per_level = {c["level"]: c for c in counts}
    for c in per_level.values():
        c["not_eligible"] = c["total"] - c["eligible"] - c["not_judged"]
    cells = (
        frame.with_columns(rows.alias("_sheet_row"))
        .select(
            [
                pl.col(c) if c in frame.columns else pl.lit(None, pl.String).alias(c)
                for c in ("position", "tier", "sector", "planned_position", "planned_tier")
            ]
            + ["_sheet_row"]
        )
        .group_by(["position", "tier", "sector", "planned_position", "planned_tier"])
        .agg(pl.len().alias("n"), pl.col("_sheet_row").min().alias("first_row"))
    )
    unmatched: dict[str, dict[str, object]] = {}
    for position, tier, sector, planned, planned_tier, n, first_row in cells.iter_rows():
        _, _, problems = resolve_posts(book.catalogue, position, tier, sector, planned, planned_tier)
        if not problems:
            continue
        for title in [*split_titles(position), *split_titles(planned)]:
            if book.catalogue.matcher.match_post(title, tier, sector) is None and (
                book.catalogue.matcher.match_post(title, planned_tier or tier, sector) is None
            ):
                entry = unmatched.setdefault(
                    title, {"count": 0, "first_row": first_row, "tier": tier, "sector": sector}
                )
                entry["count"] += n  # type: ignore[operator]
                entry["first_row"] = min(entry["first_row"], first_row)  # type: ignore[type-var]
    for title, entry in unmatched.items():
        entry["suggestions"] = [
            p.title for p in book.catalogue.matcher.suggest(title, entry["tier"], entry["sector"])
        ]
    return {"people": frame.height, "levels": per_level, "unmatched": unmatched}


def format_summary(summary: dict[str, object]) -> str:
    """The end-of-run summary in Vietnamese."""
    lines = [f"Tổng số người: {summary['people']:,}"]
    levels: dict = summary["levels"]  # type: ignore[assignment]
    for level in LEVELS:
        if level in levels:
            c = levels[level]
            lines.append(
                f"{LEVEL_LABELS[level]}: đủ điều kiện {c['eligible']:,} · không đủ {c['not_eligible']:,}"
                f" · không xét được {c['not_judged']:,}"
            )
    unmatched: dict = summary["unmatched"]  # type: ignore[assignment]
    if unmatched:
        lines.append(f"Chức vụ không có trong danh mục ({len(unmatched)}):")
        for title, entry in sorted(unmatched.items(), key=lambda item: -item[1]["count"]):
            hint = "; ".join(entry["suggestions"])
            lines.append(
                f"  «{title}»: {entry['count']:,} dòng (dòng đầu tiên: {entry['first_row']})"
                f" — gần nhất: {hint}"
            )
    if summary.get("problems"):
        lines.append(f"Ô dữ liệu không hợp lệ (để trống khi xét): {summary['problems']:,}")
    lines.append(f"Thời gian: {summary.get('seconds', 0)} giây")
    return "\n".join(lines)


def _say(stream: TextIO | None, text: str) -> None:
    if stream is not None:
        stream.write(text + "\n")
        stream.flush()
