"""Benchmark: issue and print certificates for one batch of learners (goal ≥ 100 certificates per second).

    LLCT_DATA_DIR=/tmp/llct-bench-c uv run python bench/credentials/issue_pdf.py \
        [--learners 5000] [--batch 500] [--diplomas]

Builds a throw-away database (SQLite in LLCT_DATA_DIR, or DATABASE_URL's server with a "test_" prefix), one
commune-centre class of N recognised learners, then times (1) issuing every certificate through
`issue_job_run` (as the bulk page does: 200 learners per transaction, one register-row lock each) and
(2) the PDFs, `--batch` pages per typst call (`credentials_pdf_batches`: typst compiles one batch in a
thread while the next one's pages and QR codes are prepared). `--diplomas` issues sơ cấp diplomas on
blanks from a received stock instead of certificates. Prints the load average, each phase and the
end-to-end rate.
"""

import argparse
import datetime as dt
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "llct.settings")
os.environ.setdefault("LLCT_DATA_DIR", "/tmp/llct-bench-c")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--diplomas", action="store_true")
    args = parser.parse_args()
    django.setup()
    from django.test.utils import setup_databases, teardown_databases

    old = setup_databases(verbosity=0, interactive=False)
    try:
        run(args.learners, args.batch, args.diplomas)
    finally:
        teardown_databases(old, verbosity=0)


def run(learners: int, batch: int, diplomas: bool) -> None:
    from llct.accounts.models import User
    from llct.credentials.models import Credential, IssueJob
    from llct.credentials.pdf import credentials_pdf_batches
    from llct.credentials.services import blank_stock_receive, issue_job_run
    from llct.registry.choices import Sector, Tier, UnitKind
    from llct.registry.models import Cadre, Unit
    from llct.registry.services.cadres import cadre_prepare
    from llct.training.choices import AssessmentScheme, ProgrammeFamily, ProgrammeOutput
    from llct.training.models import Enrolment, Programme, RecognitionDecision, TrainingClass

    root = Unit.objects.add_root(
        create_kwargs=dict(
            code="BS",
            name="Tỉnh Bắc Sơn",
            tier=Tier.PROVINCE,
            kind=UnitKind.ADMINISTRATIVE,
            sector=Sector.PARTY,
        )
    )
    root = Unit.objects.get(pk=root.pk)
    centre = Unit.objects.add_child(
        root,
        create_kwargs=dict(
            code="BS-TTCT1",
            name="Trung tâm Chính trị xã Tiên Phong",
            tier=Tier.COMMUNE,
            kind=UnitKind.COMMUNE_CENTRE,
            sector=Sector.PUBLIC_SERVICE,
        ),
    )
    officer = User.objects.create_user("bench", role="giao_vu", unit=centre)
    programme, _ = Programme.objects.get_or_create(
        code="BENCH_SO_CAP" if diplomas else "BENCH_NHAN_THUC",
        defaults=dict(
            name="Sơ cấp lý luận chính trị" if diplomas else "Bồi dưỡng nhận thức về Đảng",
            family=ProgrammeFamily.LLCT_LEVEL if diplomas else ProgrammeFamily.COMMUNE_CENTRE,
            output=ProgrammeOutput.DIPLOMA if diplomas else ProgrammeOutput.CERTIFICATE,
            assessment_scheme=AssessmentScheme.ESSAY_QD1147,
        ),
    )
    if diplomas:
        blank_stock_receive(centre, "AB 000001", f"AB {learners:06d}", officer)
    klass = TrainingClass.objects.create(
        institution=centre,
        code="BENCH-1",
        name="Lớp bồi dưỡng nhận thức về Đảng khóa 1",
        programme=programme,
        starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 2, 20),
        capacity=learners,
    )
    given = ["An", "Bình", "Chi", "Dũng", "Đào", "Giang", "Hà", "Khánh", "Linh", "Minh", "Ngọc", "Phúc"]
    cadres = Cadre.objects.bulk_create(
        cadre_prepare(
            Cadre(
                code=f"B{i:06d}",
                full_name=f"Nguyễn Thị {given[i % len(given)]} {i}",
                sex="nu",
                birth_date=dt.date(1980 + i % 20, 1 + i % 12, 1 + i % 28),
                unit=centre,
            )
        )
        for i in range(learners)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            training_class=klass,
            cadre=c,
            sending_unit=centre,
            status="hoan_thanh",
            completed=True,
            final_mark="8.00",
            band="gioi",
        )
        for c in cadres
    )
    decision = RecognitionDecision.objects.create(
        training_class=klass,
        number="1/QĐ-TTCT",
        signed_on=dt.date(2026, 3, 2),
        signed_by="Lê Văn Giám",
        signer_title="Giám đốc",
    )
    decision.enrolments.set(enrolments)

    # Warm-up outside the timer: first imports (segno, typst fonts) happen once per process, not per batch.
    from llct.credentials.pdf import qr_svg
    from llct.documents.pdf import _fonts

    qr_svg("https://llct.example/verify/warm-up")
    _fonts()
    job = IssueJob.objects.create(training_class=klass, requested_by=officer)
    load = os.getloadavg()
    t0 = time.perf_counter()
    job = issue_job_run(job.pk)
    t1 = time.perf_counter()
    assert job.issued == learners, job.skipped[:3]
    numbers = list(Credential.objects.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, learners + 1))
    pages = 0
    size = 0
    for pdf in credentials_pdf_batches(
        Credential.objects.order_by("number"), "https://llct.example", batch, personal=True
    ):
        pages += pdf.count(b"/Type /Page\n") or pdf.count(b"/Type/Page")
        size += len(pdf)
    t2 = time.perf_counter()
    issue_s, pdf_s, total = t1 - t0, t2 - t1, t2 - t0
    db = django.db.connection.vendor
    kind = "diplomas on blanks" if diplomas else "certificates"
    print(f"database: {db}; {kind}; learners: {learners:,}; pages per typst call: {batch}")
    print(f"load average before: {load[0]:.2f} {load[1]:.2f}; after: {os.getloadavg()[0]:.2f}")
    print(f"issue (bulk, 200 learners per transaction): {issue_s:6.1f} s  {learners / issue_s:7.0f}/s")
    print(
        f"PDF ({size / 1e6:.1f} MB in {-(-learners // batch)} files): "
        f"{pdf_s:6.1f} s  {learners / pdf_s:7.0f}/s"
    )
    print(f"certificates with PDF, end to end: {total:6.1f} s  {learners / total:7.0f}/s (goal ≥ 100/s)")


if __name__ == "__main__":
    sys.exit(main())
