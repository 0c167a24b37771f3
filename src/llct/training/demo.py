"""Demo training data on top of the demo province (`llct.demo.province.demo_province_load`): the
catalogue, an approved plan with quotas, nominations in every state, lecturers, and classes at every
stage — open, in progress with attendance, marked (assessed), and recognised with its decision."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from llct.accounts.models import Role, User
from llct.registry.choices import TheoryLevel, UnitKind
from llct.registry.models import Cadre, Unit
from llct.training.choices import AttendanceStatus, LecturerKind, ManagementRole, StudyMode
from llct.training.models import Lecturer, Programme, TrainingClass
from llct.training.services import classes as cs
from llct.training.services import plans as ps
from llct.training.services.assessment import essays as es
from llct.training.services.assessment.results import class_assess
from llct.training.services.attendance import attendance_record
from llct.training.services.catalogue import catalogue_load
from llct.training.services.errors import TrainingRuleError
from llct.training.services.nominations import nomination_create, nomination_transition
from llct.training.services.recognition import recognition_decide

DEMO_USER = "demo.daotao"


def _operator() -> User:
    """The account the demo acts as (an administrator of the whole tree), so every write is audited."""
    root = Unit.objects.filter(depth=1).order_by("path").first()
    user, _created = User.objects.get_or_create(
        username=DEMO_USER, defaults={"role": Role.ADMIN, "unit": root, "first_name": "Dữ liệu mẫu"}
    )
    return user


def _lecturers(institution: Unit, names: list[str]) -> list[Lecturer]:
    kinds = [
        (LecturerKind.FULL_TIME, ManagementRole.DIRECTOR),
        (LecturerKind.FULL_TIME, ""),
        (LecturerKind.CONCURRENT, ""),
        (LecturerKind.VISITING, ""),
    ]
    return [
        Lecturer.objects.get_or_create(
            institution=institution, full_name=name, defaults={"kind": kind, "management_role": role}
        )[0]
        for name, (kind, role) in zip(names, kinds, strict=False)
    ]


def _commune_class(centre, programme, code, name, start, learners, lecturers, by, days=3):
    klass = cs.class_open(
        institution=centre,
        programme=programme,
        code=code,
        name=name,
        starts_on=start,
        ends_on=start + dt.timedelta(days=days + 2),
        capacity=max(40, len(learners)),
        venue=centre.name,
        homeroom_lecturer=lecturers[1],
        by=by,
    )
    for cadre in learners:
        cs.enrolment_add(klass, cadre, sending_unit=cadre.unit, by=by)
    return klass


def _teach(klass, lecturers, by, rng: random.Random, days: int, until: dt.date) -> None:
    enrolments = list(klass.enrolments.select_related("cadre"))
    for d in range(days):
        day = klass.starts_on + dt.timedelta(days=d)
        session = cs.session_add(klass, date=day, periods=8, lecturer=lecturers[d % 3], by=by)
        if day > until:
            continue
        for e in enrolments:
            roll = rng.random()
            if roll < 0.04:
                attendance_record(session, e, AttendanceStatus.ABSENT, by=by)
            elif roll < 0.08:
                attendance_record(
                    session,
                    e,
                    AttendanceStatus.EXCUSED,
                    reason="Ốm",
                    confirmed=True,
                    confirmation_document="Giấy xác nhận của xã",
                    by=by,
                )
            else:
                attendance_record(session, e, AttendanceStatus.PRESENT, by=by)


def _mark(klass, lecturers, by, rng: random.Random, day: dt.date) -> None:
    for e in klass.enrolments.all():
        try:
            essay = es.essay_submit(e, submitted_on=day, by=by)
        except TrainingRuleError:
            continue  # attendance below 80% or absences not excused: may not sit (QĐ 1147 art. 6)
        first = Decimal(rng.choice(["4", "5.5", "6.5", "7", "7.5", "8", "8.5", "9"]))
        second = min(Decimal(10), first + Decimal(rng.choice(["0", "0.5", "1"])))
        es.essay_mark(
            essay,
            first_marker=lecturers[1],
            first_mark=first,
            second_marker=lecturers[2],
            second_mark=second,
            marked_on=day,
            by=by,
        )
    es.essays_receive(klass, on=day, by=by)
    es.marks_hand_in(klass, on=day + dt.timedelta(days=1), by=by)
    es.marks_publish(klass, on=day + dt.timedelta(days=2), by=by)
    class_assess(klass, by=by)


@transaction.atomic
def training_demo_load(summary_or_units=None, seed: int = 0, today: dt.date | None = None) -> dict:
    """Add the training demo to the province already loaded (any argument of the province loader's; the
    units are found in the database). Returns counts of what was added. Loading twice adds nothing."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    catalogue_load()
    if TrainingClass.objects.filter(code__startswith="DEMO-").exists():
        return {"classes": TrainingClass.objects.filter(code__startswith="DEMO-").count()}
    by = _operator()
    programmes = {p.code: p for p in Programme.objects.all()}
    centre = Unit.objects.valid_on(today).filter(kind=UnitKind.COMMUNE_CENTRE).order_by("path").first()
    school = Unit.objects.valid_on(today).filter(kind=UnitKind.PROVINCIAL_SCHOOL).order_by("-path").first()
    if centre is None or school is None:
        return {"classes": 0}
    province = Unit.objects.get_parent(school)
    centre_staff = _lecturers(centre, ["Nguyễn Văn Hùng", "Trần Thị Thu", "Lê Minh Tâm"])
    school_staff = _lecturers(school, ["Phạm Quốc Bảo", "Hoàng Thị Yến", "Vũ Đức Long", "Đặng Thu Hà"])

    communes = list(centre.served_communes.all()) or [Unit.objects.get_parent(centre)]
    local = Cadre.objects.none()
    for commune in communes:
        local = local | Cadre.objects.filter(unit__path__startswith=commune.path)
    pool = list(local.order_by("pk")[:200])
    if len(pool) < 93:  # a small demo: commune lists may also come from elsewhere in the province
        seen = {c.pk for c in pool}
        more = Cadre.objects.filter(unit__path__startswith=province.path).exclude(pk__in=seen).order_by("pk")
        pool += list(more[: 93 - len(pool)])
    rng.shuffle(pool)
    counts = {"classes": 0, "nominations": 0}

    # Most advanced stage first, so a small province still shows a recognised class.
    stages = [
        (
            "ky_nang",
            "DEMO-KN-01",
            "Lớp kỹ năng công tác Đảng (đã công nhận)",
            today - dt.timedelta(days=45),
            30,
        ),
        (
            "dang_vien_moi",
            "DEMO-DV-01",
            "Lớp bồi dưỡng đảng viên mới (đã chấm)",
            today - dt.timedelta(days=20),
            26,
        ),
        (
            "nhan_thuc_ve_dang",
            "DEMO-NT-01",
            "Lớp nhận thức về Đảng (đang học)",
            today - dt.timedelta(days=2),
            25,
        ),
        (
            "cap_nhat",
            "DEMO-CN-01",
            "Lớp cập nhật kiến thức (đang tuyển sinh)",
            today + dt.timedelta(days=10),
            12,
        ),
    ]
    taken = 0
    for code, class_code, name, start, size in stages:
        learners = pool[taken : taken + size]
        taken += size
        if len(learners) < programmes[code].min_learners and code != "cap_nhat":
            continue
        klass = _commune_class(centre, programmes[code], class_code, name, start, learners, centre_staff, by)
        counts["classes"] += 1
        if code == "cap_nhat":
            continue
        klass = cs.class_start(klass, by=by)
        _teach(klass, centre_staff, by, rng, days=3, until=today)
        if code == "nhan_thuc_ve_dang":
            continue
        _mark(klass, centre_staff, by, rng, klass.starts_on + dt.timedelta(days=4))
        if code == "ky_nang":
            klass.refresh_from_db()
            for e in klass.enrolments.filter(completed=True).order_by("-final_mark")[:2]:
                from llct.training.services.assessment.results import enrolment_reward

                enrolment_reward(e, by=by)
            recognition_decide(
                klass,
                number="15-QĐ/TTCT",
                signed_on=klass.ends_on + dt.timedelta(days=3),
                signed_by=centre_staff[0].full_name,
                signer_title="Giám đốc",
                by=by,
            )

    # LLCT level: the province's plan, nominations in every state and a trung cấp class at the school.
    plan = ps.plan_create(unit=province, year=today.year, by=by)
    ps.quota_set(plan=plan, programme=programmes["trung_cap"], quota=15, mode=StudyMode.FULL_TIME, by=by)
    ps.quota_set(plan=plan, programme=programmes["cao_cap"], quota=3, mode=StudyMode.PART_TIME, by=by)
    ps.plan_approve(plan=plan, approving_body="Ban Thường vụ Tỉnh ủy", document="120-QĐ/TU", by=by)
    klass = cs.class_open(
        institution=school,
        programme=programmes["trung_cap"],
        code="DEMO-TC-01",
        name="Lớp Trung cấp lý luận chính trị tập trung khóa 1",
        starts_on=today - dt.timedelta(days=5),
        ends_on=today + dt.timedelta(days=230),
        capacity=60,
        mode=StudyMode.FULL_TIME,
        venue=school.name,
        homeroom_lecturer=school_staff[1],
        by=by,
    )
    counts["classes"] += 1
    candidates = Cadre.objects.filter(unit__path__startswith=province.path).exclude(
        theory_level__in=[TheoryLevel.TRUNG_CAP, TheoryLevel.CAO_CAP, TheoryLevel.CU_NHAN]
    )
    steps = ["admit", "admit", "admit", "admit", "approve", "approve", "reject", "submit", "submit", "", ""]
    made = 0
    for cadre in candidates.order_by("?")[:300]:
        if made == len(steps):
            break
        try:
            nomination = nomination_create(
                cadre=cadre,
                programme=programmes["trung_cap"],
                sending_unit=cadre.unit,
                mode=StudyMode.FULL_TIME,
                nominated_on=today - dt.timedelta(days=30),
                by=by,
            )
        except TrainingRuleError:
            continue  # not eligible on the rules in force: the demo does not invent special cases
        step = steps[made]
        made += 1
        path = {
            "admit": ["submit", "approve", "admit"],
            "approve": ["submit", "approve"],
            "reject": ["submit", "reject"],
            "submit": ["submit"],
            "": [],
        }[step]
        for name in path:
            nomination_transition(
                nomination,
                name,
                by=by,
                reason="Chưa đủ chỉ tiêu của đơn vị" if name == "reject" else "",
                training_class=klass if name == "admit" else None,
            )
    counts["nominations"] = made
    if klass.enrolments.exists():
        cs.class_start(klass, by=by)
    return counts
