"""The malformed-file corpus against the time bound: every file read by `read_roster` within LIMIT seconds,
and the reader's overhead on a good 100,000-row .xlsx (inspection of the zip, the child process).

    uv run python bench/import/bench_malformed.py [--limit 30] [--rows 100000]

Writes the corpus (tests/roster/malformed.py) to bench/data/malformed/, reads each file in this process
(a crash of the reader would end the run) and prints the slowest files, the outcome counts and whether
every file kept the bound; exit status 1 when one did not.
"""

import argparse
import io
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=float, default=30.0, help="seconds allowed for one file")
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the good file timed for overhead")
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    from tests.roster.malformed import corpus
    from tests.roster.malformed import main as write_corpus

    from llct.demo.rosters import synthetic_roster
    from llct.roster import RosterError, read_roster, write_roster
    from llct.roster.bounds import inspect_zip

    folder = ROOT / "bench" / "data" / "malformed"
    write_corpus(str(folder))
    times: dict[str, float] = {}
    outcomes: Counter[str] = Counter()
    for name in corpus():
        start = time.perf_counter()
        try:
            read = read_roster(folder / name)
            outcomes["read (problems listed per row)" if read.problems else "read clean"] += 1
        except RosterError:
            outcomes["refused with a message"] += 1
        times[name] = time.perf_counter() - start
    slowest = sorted(times.items(), key=lambda item: -item[1])[:8]
    print(f"{len(times)} files, {sum(times.values()):.1f} s in all; {dict(outcomes)}")
    for name, seconds in slowest:
        print(f"  {seconds:6.2f} s  {name}")

    buffer = io.BytesIO()
    write_roster(synthetic_roster(args.rows, seed=1, problems=0), buffer, "xlsx")
    data = buffer.getvalue()
    start = time.perf_counter()
    inspect_zip(data)
    inspected = time.perf_counter() - start
    start = time.perf_counter()
    read_roster(data, "good.xlsx")
    whole = time.perf_counter() - start
    print(f"good {args.rows:,}-row .xlsx: inspection {inspected:.2f} s, whole read {whole:.2f} s")
    over = [name for name, seconds in times.items() if seconds > args.limit]
    print("every file within the bound" if not over else f"over {args.limit} s: {over}")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
