"""Time the demo-data generators: a synthetic roster of N rows, the demo province loaded into a fresh
SQLite database, and everything `llct demo` loads (`demo_load`: the province, its history since 2019,
today's classes and their documents) into another.

    uv run python bench/demo/bench_demo.py [--rows 1000000] [--cadres 5000]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cadres", type=int, default=5000)
    args = parser.parse_args()

    from llct.demo.rosters import synthetic_roster

    started = time.perf_counter()
    roster = synthetic_roster(args.rows, seed=0)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"synthetic_roster({args.rows:,}): {seconds:.2f} s, frame {roster.estimated_size('mb'):.0f} MB, "
          f"peak RSS {peak:.0f} MB")  # fmt: skip
    del roster

    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["LLCT_DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "llct.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        from llct.demo.province import demo_province_load

        summary = demo_province_load(size=args.cadres)
        print(
            f"demo_province_load({args.cadres:,}) on SQLite: {summary.seconds:.1f} s, {summary.units} units, "
            f"{summary.cadres:,} cadres, {summary.assignments:,} assignments, {summary.planning:,} planning "
            f"entries, {summary.ratings:,} ratings"
        )
        call_command("flush", interactive=False, verbosity=0)
        from llct.demo.load import demo_load
        from llct.training.models import Attendance, Enrolment, TrainingClass

        summary = demo_load(size=args.cadres)
        classes, enrolments = TrainingClass.objects.count(), Enrolment.objects.count()
        print(
            f"demo_load({args.cadres:,}) on SQLite: {summary.seconds:.1f} s, {classes:,} classes, "
            f"{enrolments:,} enrolments, {Attendance.objects.count():,} attendance rows"
        )


if __name__ == "__main__":
    main()
