"""Statistics at national scale (PostgreSQL, the data of `national.py`) and on the demo's SQLite database.

    uv run python bench/statistics/bench_statistics.py [--db llct_bench_stats2] [--rounds 7] [--records]
                                                       [--freshness] [--rebuild]
    uv run python bench/statistics/bench_statistics.py --demo

National (default): in the same run and interleaved, round after round,
  - the floor: a bare `GROUP BY province, programme, year` over the enrolments (joined to their class and
    its institution's path: the rows the figures count), in SQL on the same connection;
  - three-dimension national pivots and the province yearly report through `statistics_table` /
    `report_build`, read from the kept aggregates (tallies);
  - with `--records`, the same pivots counted from the records (the engine's row-level path), once.
Then a province board officer's statistics page and API through Django's test client (p50 / p95 of
`--repeat` requests after two warm-ups). `--freshness`: what keeping the tallies fresh costs — a learner's
result saved with and without the marking, a class of 50 assessed, refreshing one class and 500, the
time from a commit to the refresh by a running `llct run_huey` consumer, and the province page while one
of its classes waits. `--rebuild`: `tallies_rebuild()` (llct statistics-rebuild) once.

`--demo`: `llct.demo.load.demo_load()` into a fresh SQLite file (bench/data/), then the three standard
reports for the last two years of its history, as figures (`report_build`), .xlsx and PDF.

Every figure comes with the load average (1 min) before and after its section.
"""

import argparse
import functools
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

