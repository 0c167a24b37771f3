"""Cadre list and search latency with 150,000 cadres (goal: p95 ≤ 300 ms).

    LLCT_DATA_DIR=/tmp/llct-bench-web LLCT_DEBUG=0 uv run python bench/web/bench_list.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/llct_bench_web LLCT_DEBUG=0 \
        uv run python bench/web/bench_list.py

Loads (once; kept for the next run) a province-sized registry: two provinces of 80 communes and 12
departments each, 150,000 cadres with realistic Vietnamese names from `llct.demo.rosters`, each holding one
current post. Then times full requests through Django's test client (middleware, session, scope, query,
template), as the province administrator (whole tree) and as a province's organisation board officer.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
import unicodedata

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "llct.settings")


def ensure_postgres_database() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def load(n: int) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from llct.accounts.models import Role, User
    from llct.demo.rosters import synthetic_roster
    from llct.registry.choices import Sector, Tier, UnitKind
    from llct.registry.models import Assignment, Cadre, Post, Unit
    from llct.vntext import fold, name_sort_key, normalize

    call_command("migrate", verbosity=0)
    if Cadre.objects.count() == n:
        return
    print(f"loading {n:,} cadres…", file=sys.stderr)
    started = time.perf_counter()
    with transaction.atomic():
        Assignment.objects.all().delete()
        Cadre.objects.all().delete()
        User.objects.filter(username__startswith="bench-").delete()
        Unit.objects.all().delete()
        Post.objects.all().delete()
        central = Unit.add_root(
            code="TW",
            name="Trung ương",
            tier=Tier.CENTRAL,
            sector=Sector.PARTY,
            kind=UnitKind.PARTY_COMMITTEE,
        )
        leaves = []
        for p in range(2):
            province = central.add_child(
                code=f"T{p}",
                name=f"Tỉnh Bench {p}",
                tier=Tier.PROVINCE,
                sector=Sector.PARTY,
                kind=UnitKind.PARTY_COMMITTEE,
            )
            leaves.append(province)
            for d in range(12):
                leaves.append(
                    province.add_child(
                        code=f"T{p}-S{d}",
                        name=f"Sở {d} tỉnh {p}",
                        tier=Tier.PROVINCE,
                        sector=Sector.STATE,
                        kind=UnitKind.DEPARTMENT,
                    )
                )
            for c in range(80):
                leaves.append(
                    province.add_child(
                        code=f"T{p}-X{c}",
                        name=f"Xã {c} tỉnh {p}",
                        tier=Tier.COMMUNE,
                        sector=Sector.STATE,
                        kind=UnitKind.ADMINISTRATIVE,
                    )
                )
        posts = Post.objects.bulk_create(
            Post(code=f"P{i}", title=f"Chức vụ {i}", sector=Sector.STATE, tier=Tier.COMMUNE, rank=10 + i)
            for i in range(30)
        )
        roster = synthetic_roster(n, problems=0).select("Mã cán bộ", "Họ và tên", "Số CCCD", "Ngày sinh")
        theory = ["", "so_cap", "trung_cap", "cao_cap"]
        party = ["", "du_bi", "chinh_thuc", "chinh_thuc"]
        batch = []
        for i, (code, name, cid, birth) in enumerate(roster.iter_rows()):
            name = normalize(name)
            batch.append(
                Cadre(
                    code=code,
                    full_name=name,
                    name_sort_key=name_sort_key(name),
                    name_search=fold(name),
                    citizen_id=cid,
                    birth_date=dt.datetime.strptime(birth, "%d/%m/%Y").date(),
                    sex="nam" if i % 2 else "nu",
                    unit=leaves[i % len(leaves)],
                    theory_level=theory[i % 4],
                    party_status=party[i % 3],
                    party_admitted_on=dt.date(2000, 1, 1) if i % 3 else None,
                    party_official_on=dt.date(2001, 1, 1) if i % 3 else None,
                )
            )
        # Bulk load for the benchmark only: the audit trail is not what is measured here.
        cadres = Cadre.objects.bulk_create(batch, batch_size=2000)
        Assignment.objects.bulk_create(
            (
                Assignment(cadre=c, post=posts[i % len(posts)], unit=c.unit, valid_from=dt.date(2021, 1, 1))
                for i, c in enumerate(cadres)
            ),
            batch_size=2000,
        )
        User.objects.create_superuser("bench-admin", password="x", role=Role.ADMIN, unit=central)
        User.objects.create_user("bench-board", password="x", role=Role.ORG_BOARD, unit=leaves[0])
    call_command("migrate", verbosity=0)
    from django.db import connection

    with connection.cursor() as cursor:
        # What autovacuum does to a live database: statistics, and the visibility map for index-only scans.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def cases() -> list[tuple[str, dict]]:
    from llct.registry.models import Post, Unit

    commune = Unit.objects.get(code="T0-X7")
    post = Post.objects.get(code="P3")
    return [
        ("list, first page", {}),
        ("list, page 1,500 (middle)", {"page": 1500}),
        ("list, last page", {"page": 3000}),
        ("filter unit subtree (province)", {"unit": Unit.objects.get(code="T1").pk}),
        ("filter unit (commune)", {"unit": commune.pk}),
        ("filter Party + LLCT level", {"party_status": "chinh_thuc", "theory_level": "trung_cap"}),
        ("filter post held", {"post": post.pk}),
        (
            "filter all four",
            {"unit": commune.pk, "post": post.pk, "party_status": "du_bi", "theory_level": "so_cap"},
        ),
        ("search 'nguyen van an'", {"q": "nguyen van an"}),
        ("search 'Nguyễn Văn An' (NFC)", {"q": "Nguyễn Văn An"}),
        ("search NFD 'Trần Thị'", {"q": unicodedata.normalize("NFD", "Trần Thị")}),
        ("search 'HUONG' (many hits)", {"q": "HUONG"}),
        ("search 'xyzq' (no hit)", {"q": "xyzq"}),
        ("search code 'CB0075000'", {"q": "CB0075000"}),
        ("search + filter, page 3", {"q": "thi", "party_status": "chinh_thuc", "page": 3}),
        ("htmx live search 'le van'", {"q": "le van", "_htmx": True}),
    ]


def measure(repeat: int) -> list[tuple[str, str, float, float, int]]:
    from django.test import Client
    from django.urls import reverse

    from llct.accounts.models import User

    url = reverse("registry:cadre_list")
    rows = []
    for who in ("bench-admin", "bench-board"):
        client = Client()
        client.force_login(User.objects.get(username=who))
        for label, params in cases():
            params = dict(params)
            headers = {"HX-Request": "true"} if params.pop("_htmx", False) else {}
            timings = []
            for i in range(repeat + 2):
                started = time.perf_counter()
                response = client.get(url, params, headers=headers)
                elapsed = (time.perf_counter() - started) * 1000
                assert response.status_code == 200, (label, response.status_code)
                if i >= 2:  # two warm-up requests
                    timings.append(elapsed)
            timings.sort()
            p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
            count = response.context["page"].paginator.count
            rows.append((who.removeprefix("bench-"), label, statistics.median(timings), p95, count))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cadres", type=int, default=150_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    ensure_postgres_database()
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    load(args.cadres)
    setup_test_environment()  # lets the client capture the template context (the hit count)
    print(f"{connection.vendor}, {args.cadres:,} cadres, {args.repeat} requests per case after 2 warm-ups")
    print("| user | case | hits | p50 ms | p95 ms |\n|---|---|---:|---:|---:|")
    worst = 0.0
    for who, label, p50, p95, count in measure(args.repeat):
        worst = max(worst, p95)
        print(f"| {who} | {label} | {count:,} | {p50:.0f} | {p95:.0f} |")
    print(f"worst p95: {worst:.0f} ms (goal ≤ 300 ms)")


if __name__ == "__main__":
    main()
