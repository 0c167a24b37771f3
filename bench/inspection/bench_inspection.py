"""Benchmark: a full run of every inspection check over the whole database (goal: a province of 150,000
cadres and 1 million enrolments ≤ 60 s on PostgreSQL; the demo province ≤ 5 s).

    LLCT_DATA_DIR=/tmp/llct-bench-i uv run python bench/inspection/bench_inspection.py --demo
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/llct_bench_i LLCT_DATA_DIR=/tmp/llct-bench-i \
        uv run python bench/inspection/bench_inspection.py [--cadres 150000] [--enrolments 1000000]

Builds a throw-away database (SQLite in LLCT_DATA_DIR, or DATABASE_URL's server with a "test_" prefix).
`--demo` loads the demo province (`llct demo`'s data). Otherwise a synthetic province: communes, commune
centres and a school; cadres (1% holding a post with a trung cấp standard, most with the level);
commune-centre classes of 30 and full-time school classes of 50; a recognition decision with certificates
for a third of the commune classes, sessions with attendance for one class in twenty, nominations for the
school's learners — and a few violations of most checks. Times each check's query alone, then
`inspection_run_execute` (queries plus recording findings and occurrences), and prints the load average.
"""

import argparse
import datetime as dt
import os
import random
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "llct.settings")
os.environ.setdefault("LLCT_DATA_DIR", "/tmp/llct-bench-i")

CLASS_SIZE, SCHOOL_CLASS_SIZE = 30, 50
BATCH = 20_000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--cadres", type=int, default=150_000)
    parser.add_argument("--enrolments", type=int, default=1_000_000)
    args = parser.parse_args()
    django.setup()
    from django.test.utils import setup_databases, teardown_databases

    old = setup_databases(verbosity=0, interactive=False)
    try:
        t0 = time.perf_counter()
        if args.demo:
            from llct.demo.load import demo_load
            from llct.oversight.inspection.standards import post_standards_seed

            demo_load()
            post_standards_seed()
        else:
            synthetic(args.cadres, args.enrolments)
        print(f"data: {time.perf_counter() - t0:.1f} s")
        measure()
    finally:
        teardown_databases(old, verbosity=0)


