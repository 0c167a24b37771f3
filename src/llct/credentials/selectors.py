"""Reads of credentials, always cut to the user's unit scope."""

import datetime as dt

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from llct.accounts.scope import scoped
from llct.credentials.choices import CredentialKind, CredentialStatus
from llct.credentials.models import CertificateRegister, Credential, IssueJob
from llct.training.models import Enrolment, TrainingClass

# QĐ 1147: certificates are issued within 15 days of the recognition decision (calendar days assumed).
ISSUE_DEADLINE_DAYS = 15


def registers_visible(user) -> QuerySet[CertificateRegister]:
    return scoped(CertificateRegister.objects.select_related("institution"), user, "institution")


def credentials_visible(user) -> QuerySet[Credential]:
    return scoped(
        Credential.objects.select_related("register__institution", "holder", "programme", "recognition"),
        user,
        "register__institution",
    )


def classes_visible(user) -> QuerySet[TrainingClass]:
    return scoped(TrainingClass.objects.select_related("programme", "institution"), user, "institution")


def jobs_visible(user) -> QuerySet[IssueJob]:
    return scoped(IssueJob.objects.select_related("training_class"), user, "training_class__institution")


def _pending(today: dt.date | None = None) -> QuerySet[Enrolment]:
    issued = Credential.objects.filter(
        holder_id=OuterRef("cadre_id"), programme_id=OuterRef("training_class__programme_id")
    ).exclude(status=CredentialStatus.REPLACED)
    return (
        Enrolment.objects.filter(
            recognitions__isnull=False, training_class__programme__output__in=CredentialKind.values
        )
        .exclude(Exists(issued))
        .select_related(
            "cadre", "training_class__programme", "training_class__institution", "training_class__recognition"
        )
        .annotate(recognised_on=F("training_class__recognition__signed_on"))
    )


def credentials_overdue(user, today: dt.date | None = None) -> QuerySet[Enrolment]:
    """Recognised learners of the user's institutions still without their document more than 15 days
    after the recognition decision (QĐ 1147), the oldest decision first."""
    today = today or timezone.localdate()
    limit = today - dt.timedelta(days=ISSUE_DEADLINE_DAYS)
    return (
        scoped(_pending(), user, "training_class__institution")
        .filter(recognised_on__lt=limit)
        .order_by("recognised_on", "training_class__code", "cadre__name_sort_key")
    )


def class_pending(training_class: TrainingClass) -> QuerySet[Enrolment]:
    """Recognised learners of one class who have no document yet."""
    return _pending().filter(training_class=training_class)


def credential_by_key(key: str) -> dict | None:
    """The public facts of the credential whose verification token or serial is `key` (no scope:
    verification is public). One query reading only those columns: personal data never leaves the DB."""
    key = key.strip()
    if not key:
        return None
    return (
        Credential.objects.filter(Q(token=key) | Q(serial=key) | Q(serial=key.upper()))
        .order_by()
        .values(
            "serial",
            "year",
            "status",
            "holder__full_name",
            "programme__name",
            "programme__level",
            "register__institution__name",
        )
        .first()
    )


def scoped_enrolments(user) -> QuerySet[Enrolment]:
    return scoped(Enrolment.objects.all(), user, "training_class__institution")