FLOOR = """
SELECT substr(u.path, 1, 8) AS province, c.programme_id, extract(year FROM c.starts_on) AS year, count(*)
FROM training_enrolment e
JOIN training_trainingclass c ON c.id = e.training_class_id
JOIN registry_unit u ON u.id = c.institution_id
GROUP BY 1, 2, 3
"""
PIVOTS = {
    "learner-places by province × programme × year": dict(
        indicators=("learner_places",), rows=("unit", "programme"), columns=("year",)
    ),
    "classes opened, completed, pass rate by province × level × year": dict(
        indicators=("classes_opened", "completed", "pass_rate"), rows=("unit", "level"), columns=("year",)
    ),
    "documents issued, late, mean days by province × level × month, 2024": dict(
        indicators=("credentials_issued", "credentials_late", "mean_days_to_issue"),
        rows=("unit", "level"),
        columns=("month",),
        year_from=2024,
        year_to=2024,
    ),
    "learner-places by province × family × year, units as now": dict(
        indicators=("learner_places",), rows=("unit", "family"), columns=("year",), units="as_now"
    ),
}
PAGES = {
    "page, first visit (last year by unit × level, chart)": "/statistics/",
    "page, 3 indicators by commune × year": "/statistics/?indicators=classes_opened,learner_places,completed"
    "&rows=unit&columns=year&year_from=2022&year_to=2025",
    "page, documents by level × month (htmx)": "/statistics/?indicators=credentials_issued,credentials_late,"
    "mean_days_to_issue&rows=level&columns=month&year=2024",
    "page, drill down to a commune": "/statistics/?indicators=classes_opened,learner_places"
    "&rows=unit,programme&year=2025&unit={commune}",
    "API, learner-places by unit × level × year": "/api/statistics?indicators=learner_places"
    "&rows=unit,level&columns=year",
}
ENROLMENT_SAVED = "tallies-save-training.Enrolment"


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def clock(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("LLCT_DATA_DIR", "/tmp/llct-bench-stats")
    os.environ.setdefault("LLCT_DEBUG", "0")
    os.environ["DJANGO_SETTINGS_MODULE"] = "llct.settings"
    import django

    django.setup()


# ---------------------------------------------------------------- national


def national(args) -> None:
    from django.db import connection

    from llct.oversight.statistics.aggregates import TallySource
    from llct.oversight.statistics.engine import StatisticsQuery, statistics_table
    from llct.oversight.statistics.keeping import tallies_fresh
    from llct.oversight.statistics.reports import report_build
    from llct.oversight.statistics.sources import OrmSource

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM training_enrolment")
        enrolments = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM oversight_classtally")
        tallies = cursor.fetchone()[0]
    fresh = tallies_fresh(("",), None)
    print(f"{enrolments:,} enrolments, {tallies:,} class tally rows; tallies fresh: {fresh}")

    def floor() -> None:
        with connection.cursor() as cursor:
            cursor.execute(FLOOR)
            cursor.fetchall()

    def pivot(spec, source=None):
        return lambda: statistics_table(StatisticsQuery(**spec), ("",), source=source or TallySource())

    def province_report() -> None:
        report_build("province_yearly", 2024, ("",), unit=args.province)

    cases = {"floor: bare GROUP BY province, programme, year": floor}
    cases |= {f"pivot: {name}": pivot(spec) for name, spec in PIVOTS.items()}
    cases["province yearly report 2024 (figures of its 5 tables)"] = province_report
    times: dict[str, list[float]] = {name: [] for name in cases}
    before = load()
    for fn in cases.values():  # warm the caches once
        fn()
    for _round in range(args.rounds):
        for name, fn in cases.items():
            times[name].append(clock(fn))
    after = load()
    floor_ms = median_ms(times[next(iter(cases))])
    print(f"\n## National figures, median of {args.rounds} interleaved rounds (load {before} → {after})\n")
    print("| What | median | min | ratio to the floor |\n|---|---:|---:|---:|")
    for name, samples in times.items():
        ms = median_ms(samples)
        print(f"| {name} | {ms:,.0f} ms | {min(samples) * 1000:,.0f} ms | {ms / floor_ms:.3f} |")

    if args.records:
        before = load()
        print(f"\n## The same pivots counted from the records, once (load {before})\n")
        for name, spec in PIVOTS.items():
            print(f"| {name} | {clock(pivot(spec, OrmSource())):,.1f} s |")
        print(f"(load after: {load()})")

    pages(args)
    if args.freshness:
        freshness(args)
    if args.rebuild:
        from llct.oversight.statistics.keeping import tallies_rebuild

        before = load()
        rebuild = tallies_rebuild()
        print(f"\nfull rebuild: {rebuild.rows:,} rows in {rebuild.seconds:.1f} s (load {before} → {load()})")


def _board_client(province: str):
    from django.test import Client

    from llct.accounts.models import Role, User
    from llct.registry.models import Unit

    unit = Unit.objects.get(code=province)
    user, _ = User.objects.get_or_create(
        username=f"bench-board-{province}", defaults={"role": Role.ORG_BOARD, "unit": unit}
    )
    client = Client()
    client.force_login(user)
    return client


def pages(args) -> None:
    from llct.registry.models import Unit

    client = _board_client(args.province)
    communes = Unit.objects.filter(code__startswith=f"{args.province}-X", kind="hanh_chinh", valid_to=None)
    commune = communes.order_by("path").first()
    before = load()
    print(f"\n## {args.province}'s board officer, {args.repeat} requests each after 2 warm-ups\n")
    print("| Request | p50 | p95 |\n|---|---:|---:|")
    worst = 0.0
    for name, url in PAGES.items():
        url = url.format(commune=commune.code)
        headers = {"HTTP_HX_REQUEST": "true"} if "htmx" in name else {}
        samples = []
        for i in range(args.repeat + 2):
            start = time.perf_counter()
            response = client.get(url, **headers)
            elapsed = time.perf_counter() - start
            assert response.status_code == 200, (url, response.status_code)
            if i >= 2:
                samples.append(elapsed)
        worst = max(worst, p95_ms(samples))
        print(f"| {name} | {median_ms(samples):,.0f} ms | {p95_ms(samples):,.0f} ms |")
    print(f"\nworst p95 {worst:,.0f} ms (load {before} → {load()})")


def freshness(args) -> None:
    from django.db import transaction
    from django.db.models.signals import post_save
    from huey.contrib.djhuey import HUEY

    from llct.oversight.models import TallyRefresh
    from llct.oversight.statistics import keeping
    from llct.training.models import Enrolment, TrainingClass

    HUEY.immediate = False  # the refresh goes to the queue, as in production
    classes = TrainingClass.objects.filter(institution__code__startswith=args.province, capacity__gte=50)
    klass = classes.order_by("pk").first()
    learners = list(Enrolment.objects.filter(training_class=klass).order_by("pk")[:50])
    learner = learners[0]

    def save_one() -> None:
        with transaction.atomic():
            learner.status = "khong_hoan_thanh" if learner.status == "hoan_thanh" else "hoan_thanh"
            learner.save()

    def assess_class() -> None:
        with transaction.atomic():
            for e in learners:
                e.save()

    def unmarked(fn) -> float:
        post_save.disconnect(sender=Enrolment, dispatch_uid=ENROLMENT_SAVED)
        try:
            return clock(fn)
        finally:
            post_save.connect(keeping.on_class_record_saved, sender=Enrolment, dispatch_uid=ENROLMENT_SAVED)

    before = load()
    rows = []
    for label, fn in (("one learner's result saved", save_one), ("a class of 50 assessed", assess_class)):
        marked, plain = [], []
        for _ in range(args.repeat):  # alternately, so that the machine's load falls on both alike
            marked.append(clock(fn))
            plain.append(unmarked(fn))
        rows.append((label, median_ms(marked), median_ms(plain)))
    keeping.tallies_refresh()

    def refresh_one() -> None:
        with transaction.atomic():
            keeping.classes_changed([klass.pk])
        keeping.tallies_refresh()

    one = [clock(refresh_one) for _ in range(5)]
    province_classes = TrainingClass.objects.filter(institution__code__startswith=args.province)
    ids = list(province_classes.order_by("pk").values_list("pk", flat=True)[:500])
    with transaction.atomic():
        keeping.classes_changed(ids)
    batch = clock(keeping.tallies_refresh)
    print(f"\n## Keeping the tallies fresh (load {before} → {load()})\n")
    print("| Write | with the marking | without | cost |\n|---|---:|---:|---:|")
    for label, with_ms, without_ms in rows:
        print(f"| {label} | {with_ms:.1f} ms | {without_ms:.1f} ms | {with_ms - without_ms:+.1f} ms |")
    print(f"\nrefresh of one class (mark + refresh): {median_ms(one):.0f} ms")
    print(f"refresh of {len(ids)} classes: {batch:.2f} s")

    # While a class of the province waits, the province's figures are counted from the records.
    client = _board_client(args.province)
    url = "/statistics/?indicators=classes_opened,learner_places,completed&rows=unit&columns=year"
    client.get(url)
    fresh = [clock(lambda: client.get(url)) for _ in range(5)]
    with transaction.atomic():
        keeping.classes_changed([klass.pk])
    waiting = [clock(lambda: client.get(url)) for _ in range(3)]
    keeping.tallies_refresh()
    print(
        f"province page, tallies fresh: {median_ms(fresh):,.0f} ms; while one of its classes waits "
        f"(counted from the records): {median_ms(waiting):,.0f} ms"
    )

    # From the commit to the refresh, with the task queue's consumer running.
    consumer = subprocess.Popen(["uv", "run", "llct", "run_huey", "-q"], cwd=ROOT, env={**os.environ})
    try:
        time.sleep(8)
        delays = []
        for _ in range(5):
            start = time.perf_counter()
            save_one()
            while TallyRefresh.objects.exists():
                time.sleep(0.005)
            delays.append(time.perf_counter() - start)
            time.sleep(1)
        queue = "Redis" if os.environ.get("LLCT_REDIS_URL") else "SQLite"
        print(
            f"commit → refreshed by `llct run_huey` ({queue} queue): median {median_ms(delays):,.0f} ms, "
            f"max {max(delays) * 1000:,.0f} ms (load {load()})"
        )
    finally:
        consumer.terminate()
        consumer.wait()


# ---------------------------------------------------------------- the demo on SQLite


def demo() -> None:
    from django.core.management import call_command

    from llct.demo.load import demo_load
    from llct.oversight.statistics.keeping import tallies_rebuild
    from llct.oversight.statistics.report_files import report_pdf, report_xlsx
    from llct.oversight.statistics.reports import layouts, report_build
    from llct.registry.models import Unit
    from llct.training.models import Enrolment, TrainingClass

    call_command("migrate", verbosity=0)
    tick = time.perf_counter()
    demo_load()
    print(f"demo loaded in {time.perf_counter() - tick:.0f} s")
    years = sorted({d.year for d in TrainingClass.objects.values_list("starts_on", flat=True)})
    counts = f"{TrainingClass.objects.count():,} classes, {Enrolment.objects.count():,} enrolments"
    print(f"{counts}, years {years}")
    province = Unit.objects.filter(depth=2).order_by("path").first()
    centre = Unit.objects.filter(kind="trung_tam_chinh_tri_xa").order_by("path").first()
    units = {"province_yearly": province.code, "so_cap_diplomas": province.code}
    units["commune_centre_november"] = centre.code if centre else province.code
    for kept in (False, True):
        if kept:
            tallies_rebuild()
        print(f"\n## Demo on SQLite, tallies {'kept' if kept else 'not built'} (load {load()})\n")
        print("| Report | year | figures | .xlsx | PDF |\n|---|---|---:|---:|---:|")
        for code in layouts():
            for year in years[-2:]:
                build = functools.partial(report_build, code, year, ("",), unit=units[code])
                build()  # warm
                figures = clock(build)
                built = build()
                xlsx = clock(functools.partial(report_xlsx, built, io.BytesIO()))
                pdf = clock(functools.partial(report_pdf, built))
                times = f"{figures * 1000:.0f} ms | {xlsx * 1000:.0f} ms | {pdf * 1000:.0f} ms"
                print(f"| {code} | {year} | {times} |")
        print(f"(load after: {load()})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="llct_bench_stats2")
    parser.add_argument("--province", default="T05")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--records", action="store_true")
    parser.add_argument("--freshness", action="store_true")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--demo", action="store_true")
    args = parser.parse_args()
    if args.demo:
        data = ROOT / "bench" / "data"
        data.mkdir(parents=True, exist_ok=True)
        database = data / "demo-statistics.sqlite3"
        database.unlink(missing_ok=True)
        os.environ["LLCT_DATA_DIR"] = str(data / "demo-statistics")
        setup(f"sqlite:///{database}")
        demo()
    else:
        setup(f"postgres://postgres@127.0.0.1:5432/{args.db}")
        national(args)


if __name__ == "__main__":
    main()
