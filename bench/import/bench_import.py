"""Roster import into PostgreSQL: a 100,000-row roster (goal ≤ 60 s), then the same file again.

    uv run python bench/import/bench_import.py [--rows 100000] [--db llct_bench_import]

Creates (drops first) the database, migrates it, seeds the post catalogue, writes
`llct.demo.rosters.synthetic_roster(rows, seed=1, problems=0)` to bench/data/ as .csv and .xlsx, gives the
registry one root unit with a child unit for every distinct Đơn vị of the roster (a name that matches no unit
is a problem of its row), and times `roster_import` (read + whole-file check + one-transaction bulk write
with audit rows). `--profile N` instead profiles an N-row import and its re-import (bench/data/import*.prof).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", default="llct_bench_import")
    parser.add_argument("--profile", type=int, default=0, help="profile an import of this many rows")
    args = parser.parse_args()

    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{args.db}"')
        admin.execute(f'CREATE DATABASE "{args.db}"')
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    os.environ.setdefault("LLCT_DATA_DIR", "/tmp/llct-bench-import")
    os.environ["DJANGO_SETTINGS_MODULE"] = "llct.settings"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from llct.accounts.models import User
    from llct.demo.cadres import demo_posts_seed
    from llct.demo.rosters import write_synthetic_roster
    from llct.registry.choices import Sector, Tier, UnitKind
    from llct.registry.models import Assignment, Cadre, PlanningEntry, Unit, YearlyRating
    from llct.registry.roster_import.services import roster_import
    from llct.roster import read_roster, write_roster

    call_command("migrate", verbosity=0)
    demo_posts_seed()
    fields = dict(code="BENCH", name="Tỉnh Thử Nghiệm", tier=Tier.PROVINCE, sector=Sector.PARTY)
    root = Unit.objects.add_root(create_kwargs={**fields, "kind": UnitKind.ADMINISTRATIVE})
    user = User.objects.create_superuser("bench", password="bench-import-2025", unit=root)

    data = ROOT / "bench" / "data"
    data.mkdir(parents=True, exist_ok=True)
    rows = args.profile or args.rows
    csv = write_synthetic_roster(data / f"import-{rows}.csv", rows, seed=1, problems=0)
    xlsx = write_synthetic_roster(data / f"import-{rows}.xlsx", rows, seed=1, problems=0)
    names = sorted(set(read_roster(csv).frame["unit"].drop_nulls().to_list()))
    Unit.objects.bulk_create(
        Unit(
            code=f"BENCH-{i}", name=name, tier=Tier.PROVINCE,
            sector=Sector.STATE, kind=UnitKind.ADMINISTRATIVE,
            path=Unit._get_path(root.path, 2, i), depth=2, numchild=0,
        )
        for i, name in enumerate(names, 1)
    )  # fmt: skip
    Unit.objects.filter(pk=root.pk).update(numchild=len(names))
    print(f"{len(names):,} units under the root, one per distinct Đơn vị")
    if args.profile:
        profile(csv, user, root, data / "import.prof")
        return

    def timed(label: str, fn):
        start = time.perf_counter()
        out = fn()
        print(f"{label}: {time.perf_counter() - start:.1f} s")
        return out

    read = timed(".csv read_roster", lambda: read_roster(csv))
    timed(".xlsx read_roster", lambda: read_roster(xlsx))
    check = timed(
        "check only (--dry-run) .csv", lambda: roster_import(csv, user=user, unit=root, dry_run=True)
    )
    # The generator names a few posts ambiguously ("Trưởng ban" with no tier word): the import rightly
    # refuses them, so the timed file leaves those rows out.
    bad = sorted({p.row for p in check.problems})
    print(f"  {len(bad)} rows with problems left out: {[p.value for p in check.problems[:4]]}")
    clean = read.frame.filter(~read.rows.is_in(bad))
    write_roster(clean, csv)
    write_roster(clean, xlsx)
    first = timed("import (all new) .csv", lambda: roster_import(csv, user=user, unit=root))
    if first.problems:
        for p in first.problems[:20]:
            print(p)
        raise SystemExit(f"{len(first.problems)} problems: nothing written")
    print(f"  created {first.created:,} cadres")
    counts = {m.__name__: m.objects.count() for m in (Cadre, Assignment, PlanningEntry, YearlyRating)}
    history = sum(m.history.count() for m in (Cadre, Assignment, PlanningEntry, YearlyRating))
    anonymous = sum(
        m.history.exclude(history_user=user).count() for m in (Cadre, Assignment, PlanningEntry, YearlyRating)
    )
    print(f"  rows: {counts}, audit rows: {history:,} ({anonymous} without the importer as author)")
    again = timed("re-import, no change, .xlsx", lambda: roster_import(xlsx, user=user, unit=root))
    print(f"  created {again.created:,}, updated {again.updated:,}")


def profile(path, user, unit, output) -> None:
    """cProfile of the import (all new) into `output`, and of the same file again into `output`-again."""
    import cProfile
    import pstats

    from llct.registry.roster_import.services import roster_import

    for target in (output, output.with_name(output.stem + "-again.prof")):
        profiler = cProfile.Profile()
        profiler.runcall(roster_import, path, user=user, unit=unit)
        profiler.dump_stats(str(target))
        pstats.Stats(str(target)).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
