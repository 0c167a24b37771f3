"""The world of the kill-the-worker test, run in processes of its own (the test database of pytest cannot be
shared with a task-queue consumer): `python -m tests.crash_world setup|issue|import|recover|state`, with
LLCT_DATA_DIR (and DATABASE_URL) naming a throw-away installation. Each command prints one JSON line."""

import datetime as dt
import json
import sys
from decimal import Decimal

import django

LEARNERS = 4_000
ROWS = 40_000


def setup() -> dict:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from llct.accounts.models import Role, User
    from llct.registry.choices import Sector, Tier, UnitKind
    from llct.registry.models import Cadre, Unit
    from llct.training.choices import AssessmentScheme, EnrolmentStatus, ProgrammeFamily, ProgrammeOutput
    from llct.training.models import Enrolment, Programme, RecognitionDecision, TrainingClass

    def unit(parent, code, name, tier, **fields):
        fields = dict(code=code, name=name, tier=tier, **fields)
        if parent is None:
            return Unit.objects.add_root(create_kwargs=fields)
        return Unit.objects.add_child(Unit.objects.get(pk=parent.pk), create_kwargs=fields)

    central = unit(None, "TW", "Trung ương", Tier.CENTRAL)
    north = unit(central, "BS", "Tỉnh Bắc Sơn", Tier.PROVINCE)
    commune = unit(north, "BS-X1", "Xã Tiên Phong", Tier.COMMUNE)
    centre = unit(north, "BS-TTCT1", "Trung tâm Chính trị xã Tiên Phong", Tier.COMMUNE,
                  kind=UnitKind.COMMUNE_CENTRE, sector=Sector.PUBLIC_SERVICE)  # fmt: skip
    board = User.objects.create_user("board", password="x", role=Role.ORG_BOARD, unit=north)
    officer = User.objects.create_user("officer", password="x", role=Role.ACADEMIC_OFFICER, unit=centre)
    programme = Programme.objects.create(
        code="TTCT_XA_NHAN_THUC", name="Bồi dưỡng nhận thức về Đảng", family=ProgrammeFamily.COMMUNE_CENTRE,
        output=ProgrammeOutput.CERTIFICATE, assessment_scheme=AssessmentScheme.ESSAY_QD1147,
    )  # fmt: skip
    klass = TrainingClass.objects.create(
        institution=centre, code="L0001", name="Lớp 1", programme=programme, starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 2, 20), capacity=LEARNERS,
    )  # fmt: skip
    Cadre.objects.bulk_create(
        Cadre(unit=commune, code=f"HV{i:05d}", full_name=f"Học Viên {i:05d}", sex="nam",
              birth_date=dt.date(1985, 5, 17))
        for i in range(LEARNERS)
    )  # fmt: skip
    Enrolment.objects.bulk_create(
        Enrolment(training_class=klass, cadre=c, sending_unit=commune, status=EnrolmentStatus.COMPLETED,
                  completed=True, final_mark=Decimal("8.25"), band="gioi")
        for c in Cadre.objects.all()
    )  # fmt: skip
    decision = RecognitionDecision.objects.create(
        training_class=klass, number="1/QĐ-TTCT", signed_on=dt.date(2026, 3, 2), signed_by="Lê Văn Giám",
        signer_title="Giám đốc",
    )  # fmt: skip
    decision.enrolments.set(Enrolment.objects.all())
    return {"class": klass.pk, "board": board.pk, "officer": officer.pk, "north": north.pk}


def issue(class_id: int, officer_id: int) -> dict:
    from llct.accounts.models import User
    from llct.credentials.services import credential_issue_class
    from llct.training.models import TrainingClass

    job = credential_issue_class(TrainingClass.objects.get(pk=class_id), User.objects.get(pk=officer_id))
    return {"job": job.pk}


def import_(board_id: int, unit_id: int) -> dict:
    """Upload a valid roster of ROWS new cadres and check it in this process; the write is queued."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from llct.accounts.models import User
    from llct.registry.models import Unit
    from llct.registry.roster_import.jobs import import_job_confirm, import_job_create, import_job_process
    from llct.registry.roster_import.tasks import import_job_write

    lines = ["Mã cán bộ,Họ và tên,Ngày sinh,Giới tính"]
    lines += [f"NB{i:06d},Người Mới {i},17/05/1985,Nữ" for i in range(ROWS)]
    upload = SimpleUploadedFile("ds.csv", ("\n".join(lines) + "\n").encode())
    board, unit = User.objects.get(pk=board_id), Unit.objects.get(pk=unit_id)
    job = import_job_create(user=board, unit=unit, upload=upload)
    job = import_job_process(job.pk, write=False)
    assert import_job_confirm(job), job.message
    import_job_write(job.pk)
    return {"job": job.pk}


def recover() -> dict:
    from llct.credentials.services import issue_jobs_recover
    from llct.registry.roster_import.jobs import import_jobs_recover

    return {"imports_failed": import_jobs_recover(), "issues_resumed": issue_jobs_recover()}


def state() -> dict:
    from llct.credentials.models import Credential, IssueJob
    from llct.registry.models import Cadre
    from llct.registry.roster_import.models import ImportJob

    credentials = Credential.objects.order_by("number")
    return {
        "issue_jobs": list(IssueJob.objects.values("pk", "status", "done", "total", "issued", "resumed")),
        "import_jobs": list(ImportJob.objects.values("pk", "state", "message", "file")),
        "numbers": list(credentials.values_list("number", flat=True)),
        "holders": credentials.values("holder_id").distinct().count(),
        "new_cadres": Cadre.objects.filter(code__startswith="NB").count(),
    }


if __name__ == "__main__":
    django.setup()
    command, *args = sys.argv[1:]
    commands = {"setup": setup, "issue": issue, "import": import_, "recover": recover, "state": state}
    print(json.dumps(commands[command](*map(int, args)), default=str))