def measure() -> None:
    from django.db import connection
    from django.utils import timezone

    from llct.oversight.inspection.checks import CHECKS, Period, Subtree
    from llct.oversight.inspection.runs import inspection_run_create, inspection_run_execute
    from llct.oversight.models import RunTrigger
    from llct.training.models import Enrolment

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"enrolments: {Enrolment.objects.count():,}; load average {os.getloadavg()[0]:.1f}")
    period = Period(None, timezone.localdate())
    total = 0.0
    for code, check in CHECKS.items():
        t0 = time.perf_counter()
        found = sum(1 for _ in check.find(Subtree(()), period))
        spent = time.perf_counter() - t0
        total += spent
        print(f"  {code:<26} {spent:6.2f} s  {found:>7,} found")
    print(f"queries alone: {total:.1f} s")
    for label in ("first run (creates the findings)", "second run (finds them again)"):
        run = inspection_run_create(
            checks=None, unit=None, period_from=None, period_to=period.end, trigger=RunTrigger.COMMAND
        )
        t0 = time.perf_counter()
        run = inspection_run_execute(run.pk)
        print(
            f"{label}: {time.perf_counter() - t0:.1f} s, {sum(run.counts.values()):,} findings, {run.status}"
        )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def synthetic(cadre_count: int, enrolment_count: int) -> None:
    from llct.credentials.choices import CredentialKind
    from llct.credentials.models import CertificateRegister, Credential, RegisterYear
    from llct.oversight.models import PostStandard
    from llct.registry.choices import Sector, Tier, UnitKind
    from llct.registry.models import Assignment, Cadre, Post, Unit
    from llct.registry.services.cadres import cadre_prepare
    from llct.training.choices import ClassStatus, LecturerKind, NominationStatus, StudyMode
    from llct.training.models import (
        Attendance,
        Enrolment,
        Lecturer,
        Nomination,
        Programme,
        RecognitionDecision,
        Session,
        TrainingClass,
    )
    from llct.training.services.catalogue import catalogue_load

    rng = random.Random(7)
    if not Programme.objects.exists():
        catalogue_load()
    programmes = {p.code: p for p in Programme.objects.all()}
    commune_programmes = [programmes[c] for c in ("nhan_thuc_ve_dang", "dang_vien_moi", "ky_nang")]

    def unit(parent, code, name, tier, kind, sector=Sector.PARTY):
        fields = dict(code=code, name=name, tier=tier, kind=kind, sector=sector)
        if parent is None:
            return Unit.objects.add_root(create_kwargs=fields)
        return Unit.objects.add_child(Unit.objects.get(pk=parent.pk), create_kwargs=fields)

    province = unit(None, "BENCH", "Tỉnh Bench", Tier.PROVINCE, UnitKind.ADMINISTRATIVE)
    communes = [
        unit(province, f"BENCH-X{i}", f"Xã {i}", Tier.COMMUNE, UnitKind.ADMINISTRATIVE) for i in range(100)
    ]
    centres = [
        unit(
            province,
            f"BENCH-TT{i}",
            f"Trung tâm {i}",
            Tier.COMMUNE,
            UnitKind.COMMUNE_CENTRE,
            Sector.PUBLIC_SERVICE,
        )
        for i in range(10)
    ]
    school = unit(province, "BENCH-TCT", "Trường Chính trị", Tier.PROVINCE, UnitKind.PROVINCIAL_SCHOOL)
    lecturers = Lecturer.objects.bulk_create(
        Lecturer(institution=c, full_name=f"Giảng viên {c.code}-{j}", kind=LecturerKind.FULL_TIME)
        for c in centres
        for j in range(5)
    )

    cadres = []
    for start in range(0, cadre_count, BATCH):
        cadres += Cadre.objects.bulk_create(
            cadre_prepare(
                Cadre(
                    code=f"C{i:07d}",
                    full_name=f"Nguyễn Văn {i}",
                    sex="nam",
                    unit=communes[i % len(communes)],
                    theory_level=rng.choice(["", "so_cap", "trung_cap"]),
                )
            )
            for i in range(start, min(start + BATCH, cadre_count))
        )
    chair = Post.objects.create(
        code="xa_ubnd_chu_tich", title="Chủ tịch UBND xã", sector=Sector.STATE, tier=Tier.COMMUNE, rank=50
    )
    PostStandard.objects.create(post=chair, required_level="trung_cap", citation="bench", confidence="?")
    Assignment.objects.bulk_create(
        Assignment(cadre=c, post=chair, unit=c.unit, valid_from=dt.date(2025, 7, 1)) for c in cadres[::100]
    )

    school_enrolments = enrolment_count // 10
    school_classes = TrainingClass.objects.bulk_create(
        TrainingClass(
            institution=school,
            code=f"B-TC-{i}",
            name="Trung cấp",
            programme=programmes["trung_cap"],
            mode=StudyMode.FULL_TIME,
            starts_on=dt.date(2026, 1, 5) + dt.timedelta(days=7 * (i % 40)),
            ends_on=dt.date(2026, 1, 5) + dt.timedelta(days=7 * (i % 40) + 120),
            capacity=SCHOOL_CLASS_SIZE,
            status=ClassStatus.IN_PROGRESS,
        )
        for i in range(school_enrolments // SCHOOL_CLASS_SIZE)
    )
    first_pass = (cadre_count - school_enrolments) // CLASS_SIZE
    commune_classes = TrainingClass.objects.bulk_create(
        TrainingClass(
            institution=centres[i % len(centres)],
            code=f"B-X-{i}",
            name="Bồi dưỡng",
            programme=commune_programmes[i % 3],
            starts_on=dt.date(2026, 1, 5) + dt.timedelta(days=i % 300),
            ends_on=dt.date(2026, 1, 10) + dt.timedelta(days=i % 300),
            capacity=CLASS_SIZE,
            # Recognised (with certificates) only in the first pass over the cadres: a cadre is certified
            # once per programme.
            status=ClassStatus.RECOGNISED if i % 3 == 0 and i < first_pass else ClassStatus.ASSESSED,
        )
        for i in range((enrolment_count - school_enrolments) // CLASS_SIZE)
    )

    # Nominations and enrolments at the school (a few not eligible, without a special case).
    n = 0
    nominations, school_rows = [], []
    for klass in school_classes:
        for _ in range(SCHOOL_CLASS_SIZE):
            cadre = cadres[n % len(cadres)]
            n += 1
            nominations.append(
                Nomination(
                    cadre=cadre,
                    programme=programmes["trung_cap"],
                    sending_unit=cadre.unit,
                    nominated_on=klass.starts_on - dt.timedelta(days=30),
                    status=NominationStatus.ADMITTED,
                    eligible=rng.random() > 0.001,
                    training_class=klass,
                )
            )
            school_rows.append((klass, cadre))
    nominations = Nomination.objects.bulk_create(nominations, batch_size=BATCH)
    Enrolment.objects.bulk_create(
        (
            Enrolment(training_class=k, cadre=c, sending_unit=c.unit, nomination=nom)
            for (k, c), nom in zip(school_rows, nominations, strict=True)
        ),
        batch_size=BATCH,
    )

    # Commune classes: learners completed, a few below 80% (stored rate), 2 rewarded per class.
    rows = []
    for klass in commune_classes:
        extra = 2 if rng.random() < 0.01 else 0
        for j in range(CLASS_SIZE):
            cadre = cadres[n % len(cadres)]
            n += 1
            rows.append(
                Enrolment(
                    training_class=klass,
                    cadre=cadre,
                    sending_unit=cadre.unit,
                    status="hoan_thanh",
                    completed=True,
                    final_mark="7.50",
                    attendance_percent=70 if rng.random() < 0.0005 else 95,
                    rewarded=j < 2 + extra,
                )
            )
        if len(rows) >= BATCH:
            Enrolment.objects.bulk_create(rows)
            rows = []
    Enrolment.objects.bulk_create(rows)

    # Recognition decisions and certificates for the recognised classes (a few issued late).
    recognised = [k for k in commune_classes if k.status == ClassStatus.RECOGNISED]
    decisions = RecognitionDecision.objects.bulk_create(
        RecognitionDecision(training_class=k, number=f"{k.pk}-QĐ", signed_on=k.ends_on, signed_by="A")
        for k in recognised
    )
    through = RecognitionDecision.enrolments.through
    registers = {
        c.pk: CertificateRegister.objects.create(institution=c, kind=CredentialKind.CERTIFICATE)
        for c in centres
    }
    numbers = dict.fromkeys(registers, 0)
    links, credentials = [], []
    by_class = {}
    for e in Enrolment.objects.filter(training_class__in=recognised).values_list(
        "pk",
        "training_class_id",
        "cadre_id",
        "training_class__programme_id",
        "training_class__institution_id",
    ):
        by_class.setdefault(e[1], []).append(e)
    for decision in decisions:
        for pk, _k, cadre_id, programme_id, institution_id in by_class.get(decision.training_class_id, []):
            links.append(through(recognitiondecision_id=decision.pk, enrolment_id=pk))
            numbers[institution_id] += 1
            number = numbers[institution_id]
            late = rng.random() < 0.001
            credentials.append(
                Credential(
                    register=registers[institution_id],
                    year=2026,
                    number=number,
                    serial=f"{institution_id}/GCN/2026/{number:06d}",
                    holder_id=cadre_id,
                    enrolment_id=pk,
                    programme_id=programme_id,
                    recognition=decision,
                    issued_on=decision.signed_on + dt.timedelta(days=30 if late else 5),
                    signed_by="A",
                )
            )
    through.objects.bulk_create(links, batch_size=BATCH)
    Credential.objects.bulk_create(credentials, batch_size=BATCH)
    RegisterYear.objects.bulk_create(
        RegisterYear(register=registers[pk], year=2026, last_number=count) for pk, count in numbers.items()
    )

    # Sessions with attendance for one commune class in twenty.
    sessions = Session.objects.bulk_create(
        Session(
            training_class=k,
            date=k.starts_on + dt.timedelta(days=d),
            periods=4,
            lecturer=rng.choice(lecturers),
        )
        for k in commune_classes[::20]
        for d in range(4)
    )
    learners = {}
    for pk, class_id in Enrolment.objects.filter(training_class__in=commune_classes[::20]).values_list(
        "pk", "training_class_id"
    ):
        learners.setdefault(class_id, []).append(pk)
    Attendance.objects.bulk_create(
        (
            Attendance(session=s, enrolment_id=e, status="co_mat")
            for s in sessions
            for e in learners.get(s.training_class_id, [])
        ),
        batch_size=BATCH,
    )


if __name__ == "__main__":
    main()
