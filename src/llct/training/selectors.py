"""Reads of training, always cut to the user's unit scope (outside it → 404 in the views)."""

from django.db.models import Count, Q, QuerySet

from llct.accounts.scope import scoped, unit_filter
from llct.training.choices import ACTIVE_NOMINATION_STATUSES, NominationStatus
from llct.training.models import Lecturer, Nomination, TrainingClass, TrainingPlan


def class_list(user) -> QuerySet[TrainingClass]:
    """Classes of the institutions in the user's subtree."""
    return scoped(
        TrainingClass.objects.select_related("institution", "programme"), user, "institution"
    ).annotate(learners=Count("enrolments", filter=~Q(enrolments__status="rut")))


def nomination_list(user) -> QuerySet[Nomination]:
    """Nominations sent by units of the user's subtree, or admitted to classes of their institutions."""
    return Nomination.objects.filter(
        unit_filter(user, "sending_unit") | unit_filter(user, "training_class__institution")
    ).select_related("cadre", "programme", "sending_unit", "training_class")


def plan_list(user) -> QuerySet[TrainingPlan]:
    return scoped(TrainingPlan.objects.select_related("unit"), user, "unit")


def lecturer_list(user) -> QuerySet[Lecturer]:
    return scoped(Lecturer.objects.select_related("institution"), user, "institution")


def plan_actual(plan: TrainingPlan) -> list[dict]:
    """Plan versus actual for each quota line: quota, nominated (live), approved, admitted, completed."""
    rows = []
    for line in plan.quotas.select_related("programme", "institution"):
        noms = line.nominations.all()
        rows.append(
            {
                "line": line,
                "nominated": noms.filter(status__in=ACTIVE_NOMINATION_STATUSES).count(),
                "approved": noms.filter(
                    status__in=[NominationStatus.APPROVED, NominationStatus.ADMITTED]
                ).count(),
                "admitted": noms.filter(status=NominationStatus.ADMITTED).count(),
                "completed": noms.filter(enrolment__completed=True).count(),
            }
        )
    return rows
