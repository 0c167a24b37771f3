"""Screening benchmark: `llct screen` code path on a synthetic roster, and the I/O floor.

    uv run python bench/screen/run.py make  --rows 1000000 --out /tmp/llct-bench/roster-1m.parquet
    /usr/bin/time -v uv run python bench/screen/run.py screen /tmp/llct-bench/roster-1m.parquet \\
        --on 2026-06-01
    /usr/bin/time -v uv run python bench/screen/run.py floor  /tmp/llct-bench/roster-1m.parquet

`screen` runs llct.regulations.cli.screen_file (read with llct.roster, all three levels with reasons,
write); `floor` reads with llct.roster and writes a frame of the same shape (3 rows per person, the
output's columns filled with constants) with no rules. Wall time and peak RSS are printed.
"""

import argparse
import datetime as dt
import resource
import sys
import time
from pathlib import Path

import polars as pl


def _report(label: str, started: float) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label}: {time.perf_counter() - started:.2f} s wall, peak RSS {peak:,.0f} MiB", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["make", "screen", "floor"])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out")
    parser.add_argument("--on", default="2026-06-01")
    parser.add_argument("--output")
    args = parser.parse_args()
    if args.what == "make":
        from llct.demo.rosters import write_synthetic_roster

        write_synthetic_roster(args.out, args.rows, seed=1)
        return
    source = Path(args.path)
    output = Path(args.output or source.with_name(source.stem + f"-{args.what}.parquet"))
    started = time.perf_counter()
    if args.what == "screen":
        from llct.regulations.cli import format_summary, screen_file

        summary = screen_file(source, dt.date.fromisoformat(args.on), output, progress=sys.stderr)
        print(format_summary(summary))
    else:
        from llct.regulations.cli import write_screening
        from llct.roster import read_roster

        roster = read_roster(str(source)).frame
        out = roster.select("code").join(
            pl.DataFrame({"level": ["so_cap", "trung_cap", "cao_cap"]}), how="cross"
        )
        out = out.with_columns(
            eligible=pl.lit(False),
            modes=pl.lit(""),
            regulation=pl.lit("350-QĐ/TW"),
            institution=pl.lit("truong_chinh_tri_tinh"),
            reasons=pl.lit(""),
        )
        write_screening(out, output)
    _report(args.what, started)


if __name__ == "__main__":
    main()
