"""Demo training data on top of the demo province (`llct.demo.province.demo_province_load`) as it stands
now, written through the training services: the
catalogue, an approved plan with quotas, nominations in every state (one by special case), lecturers, and
commune-centre classes at every stage — planned (no learners yet), open with learners, in progress with
attendance, marks entered with the hand-in overdue, marks published with appeals (re-marked, unchanged,
decided by the director) and assessed, and recognised (the credentials demo issues its certificates and
leaves one overdue) — plus a trung cấp class at the school with module exam marks.

Who does what follows the rules: the plan and the nominations are drafted and submitted by the demo
operator and approved by another account (segregation of duties); the director of the centre sets the
minuted final mark of an appeal."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from llct.accounts.models import Role
from llct.credentials.models import Credential
from llct.registry.choices import TheoryLevel, UnitKind
from llct.registry.models import Cadre, Unit
from llct.training.choices import (
    ACTIVE_NOMINATION_STATUSES,
    AttendanceStatus,
    EnrolmentStatus,
    LecturerKind,
    ManagementRole,
    MarkKind,
    ProgrammeFamily,
    StudyMode,
)
from llct.training.models import Enrolment, Lecturer, Nomination, Programme, TrainingClass, TrainingPlan
from llct.training.services import classes as cs
from llct.training.services import plans as ps
from llct.training.services.assessment import appeals as ap
from llct.training.services.assessment import essays as es
from llct.training.services.assessment.exams import mark_enter
from llct.training.services.assessment.results import class_assess, enrolment_reward
from llct.training.services.attendance import attendance_record
from llct.training.services.catalogue import catalogue_load
from llct.training.services.errors import TrainingRuleError
from llct.training.services.nominations import SpecialCaseTerms, nomination_create, nomination_transition
from llct.training.services.recognition import recognition_decide

from .accounts import demo_actor, demo_approver, demo_operator

CENTRE_DIRECTOR = "demo.giamdoc.ttct"
STAGE_PREFIX = "DEMO-"  # the codes of today's classes
MARKS = ["4", "5.5", "6.5", "7", "7.5", "8", "8.5", "9"]


def _lecturers(institution: Unit, names: list[str]) -> list[Lecturer]:
    """The institution's lecturers (the demo's history made them, its director first), or these names."""
    existing = list(Lecturer.objects.filter(institution=institution, active=True).order_by("pk"))
    if len(existing) >= len(names):
        return existing[: len(names)]
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
        ends_on=start + dt.timedelta(days=days + 6),
        capacity=max(40, len(learners)),
        venue=centre.name,
        homeroom_lecturer=lecturers[1],
        by=by,
    )
    by_unit: dict[int, list] = {}
    for cadre in learners:
        by_unit.setdefault(cadre.unit_id, []).append(cadre)
    for group in by_unit.values():  # each commune's list
        cs.enrolment_add_list(klass, group, sending_unit=group[0].unit, by=by)
    enrolments = list(klass.enrolments.order_by("pk")[:2])
    if enrolments:
        cs.committee_set(enrolments[0], "lop_truong", by=by)
    return klass


def _teach(klass, lecturers, by, rng: random.Random, days: int, until: dt.date) -> None:
    enrolments = list(klass.enrolments.select_related("cadre"))
    modules = list(klass.programme.modules.all())
    for d in range(days):
        day = klass.starts_on + dt.timedelta(days=d)
        module = modules[d % len(modules)] if modules else None
        session = cs.session_add(klass, date=day, periods=8, module=module, lecturer=lecturers[d % 3], by=by)
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


def _mark(klass, lecturers, by, rng: random.Random, day: dt.date, share: float = 1.0) -> None:
    """The essays reach the markers on `day`; two lecturers mark `share` of them the same day."""
    es.essays_receive(klass, on=day, by=by)
    essays = [e.essays.get() for e in klass.enrolments.filter(essays__isnull=False).order_by("pk")]
    for essay in essays[: round(len(essays) * share)]:
        first = Decimal(rng.choice(MARKS))
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


def _publish(klass, by, day: dt.date) -> None:
    es.marks_hand_in(klass, on=day + dt.timedelta(days=1), by=by)
    es.marks_publish(klass, on=day + dt.timedelta(days=2), by=by)


def _appeals(klass, lecturers, by, director, day: dt.date) -> None:
    """Three appeals: the mark changed (0.5 ≤ difference < 2), kept (< 0.5), and decided by the director
    with minutes (≥ 2), QĐ 1147."""
    published = TrainingClass.objects.get(pk=klass.pk).marks_published_on
    essays = [e.essays.get() for e in klass.enrolments.filter(essays__mark__lt=7.5).order_by("pk")[:3]]
    for essay, shift in zip(essays, ["1", "0.25", "2.5"], strict=False):
        appeal = ap.appeal_lodge(essay, lodged_on=published + dt.timedelta(days=1), by=by)
        remark = min(Decimal(10), essay.mark + Decimal(shift))
        appeal = ap.appeal_remark(appeal, marker=lecturers[0], remark=remark, on=day, by=by)
        if appeal.outcome == "giam_doc":
            ap.appeal_director_decide(appeal, mark=remark - 1, minutes="03/BB-TTCT", on=day, by=director)


def _stages(centre, programmes, pool, staff, by, director, rng, today) -> int:
    """The commune-centre classes, most advanced first (a small province still shows a recognised one)."""
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
            "Lớp đảng viên mới (phúc tra, đã xét kết quả)",
            today - dt.timedelta(days=20),
            26,
        ),
        (
            "chuyen_de",
            "DEMO-CD-01",
            "Lớp chuyên đề (đã chấm, quá hạn nộp điểm)",
            today - dt.timedelta(days=12),
            25,
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
        (
            "cap_nhat",
            "DEMO-CN-02",
            "Lớp cập nhật kiến thức quý sau (dự kiến)",
            today + dt.timedelta(days=40),
            0,
        ),
    ]
    taken = made = 0
    for code, class_code, name, start, size in stages:
        learners = pool[taken : taken + size]
        taken += size
        if code != "cap_nhat" and len(learners) < programmes[code].min_learners:
            continue
        days = 4 if code == "nhan_thuc_ve_dang" else 3
        klass = _commune_class(centre, programmes[code], class_code, name, start, learners, staff, by, days)
        made += 1
        if code == "cap_nhat":
            continue
        klass = cs.class_start(klass, by=by)
        _teach(klass, staff, by, rng, days=days, until=today)
        if code == "nhan_thuc_ve_dang":
            continue
        day = klass.starts_on + dt.timedelta(days=4)
        _mark(klass, staff, by, rng, day, share=0.6 if code == "chuyen_de" else 1.0)
        if code == "chuyen_de":
            continue
        _publish(klass, by, day)
        if code == "dang_vien_moi":
            _appeals(klass, staff, by, director, day + dt.timedelta(days=3))
        klass = class_assess(klass, by=by)
        if code == "ky_nang":
            for e in klass.enrolments.filter(completed=True).order_by("-final_mark")[:2]:
                enrolment_reward(e, by=by)
            recognition_decide(
                klass,
                number="15-QĐ/TTCT",
                signed_on=klass.ends_on + dt.timedelta(days=1),
                signed_by=staff[0].full_name,
                signer_title="Giám đốc",
                by=director,
            )
    return made


def _free(cadres, today):
    """Cadres not studying in a class now, and without a certificate of the commune-centre programmes
    (issued once per person, QĐ 1147)."""
    studying = Enrolment.objects.filter(status=EnrolmentStatus.ENROLLED, training_class__ends_on__gte=today)
    return cadres.exclude(pk__in=studying.values("cadre")).exclude(
        pk__in=Credential.objects.filter(programme__family=ProgrammeFamily.COMMUNE_CENTRE).values("holder")
    )


def _commune_pool(centre, province, today) -> list[Cadre]:
    communes = list(centre.served_communes.all()) or [Unit.objects.get_parent(centre)]
    local = Cadre.objects.none()
    for commune in communes:
        local = local | Cadre.objects.filter(unit__path__startswith=commune.path)
    pool = list(_free(local, today).order_by("pk")[:200])
    if len(pool) < 118:  # a small demo: commune lists may also come from elsewhere in the province
        seen = {c.pk for c in pool}
        more = _free(Cadre.objects.filter(unit__path__startswith=province.path), today)
        pool += list(more.exclude(pk__in=seen).order_by("pk")[: 118 - len(pool)])
    return pool


def _nominations(province, programmes, klass, by, approver, rng: random.Random, today) -> dict:
    """Nominations of trung cấp in every state; the first cadre found not eligible is nominated with a
    special-case decision (QĐ 350-QĐ/TW)."""
    candidates = _free(Cadre.objects.filter(unit__path__startswith=province.path), today).exclude(
        theory_level__in=[TheoryLevel.TRUNG_CAP, TheoryLevel.CAO_CAP, TheoryLevel.CU_NHAN]
    )
    live = Nomination.objects.filter(programme__code="trung_cap", status__in=ACTIVE_NOMINATION_STATUSES)
    candidates = candidates.exclude(pk__in=live.values("cadre"))
    steps = ["admit", "admit", "admit", "admit", "approve", "approve", "reject", "submit", "submit", "", ""]
    paths = {
        "admit": ["submit", "approve", "admit"],
        "approve": ["submit", "approve"],
        "reject": ["submit", "reject"],
        "submit": ["submit"],
        "": [],
    }
    made, special = 0, 0
    on = today - dt.timedelta(days=30)
    kw = dict(programme=programmes["trung_cap"], mode=StudyMode.FULL_TIME, nominated_on=on, by=by)
    # Drawn with the demo's seeded generator, not the database's random order: the same seed nominates
    # the same cadres on every load.
    candidates = list(candidates.order_by("pk"))
    rng.shuffle(candidates)
    for cadre in candidates[:300]:
        if made == len(steps):
            break
        try:
            nomination = nomination_create(cadre=cadre, sending_unit=cadre.unit, **kw)
        except TrainingRuleError as refused:
            if special or refused.code != "not_eligible":
                continue
            terms = SpecialCaseTerms(
                "Ban Thường vụ Tỉnh ủy",
                "88-QĐ/TU",
                on - dt.timedelta(days=5),
                "Nhu cầu cán bộ nguồn (dữ liệu mẫu)",
            )
            nomination = nomination_create(cadre=cadre, sending_unit=cadre.unit, special_terms=terms, **kw)
            special += 1
        for name in paths[steps[made]]:
            nomination_transition(
                nomination,
                name,
                by=approver if name in ("approve", "reject") else by,
                reason="Chưa đủ chỉ tiêu của đơn vị" if name == "reject" else "",
                training_class=klass if name == "admit" else None,
            )
        made += 1
    return {"nominations": made, "special_cases": special}


def _llct_class(school, programmes, staff, by, rng, today) -> TrainingClass:
    return cs.class_open(
        institution=school,
        programme=programmes["trung_cap"],
        code="DEMO-TC-01",
        name="Lớp Trung cấp lý luận chính trị tập trung khóa 1",
        starts_on=today - dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=215),
        capacity=60,
        mode=StudyMode.FULL_TIME,
        venue=school.name,
        homeroom_lecturer=staff[1],
        by=by,
    )


def _llct_teach(klass, staff, by, rng: random.Random, today: dt.date) -> None:
    """Three sessions of the first module, then its exam marks (marks entered on the exam sheet)."""
    module = klass.programme.modules.order_by("order").first()
    enrolments = list(klass.enrolments.all())
    for d in range(3):
        session = cs.session_add(
            klass,
            date=klass.starts_on + dt.timedelta(days=d),
            periods=5,
            module=module,
            lecturer=staff[d % 2],
            by=by,
        )
        for e in enrolments:
            attendance_record(session, e, AttendanceStatus.PRESENT, by=by)
    for e in enrolments:
        mark_enter(
            e,
            kind=MarkKind.MODULE_EXAM,
            module=module,
            value=Decimal(rng.choice(MARKS[2:])),
            examined_on=today - dt.timedelta(days=10),
            by=by,
        )


@transaction.atomic
def training_demo_load(summary_or_units=None, seed: int = 0, today: dt.date | None = None) -> dict:
    """Add the training demo to the province already loaded (any argument of the province loader's; the
    units are found in the database). Returns counts of what was added. Loading twice adds nothing."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    catalogue_load()
    if TrainingClass.objects.filter(code__startswith=STAGE_PREFIX).exists():
        return {"classes": TrainingClass.objects.filter(code__startswith=STAGE_PREFIX).count()}
    by = demo_operator()
    programmes = {p.code: p for p in Programme.objects.all()}
    centre = Unit.objects.valid_on(today).filter(kind=UnitKind.COMMUNE_CENTRE).order_by("path").first()
    school = Unit.objects.valid_on(today).filter(kind=UnitKind.PROVINCIAL_SCHOOL).order_by("-path").first()
    if centre is None or school is None:
        return {"classes": 0}
    province = Unit.objects.get_parent(school)
    approver = demo_approver()
    director = demo_actor(CENTRE_DIRECTOR, Role.DIRECTOR, centre, "Giám đốc Trung tâm (dữ liệu mẫu)")
    centre_staff = _lecturers(centre, ["Nguyễn Văn Hùng", "Trần Thị Thu", "Lê Minh Tâm"])
    school_staff = _lecturers(school, ["Phạm Quốc Bảo", "Hoàng Thị Yến", "Vũ Đức Long", "Đặng Thu Hà"])
    pool = _commune_pool(centre, province, today)
    rng.shuffle(pool)
    counts = {"classes": _stages(centre, programmes, pool, centre_staff, by, director, rng, today)}

    if not TrainingPlan.objects.filter(unit=province, year=today.year).exists():  # the history's, or:
        plan = ps.plan_create(unit=province, year=today.year, by=by)
        ps.quota_set(plan=plan, programme=programmes["trung_cap"], quota=15, mode=StudyMode.FULL_TIME, by=by)
        ps.quota_set(plan=plan, programme=programmes["cao_cap"], quota=3, mode=StudyMode.PART_TIME, by=by)
        ps.plan_approve(plan=plan, approving_body="Ban Thường vụ Tỉnh ủy", document="120-QĐ/TU", by=approver)
    klass = _llct_class(school, programmes, school_staff, by, rng, today)
    counts["classes"] += 1
    counts.update(_nominations(province, programmes, klass, by, approver, rng, today))
    if klass.enrolments.exists():
        cs.class_start(klass, by=by)
        _llct_teach(klass, school_staff, by, rng, today)
    return counts
