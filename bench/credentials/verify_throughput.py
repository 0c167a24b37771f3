"""Benchmark: the public verification endpoint next to a trivial view on the same server (goal ≥ 50%).

    LLCT_DATA_DIR=/tmp/llct-bench-verify uv run python bench/credentials/verify_throughput.py \\
        [--seconds 5] [--rounds 3] [--connections 8] [--workers 2] [--port 8765]

Migrates the database (SQLite in LLCT_DATA_DIR, or DATABASE_URL's), issues one certificate, starts gunicorn
on 127.0.0.1 (stopped at the end) with LLCT_VERIFY_RATE_LIMIT raised to 1e9 so the limit is counted on
every request (in the database cache, or in Redis when LLCT_REDIS_URL is set) but never answers 429, then for
each URL runs `--connections` keep-alive HTTP/1.1 clients (threads, http.client, loopback only) for
`--seconds`, in `--rounds` interleaved rounds (median reported), counting 200 responses. Each connection
is another client (X-Forwarded-For from 127.0.0.1, a trusted proxy, as behind nginx), so each counts in
its own rate-limit key; `--one-client` sends them all as one client, whose key then serialises them:
/bench-trivial/, /verify/<token> (the HTML page) and
/api/credentials/verify/<serial>?proof=<token> (the API).
"""

import argparse
import datetime as dt
import http.client
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("LLCT_DATA_DIR", "/tmp/llct-bench-verify")
os.environ["LLCT_VERIFY_RATE_LIMIT"] = str(10**9)
os.environ["LLCT_TRUSTED_PROXIES"] = "127.0.0.1"
os.environ["LLCT_DEBUG"] = "0"  # as served in production: no debug toolbar of queries and templates
os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
sys.path.insert(0, str(HERE))


def prepare() -> tuple[str, str]:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from llct.accounts.models import User
    from llct.credentials.models import Credential
    from llct.credentials.services import credential_issue
    from llct.registry.choices import Sector, Tier, UnitKind
    from llct.registry.models import Cadre, Unit
    from llct.registry.services.cadres import cadre_save
    from llct.training.choices import AssessmentScheme, ProgrammeFamily, ProgrammeOutput
    from llct.training.models import Enrolment, Programme, RecognitionDecision, TrainingClass

    existing = Credential.objects.first()
    if existing:
        return existing.token, existing.serial
    root = Unit.objects.add_root(
        create_kwargs=dict(
            code="BENCH",
            name="Tỉnh Bắc Sơn",
            tier=Tier.PROVINCE,
            kind=UnitKind.ADMINISTRATIVE,
            sector=Sector.PARTY,
        )
    )
    centre = Unit.objects.add_child(
        Unit.objects.get(pk=root.pk),
        create_kwargs=dict(
            code="BENCH-TTCT",
            name="Trung tâm Chính trị xã Tiên Phong",
            tier=Tier.COMMUNE,
            kind=UnitKind.COMMUNE_CENTRE,
            sector=Sector.PUBLIC_SERVICE,
        ),
    )
    officer = User.objects.create_user("bench-verify", role="giao_vu", unit=centre)
    programme, _ = Programme.objects.get_or_create(
        code="BENCH_NHAN_THUC",
        defaults=dict(
            name="Bồi dưỡng nhận thức về Đảng",
            family=ProgrammeFamily.COMMUNE_CENTRE,
            output=ProgrammeOutput.CERTIFICATE,
            assessment_scheme=AssessmentScheme.ESSAY_QD1147,
        ),
    )
    klass = TrainingClass.objects.create(
        institution=centre,
        code="BENCH-V1",
        name="Lớp 1",
        programme=programme,
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 2, 20),
        capacity=30,
    )
    cadre = cadre_save(Cadre(code="BV000001", full_name="Nguyễn Thị Xác Minh", sex="nu", unit=centre))
    enrolment = Enrolment.objects.create(
        training_class=klass, cadre=cadre, sending_unit=centre, status="hoan_thanh", completed=True
    )
    decision = RecognitionDecision.objects.create(
        training_class=klass, number="1/QĐ-TTCT", signed_on=dt.date(2026, 3, 2), signed_by="Lê Văn Giám"
    )
    decision.enrolments.add(enrolment)
    credential = credential_issue(enrolment, officer)
    return credential.token, credential.serial


def load(port: int, path: str, seconds: float, connections: int, one_client: bool) -> tuple[int, list[int]]:
    ok = [0] * connections
    bad: list[int] = []
    deadline = time.perf_counter() + seconds

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        # As behind the reverse proxy of a deployment: each connection is another client, named by the
        # proxy's X-Forwarded-For (127.0.0.1 is a trusted proxy here); with --one-client all are one.
        headers = {} if one_client else {"X-Forwarded-For": f"198.51.100.{i + 1}"}
        while time.perf_counter() < deadline:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                ok[i] += 1
            else:
                bad.append(response.status)
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(ok), bad


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--one-client", action="store_true", help="all connections from one address")
    args = parser.parse_args()
    token, serial = prepare()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "llct.wsgi:application",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--pythonpath",
            str(HERE),
            "--log-level",
            "warning",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench_settings"},
    )
    try:
        for _ in range(300):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30)
                probe.request("GET", "/bench-trivial/")
                if probe.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        urls = {
            "trivial view": "/bench-trivial/",
            "verification page": f"/verify/{token}",
            "verification API": f"/api/credentials/verify/{serial}?proof={token}",
        }
        for path in urls.values():
            load(
                args.port, path, 1.0, args.connections, args.one_client
            )  # warm-up: imports, template cache, connections
        # Interleaved rounds, median of each: the machine is shared, so load drifts during a run.
        rates: dict[str, list[float]] = {name: [] for name in urls}
        for _ in range(args.rounds):
            for name, path in urls.items():
                ok, bad = load(args.port, path, args.seconds, args.connections, args.one_client)
                assert not bad, (name, sorted(set(bad)))
                rates[name].append(ok / args.seconds)
        results = {name: statistics.median(r) for name, r in rates.items()}
        averages = os.getloadavg()
        print(
            f"database: {os.environ.get('DATABASE_URL', 'sqlite').split('@')[-1]}; cache: "
            f"{'redis' if os.environ.get('LLCT_REDIS_URL') else 'database'}; "
            f"load average after: {averages[0]:.2f} {averages[1]:.2f}"
        )
        for name, rate in results.items():
            print(
                f"{name:18} {rate:8.0f} req/s  "
                f"(median of {args.rounds}: {', '.join(f'{r:.0f}' for r in rates[name])})"
            )
        base = results["trivial view"]
        for name in ("verification page", "verification API"):
            print(f"{name} / trivial view: {100 * results[name] / base:.0f}% (goal ≥ 50%)")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
