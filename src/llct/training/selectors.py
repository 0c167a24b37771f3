"""Reads of training, always cut to the user's unit scope (outside it → 404 in the views)."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from llct.registry.choices import TRAINING_INSTITUTION_KINDS, Tier, UnitKind
from llct.registry.models import Cadre, Unit
from llct.registry.scope import scoped, unit_filter
from llct.training.choices import ACTIVE_NOMINATION_STATUSES, AssessmentScheme, ClassStatus, NominationStatus
from llct.training.models import Lecturer, Nomination, TrainingClass, TrainingPlan


def class_list(user) -> QuerySet[TrainingClass]:
    """Classes of the institutions in the user's subtree."""
    return scoped(
        TrainingClass.objects.select_related("institution", "programme", "homeroom_lecturer"),
        user,
        "institution",
    ).annotate(learners=Count("enrolments", filter=~Q(enrolments__status="rut")))


# What waits on a class, by the work queue's key: its label and the condition on the day given. The home
# page counts them; the class list filters by them (?work=key), so the count and the list agree.
CLASS_WORK: dict[str, tuple] = {
    "essays": (
        _("Bài thu hoạch chờ chấm, nộp điểm"),
        lambda today: Q(
            programme__assessment_scheme=AssessmentScheme.ESSAY_QD1147,
            essays_received_on__isnull=False,
            marks_handed_in_on__isnull=True,
        ),
    ),
    "publish": (
        _("Đã nộp điểm, chờ công bố"),
        lambda today: Q(marks_handed_in_on__isnull=False, marks_published_on__isnull=True),
    ),
    "decide": (
        _("Đã bế giảng, chưa xét kết quả"),
        lambda today: Q(status=ClassStatus.IN_PROGRESS, ends_on__lt=today),
    ),
    "recognise": (
        _("Đã xét kết quả, chờ quyết định công nhận"),
        lambda today: Q(status=ClassStatus.ASSESSED),
    ),
}


def classes_waiting(user, work: str, today) -> QuerySet[TrainingClass]:
    """The user's classes on which the work `work` (a key of CLASS_WORK) waits."""
    return class_list(user).filter(CLASS_WORK[work][1](today))


def nominable_cadres(user) -> QuerySet[Cadre]:
    """Cadres the user may nominate: those their scope manages."""
    return scoped(Cadre.objects.all(), user)


def nomination_list(user) -> QuerySet[Nomination]:
    """Nominations sent by units of the user's subtree, or admitted to classes of their institutions."""
    return Nomination.objects.filter(
        unit_filter(user, "sending_unit") | unit_filter(user, "training_class__institution")
    ).select_related("cadre", "programme", "sending_unit", "training_class")


def plan_list(user) -> QuerySet[TrainingPlan]:
    return scoped(TrainingPlan.objects.select_related("unit"), user, "unit")


def lecturer_list(user) -> QuerySet[Lecturer]:
    return scoped(Lecturer.objects.select_related("institution"), user, "institution")


def class_lecturers(klass: TrainingClass) -> QuerySet[Lecturer]:
    """The active lecturers of the class's institution (homeroom, sessions, markers)."""
    return Lecturer.objects.filter(institution=klass.institution, active=True).order_by("full_name")


def admissible_nominations(klass: TrainingClass) -> QuerySet[Nomination]:
    """Approved nominations the class may admit: same programme and a compatible mode, not yet placed, sent
    against a quota line naming the class's institution or, when the line names none, by a unit under
    the unit the institution belongs to (the province of a school, the commune of a centre)."""
    if klass.status not in (ClassStatus.OPEN, ClassStatus.IN_PROGRESS):
        return Nomination.objects.none()
    parent = Unit.objects.get_parent(klass.institution)
    here = Q(quota__institution=klass.institution)
    if parent is not None:
        here |= Q(quota__institution__isnull=True, sending_unit__path__startswith=parent.path)
    nominations = Nomination.objects.filter(
        here, programme=klass.programme, status=NominationStatus.APPROVED, training_class__isnull=True
    )
    if klass.mode:
        nominations = nominations.filter(Q(mode="") | Q(mode=klass.mode))
    return nominations.select_related("cadre", "sending_unit").order_by("cadre__name_sort_key", "pk")


def list_senders(klass: TrainingClass, user) -> QuerySet[Unit]:
    """Units that may send a learner list to a commune-centre class: the communes the centre serves
    (QĐ 360-QĐ/TW), and the communes of the user's scope in existence when the class starts."""
    served = klass.institution.served_communes.values("pk")
    communes = Unit.objects.valid_on(klass.starts_on).filter(tier=Tier.COMMUNE)
    own = scoped(communes.exclude(kind__in=TRAINING_INSTITUTION_KINDS), user, "").values("pk")
    return Unit.objects.filter(Q(pk__in=served) | Q(pk__in=own)).order_by("path")


def _by_key(cadres: QuerySet[Cadre], key: str) -> Cadre | None:
    key = key.strip()
    if not key:
        return None
    return cadres.filter(Q(code__in={key, key.upper()}) | Q(citizen_id=key)).select_related("unit").first()


def cadre_in(unit: Unit, key: str) -> Cadre | None:
    """The cadre managed within `unit`'s subtree whose code (as typed or upper-cased) or citizen ID is
    `key`."""
    return _by_key(Cadre.objects.filter(unit__path__startswith=unit.path), key)


def cadre_in_scope(user, key: str) -> Cadre | None:
    """The cadre of the user's scope whose code or citizen ID is `key` (None outside the scope)."""
    return _by_key(scoped(Cadre.objects.all(), user), key)


def cadre_suggestions(user, q: str, limit: int = 15) -> list[Cadre]:
    """Cadres of the user's scope whose name (accent-insensitive) or code matches `q`, for the
    nomination form's autocomplete (the registry's search)."""
    from llct.registry.selectors import cadre_search

    if len(q.strip()) < 2:
        return []
    return list(cadre_search(user, q=q).select_related("unit")[:limit])


def quota_institutions(plan: TrainingPlan) -> QuerySet[Unit]:
    """Institutions a quota line of the plan may name: those under the planning unit, and the national and
    regional academies (cao cấp is trained there, outside any province's subtree)."""
    national = Q(kind__in=[UnitKind.NATIONAL_ACADEMY, UnitKind.REGIONAL_ACADEMY])
    own = Q(kind__in=TRAINING_INSTITUTION_KINDS, path__startswith=plan.unit.path)
    return Unit.objects.filter(national | own).order_by("path")


def plan_actual(plan: TrainingPlan) -> list[dict]:
    """Plan versus actual for each quota line, in one query: quota, nominated (live), approved (and
    admitted), admitted, completed."""
    lines = plan.quotas.select_related("programme", "institution").annotate(
        nominated_n=Count("nominations", filter=Q(nominations__status__in=ACTIVE_NOMINATION_STATUSES)),
        approved_n=Count(
            "nominations",
            filter=Q(nominations__status__in=[NominationStatus.APPROVED, NominationStatus.ADMITTED]),
        ),
        admitted_n=Count("nominations", filter=Q(nominations__status=NominationStatus.ADMITTED)),
        completed_n=Count("nominations", filter=Q(nominations__enrolment__completed=True)),
    )
    return [
        {
            "line": line,
            "nominated": line.nominated_n,
            "approved": line.approved_n,
            "admitted": line.admitted_n,
            "completed": line.completed_n,
        }
        for line in lines
    ]
