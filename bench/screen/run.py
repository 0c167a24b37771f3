"""Screening benchmark (issue 3): 1,000,000 synthetic roster rows in Parquet, all three levels with reasons,
on a date under QĐ 57 (2024-05-01: sơ cấp is really screened) and one under QĐ 350 (2026-06-01); the I/O
floor; and a 200,000-row .xlsx end to end. Goal: ≤ 3 s wall and ≤ 2 GiB peak RSS for the 1M Parquet run.

    uv run python bench/screen/run.py                  # every case; data generated once into bench/data/
    uv run python bench/screen/run.py --rows 100000    # a smaller roster

Each measured run is a child process (`screen` or `floor` below), so its wall time includes starting
Python and importing Polars and llct, and its peak RSS is the child's own (`os.wait4`). `screen` is
`llct.regulations.cli.screen_file` (what `llct screen` runs, without Django's start-up); `llct` is the real
command (`python -m llct.cli screen`, no database). `floor` is the same read (`llct.roster.read_roster`) and
the same write (`write_screening`) of a frame of the same shape — one row per person and level, and the
screening's own reasons column, loaded before the clock starts — with no rules. Each case runs --repeat
times (default 3): the best wall time is reported with every run's time, the load average before each run
(above --max-load a run waits, up to --wait seconds, for the machine to quieten) and the largest peak RSS.
"""

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "bench" / "data"


def _child_screen(args: argparse.Namespace) -> None:
    import io

    from llct.regulations.cli import screen_file

    progress = io.StringIO()
    started = time.perf_counter()
    summary = screen_file(args.path, dt.date.fromisoformat(args.on), args.output, progress=progress)
    seconds = time.perf_counter() - started
    counts = {level: vars(c) for level, c in summary.levels.items()}
    lines = progress.getvalue().splitlines()
    phases = [line for line in lines if line.startswith("Đã đọc")] + [
        line for line in lines if line.startswith("Đã xét")
    ][-1:]
    print(json.dumps({"seconds": seconds, "people": summary.people, "counts": counts, "phases": phases}))


def _child_floor(args: argparse.Namespace) -> None:
    import polars as pl

    from llct.regulations.cli import write_screening
    from llct.roster import read_roster

    reasons = pl.read_parquet(args.reasons_like, columns=["reasons"])["reasons"]
    started = time.perf_counter()
    codes = read_roster(args.path).frame["code"]
    levels = pl.Series(["so_cap", "trung_cap", "cao_cap"], dtype=pl.Enum(["so_cap", "trung_cap", "cao_cap"]))
    n = len(codes)
    position = pl.int_range(n * 3, eager=True)
    out = pl.DataFrame(
        {
            "code": codes.gather(position // 3),
            "level": levels.gather(position % 3),
            "eligible": pl.repeat(False, n * 3, eager=True),
            "modes": pl.repeat("", n * 3, eager=True).cast(pl.Categorical),
            "regulation": pl.repeat("57-QĐ/TW", n * 3, eager=True).cast(pl.Categorical),
            "institution": pl.repeat("truong_chinh_tri_tinh", n * 3, eager=True).cast(pl.Categorical),
            "reasons": reasons,
        }
    )
    write_screening(out, Path(args.output))
    print(json.dumps({"seconds": time.perf_counter() - started, "people": n}))


def _wait_for_quiet(max_load: float, wait: float) -> float:
    deadline = time.monotonic() + wait
    load = os.getloadavg()[0]
    while load > max_load and time.monotonic() < deadline:
        time.sleep(15)
        load = os.getloadavg()[0]
    return load


def _once(command: list[str], args: argparse.Namespace, env: dict | None) -> dict:
    """One child run: its wall time, its own peak RSS (`os.wait4`), its JSON line, the load before it."""
    load = _wait_for_quiet(args.max_load, args.wait)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text, problems = out.read(), err.read()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{problems}")
    last = text.strip().splitlines()[-1] if text.strip() else ""
    figures = json.loads(last) if last.startswith("{") else {}
    return {"wall": wall, "peak_mib": usage.ru_maxrss / 1024, "load": load, **figures}


def _run(label: str, command: list[str], args: argparse.Namespace, env: dict | None = None) -> dict:
    """Best of `args.repeat` runs (the wall time least disturbed by the other jobs on the machine), the
    largest peak RSS of the runs, and the load average before each run."""
    runs = [_once(command, args, env) for _ in range(args.repeat)]
    best = min(runs, key=lambda r: r["wall"])
    peak = max(r["peak_mib"] for r in runs)
    result = {"case": label, **best, "peak_mib": peak, "walls": [r["wall"] for r in runs],
              "loads": [r["load"] for r in runs]}  # fmt: skip
    inner = f", in process {best['seconds']:.2f} s" if "seconds" in best else ""
    walls = " / ".join(f"{r['wall']:.2f}" for r in runs)
    loads = " / ".join(f"{r['load']:.2f}" for r in runs)
    print(f"{label}: {best['wall']:.2f} s wall (runs {walls}; load {loads}){inner}, peak RSS {peak:,.0f} MiB",
          flush=True)  # fmt: skip
    for phase in best.get("phases", []):
        print(f"    {phase}", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", nargs="?", default="all", choices=["all", "screen", "floor"])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--on", default="2024-05-01")
    parser.add_argument("--output")
    parser.add_argument("--reasons-like")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=200_000)
    parser.add_argument("--max-load", type=float, default=1.5)
    parser.add_argument("--wait", type=float, default=900)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.what == "screen":
        return _child_screen(args)
    if args.what == "floor":
        return _child_floor(args)

    from llct.demo.rosters import write_synthetic_roster

    DATA.mkdir(parents=True, exist_ok=True)
    parquet = DATA / f"roster-{args.rows}.parquet"
    xlsx = DATA / f"roster-{args.xlsx_rows}.xlsx"
    for path, rows in ((parquet, args.rows), (xlsx, args.xlsx_rows)):
        if not path.exists():
            print(f"generating {path.name} …", flush=True)
            write_synthetic_roster(path, rows, seed=1)
    me = [sys.executable, str(Path(__file__).resolve())]
    results = []
    for source, suffix, on in ((parquet, ".parquet", "2024-05-01"), (parquet, ".parquet", "2026-06-01"),
                               (xlsx, ".xlsx", "2024-05-01")):  # fmt: skip
        output = DATA / f"{source.stem}-screened-{on}{suffix}"
        floor = DATA / f"{source.stem}-floor-{on}{suffix}"
        name = f"{source.name} on {on}"
        results.append(
            _run(f"screen {name}", [*me, "screen", str(source), "--on", on, "--output", str(output)], args)
        )
        reasons = DATA / f"{source.stem}-reasons-{on}.parquet"
        if suffix == ".parquet":
            reasons = output
        else:
            import polars as pl

            pl.read_excel(output, columns=["reasons"]).write_parquet(reasons)
        results.append(
            _run(
                f"floor  {name}",
                [*me, "floor", str(source), "--reasons-like", str(reasons), "--output", str(floor)],
                args,
            )
        )
        ratio = results[-2]["wall"] / results[-1]["wall"]
        print(f"  ratio screen / floor (wall): {ratio:.2f}", flush=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["LLCT_DATA_DIR"] = str(DATA / "no-database")
    command = [sys.executable, "-m", "llct.cli", "screen", str(parquet), "--on", "2024-05-01",
               "--output", str(DATA / "llct-screened.parquet")]  # fmt: skip
    results.append(_run(f"llct screen {parquet.name} on 2024-05-01 (no database)", command, args, env))
    (DATA / "screen-results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
