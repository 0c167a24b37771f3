"""Classes: opening at a competent institution, learners, class committee, starting and the schedule.

Class states: open (taking learners) → in progress → assessed → recognised; `CLASS_FLOW` declares starting
and recognition (the assessment, rerun until the recognition, is `results.class_assess`).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.registry.choices import TRAINING_INSTITUTION_KINDS
from llct.registry.models import Cadre, Unit
from llct.registry.scope import in_scope
from llct.training.choices import ClassStatus, CommitteeRole, EnrolmentStatus, LecturerKind
from llct.training.models import Enrolment, Lecturer, Module, Programme, Session, TrainingClass
from llct.workflows import Transition, Workflow

from .allocation import institution_check, offered_check
from .errors import TrainingRuleError, dmy

QD1147 = "QĐ 1147-QĐ/BTGDVTW"
COUNTED = (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED)

CLASS_FLOW = Workflow(
    TrainingRuleError,
    Transition(
        "start",
        (ClassStatus.OPEN,),
        ClassStatus.IN_PROGRESS,
        Action.RUN_TRAINING,
        lambda _klass: _("Chỉ bắt đầu được lớp đang tuyển sinh."),
    ),
    Transition(
        "recognise",
        (ClassStatus.ASSESSED,),
        ClassStatus.RECOGNISED,
        Action.APPROVE,
        lambda _klass: _("Xét kết quả của lớp trước khi ra quyết định công nhận."),
        code="not_assessed",
    ),
)


def require_run(by, klass_or_unit) -> None:
    """The user's role runs training and the class's institution lies in their scope."""
    unit = klass_or_unit.institution if isinstance(klass_or_unit, TrainingClass) else klass_or_unit
    if not can(by, Action.RUN_TRAINING) or not in_scope(by, unit):
        raise PermissionDenied


@transaction.atomic
def class_open(
    *,
    institution: Unit,
    programme: Programme,
    code: str,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    capacity: int,
    mode: str = "",
    venue: str = "",
    homeroom_lecturer: Lecturer | None = None,
    by,
) -> TrainingClass:
    """Open a class. Refused with the citation when the institution may not run the programme on the start
    date (phân cấp); a commune-centre class must have room for the minimum of learners (QĐ 1147)."""
    require_run(by, institution)
    code = code.strip()
    existing = TrainingClass.objects.filter(code=code).first()
    if existing is not None:
        if existing.institution_id == institution.pk and existing.programme_id == programme.pk:
            return existing  # the same form submitted twice
        raise TrainingRuleError(
            _("Mã lớp %(c)s đã dùng cho lớp “%(n)s”; chọn mã khác.") % {"c": code, "n": existing.name},
            code="code_taken",
            field="code",
        )
    if ends_on < starts_on:
        raise TrainingRuleError(
            _("Ngày bế giảng %(b)s trước ngày khai giảng %(a)s.") % {"a": dmy(starts_on), "b": dmy(ends_on)},
            field="ends_on",
        )
    offered_check(programme, starts_on, "starts_on")
    competence = institution_check(institution, programme, starts_on)
    if programme.modes and mode not in programme.modes:
        raise TrainingRuleError(
            _("Chọn hình thức học của chương trình %(p)s.") % {"p": programme.name}, field="mode"
        )
    if capacity < programme.min_learners:
        raise TrainingRuleError(
            _("Sĩ số tối đa %(c)s nhỏ hơn số học viên tối thiểu %(m)s để mở lớp.")
            % {"c": capacity, "m": programme.min_learners},
            citation=QD1147,
            field="capacity",
        )
    if homeroom_lecturer is not None and homeroom_lecturer.institution_id != institution.pk:
        raise TrainingRuleError(
            _("Giảng viên chủ nhiệm phải là giảng viên của cơ sở đào tạo mở lớp."), field="homeroom_lecturer"
        )
    klass = TrainingClass(
        institution=institution,
        programme=programme,
        code=code,
        name=name.strip(),
        mode=mode,
        starts_on=starts_on,
        ends_on=ends_on,
        venue=venue,
        capacity=capacity,
        homeroom_lecturer=homeroom_lecturer,
        allocation=competence.as_json(),
    )
    klass.full_clean()
    audit(klass, by).save()
    return klass


def active_count(klass: TrainingClass) -> int:
    return klass.enrolments.filter(status__in=COUNTED).count()


@transaction.atomic
def enrolment_add(
    klass: TrainingClass, cadre: Cadre, *, sending_unit: Unit, nomination=None, by
) -> Enrolment:
    """Put one learner in a class. The class row is locked so parallel enrolments never over-book it;
    the same learner twice returns the existing enrolment."""
    require_run(by, klass)
    klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
    existing = Enrolment.objects.filter(training_class=klass, cadre=cadre).first()
    if existing is not None:
        return existing
    if klass.status not in (ClassStatus.OPEN, ClassStatus.IN_PROGRESS):
        raise TrainingRuleError(_("Lớp %(c)s không còn nhận học viên.") % {"c": klass.code}, code="closed")
    if active_count(klass) >= klass.capacity:
        raise TrainingRuleError(
            _("Lớp %(c)s đã đủ %(n)s học viên.") % {"c": klass.code, "n": klass.capacity}, code="full"
        )
    enrolment = Enrolment(training_class=klass, cadre=cadre, sending_unit=sending_unit, nomination=nomination)
    try:
        with transaction.atomic():
            audit(enrolment, by).save()
    except IntegrityError:
        return Enrolment.objects.get(training_class=klass, cadre=cadre)
    return enrolment


def enrolment_add_list(
    klass: TrainingClass, cadres: list[Cadre], *, sending_unit: Unit, by
) -> list[Enrolment]:
    """Enrol the list a commune sends (commune-centre courses: communes send learner lists, QĐ 1147).
    Every cadre must be managed within the sending unit. All or none."""
    require_run(by, klass)
    if not klass.programme.is_commune_centre:
        raise TrainingRuleError(
            _(
                "Chỉ lớp bồi dưỡng của Trung tâm Chính trị cấp xã nhận danh sách do xã gửi; "
                "lớp %(c)s nhận học viên từ hồ sơ cử đi học đã duyệt."
            )
            % {"c": klass.code},
            code="not_commune_course",
        )
    outside = [c.full_name for c in cadres if not c.unit.path.startswith(sending_unit.path)]
    if outside:
        raise TrainingRuleError(
            _("%(names)s không thuộc %(unit)s.") % {"names": ", ".join(outside), "unit": sending_unit.name},
            field="cadres",
        )
    with transaction.atomic():
        return [enrolment_add(klass, c, sending_unit=sending_unit, by=by) for c in cadres]


@transaction.atomic
def enrolment_withdraw(enrolment: Enrolment, *, by, reason: str = "") -> Enrolment:
    """Take a learner out of a class: the institution's staff, or the sending unit's board."""
    runs = can(by, Action.RUN_TRAINING) and in_scope(by, enrolment.training_class.institution)
    sends = can(by, Action.MANAGE_NOMINATIONS) and in_scope(by, enrolment.sending_unit)
    if not (runs or sends):
        raise PermissionDenied
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.completed = False
    audit(enrolment, by, reason).save()
    return enrolment


@transaction.atomic
def committee_set(enrolment: Enrolment, role: str, *, by) -> Enrolment:
    """Name a learner to the class committee, or take them off it with role "" (QĐ 1147: one class
    committee per class). A class has one monitor: naming a new one takes the role from the former."""
    require_run(by, enrolment.training_class)
    if role not in CommitteeRole.values:
        raise TrainingRuleError(_("Chọn một chức danh trong ban cán sự lớp."), field="committee_role")
    if role and enrolment.status not in COUNTED:
        raise TrainingRuleError(
            _("%(n)s không còn trong lớp.") % {"n": enrolment.cadre.full_name}, field="enrolment"
        )
    if role == CommitteeRole.MONITOR:
        Enrolment.objects.filter(training_class=enrolment.training_class, committee_role=role).exclude(
            pk=enrolment.pk
        ).update(committee_role="")
    enrolment.committee_role = role
    audit(enrolment, by).save()
    return enrolment


@transaction.atomic
def homeroom_set(klass: TrainingClass, lecturer: Lecturer, *, by) -> TrainingClass:
    """Name the homeroom lecturer of the class (QĐ 1147: one homeroom lecturer per class), a lecturer of
    the institution that runs it."""
    require_run(by, klass)
    klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
    if lecturer.institution_id != klass.institution_id:
        raise TrainingRuleError(
            _("Giảng viên chủ nhiệm phải là giảng viên của cơ sở đào tạo mở lớp."), field="homeroom_lecturer"
        )
    if not lecturer.active:
        raise TrainingRuleError(
            _("%(n)s không còn giảng dạy.") % {"n": lecturer.full_name}, field="homeroom_lecturer"
        )
    klass.homeroom_lecturer = lecturer
    audit(klass, by).save()
    return klass


@transaction.atomic
def class_start(klass: TrainingClass, *, by) -> TrainingClass:
    """Start an open class. A commune-centre class needs at least its minimum of learners (25, QĐ 1147)
    and a homeroom lecturer."""
    require_run(by, klass)
    klass = TrainingClass.objects.select_for_update().select_related("programme").get(pk=klass.pk)
    if klass.status == ClassStatus.IN_PROGRESS:
        return klass
    CLASS_FLOW.check(klass, "start")
    count = active_count(klass)
    if count < klass.programme.min_learners:
        raise TrainingRuleError(
            _("Lớp %(c)s mới có %(n)s học viên; cần ít nhất %(m)s học viên mới được mở lớp.")
            % {"c": klass.code, "n": count, "m": klass.programme.min_learners},
            citation=QD1147,
            code="too_few",
        )
    if klass.programme.is_commune_centre and klass.homeroom_lecturer_id is None:
        raise TrainingRuleError(_("Phân công giảng viên chủ nhiệm trước khi bắt đầu lớp."), citation=QD1147)
    return CLASS_FLOW.take(klass, "start", by)


@transaction.atomic
def session_add(
    klass: TrainingClass,
    *,
    date: dt.date,
    periods: int,
    module: Module | None = None,
    lecturer: Lecturer | None = None,
    topic: str = "",
    by,
) -> Session:
    """Schedule a session of the class (periods of 45 minutes = standard hours of the lecturer)."""
    require_run(by, klass)
    if not klass.starts_on <= date <= klass.ends_on:
        raise TrainingRuleError(
            _("Ngày %(d)s nằm ngoài thời gian của lớp (%(a)s – %(b)s).")
            % {"d": dmy(date), "a": dmy(klass.starts_on), "b": dmy(klass.ends_on)},
            field="date",
        )
    if module is not None and module.programme_id != klass.programme_id:
        raise TrainingRuleError(_("Học phần không thuộc chương trình của lớp."), field="module")
    if lecturer is not None and lecturer.institution_id != klass.institution_id:
        raise TrainingRuleError(_("Giảng viên không thuộc cơ sở đào tạo mở lớp."), field="lecturer")
    session = Session(
        training_class=klass, date=date, periods=periods, module=module, lecturer=lecturer, topic=topic
    )
    session.full_clean()
    audit(session, by).save()
    return session


@transaction.atomic
def lecturer_save(lecturer: Lecturer, *, by) -> Lecturer:
    """Create or change a lecturer of an institution in the user's scope: full-time (cơ hữu), concurrent
    (kiêm chức) or visiting; the management duty and the youngest child's birth date set the norm
    (QĐ 1147 art. 13), so they only make sense for a full-time lecturer."""
    require_run(by, lecturer.institution)
    if lecturer.pk is not None:
        before = Lecturer.objects.select_related("institution").get(pk=lecturer.pk)
        require_run(by, before.institution)
    if lecturer.institution.kind not in TRAINING_INSTITUTION_KINDS:
        raise TrainingRuleError(_("Chọn một cơ sở đào tạo."), field="institution")
    if lecturer.kind != LecturerKind.FULL_TIME:
        for field in ("management_role", "youngest_child_born_on"):
            if getattr(lecturer, field):
                raise TrainingRuleError(
                    _(
                        "Định mức giờ chuẩn (kiêm nhiệm quản lý, giảm khi nuôi con nhỏ) "
                        "chỉ áp dụng cho giảng viên cơ hữu."
                    ),
                    citation="Điều 13, " + QD1147,
                    field=field,
                )
    if lecturer.user is not None and not in_scope(lecturer.user, lecturer.institution):
        raise TrainingRuleError(
            _("Tài khoản %(u)s không thuộc %(i)s.") % {"u": lecturer.user, "i": lecturer.institution.name},
            field="user",
        )
    lecturer.full_name = lecturer.full_name.strip()
    lecturer.full_clean()
    audit(lecturer, by).save()
    return lecturer
