"""Reads of credentials, always cut to the user's unit scope."""

import datetime as dt
import functools
import hmac

from django.db import connections, router
from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.utils import timezone

from llct.credentials.choices import BlankStatus, CredentialKind, CredentialStatus
from llct.credentials.models import Blank, BlankStock, CertificateRegister, Credential, IssueJob, RegisterYear
from llct.credentials.verification import PUBLIC_COLUMNS
from llct.registry.choices import TRAINING_INSTITUTION_KINDS
from llct.registry.models import Unit
from llct.registry.scope import scoped
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


def credentials_pending(user) -> QuerySet[Enrolment]:
    """Recognised learners of the user's institutions still without their document, the oldest
    recognition decision (the nearest deadline) first."""
    return scoped(_pending(), user, "training_class__institution").order_by(
        "recognised_on", "training_class__code", "cadre__name_sort_key"
    )


def issue_due(recognised_on: dt.date) -> dt.date:
    """The last day to issue the document: 15 days after the recognition decision (QĐ 1147)."""
    return recognised_on + dt.timedelta(days=ISSUE_DEADLINE_DAYS)


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


@functools.cache
def _lookup_sql(field: str, vendor: str) -> str:
    # The ORM's SQL for the lookup, compiled once per process: building and compiling the queryset costs
    # more than running it on the unique index (≈ 0.5 ms against 0.05 ms).
    sql, _params = (
        Credential.objects.filter(**{f"{field}__in": ["", " "]})
        .order_by()
        .values(*PUBLIC_COLUMNS)[:1]
        .query.sql_with_params()
    )
    return sql


def credential_by_key(key: str) -> dict | None:
    """The public facts of the credential whose verification token or serial is `key` (no scope:
    verification is public). One query on one unique index, reading only the public columns: a serial
    always has "/", a token never; serials and the newer tokens are upper case, as typed or not. The
    public lookup by serial goes through `credential_by_serial`, which asks for a proof."""
    key = key.strip()
    if not key:
        return None
    connection = connections[router.db_for_read(Credential)]
    with connection.cursor() as cursor:
        cursor.execute(
            _lookup_sql("serial" if "/" in key else "token", connection.vendor), [key, key.upper()]
        )
        row = cursor.fetchone()
    return dict(zip(PUBLIC_COLUMNS, row, strict=True)) if row else None


def credential_by_serial(serial: str, proof: str) -> dict | None:
    """The public facts of the credential numbered `serial` (as typed or upper case), when `proof` is the
    holder's birth year or the verification token printed on the document; None otherwise, the same
    None whether the serial exists or not. The birth date and token are compared here and never leave."""
    row = (
        Credential.objects.filter(serial__in=[serial.strip(), serial.strip().upper()])
        .order_by()
        .values(*PUBLIC_COLUMNS, "token", "holder__birth_date")
        .first()
    )
    if row is None:
        return None
    token, born = row.pop("token"), row.pop("holder__birth_date")
    proof = proof.strip()
    by_year = born is not None and proof.isdigit() and len(proof) == 4 and int(proof) == born.year
    by_token = hmac.compare_digest(proof.upper().encode(), (token or "").upper().encode())
    return row if by_year or (proof and by_token) else None


def blank_stocks_visible(user) -> QuerySet[BlankStock]:
    return scoped(BlankStock.objects.select_related("institution"), user, "institution")


def blanks_visible(user) -> QuerySet[Blank]:
    return scoped(Blank.objects.select_related("stock", "institution"), user, "institution")


def blank_stock_summary(stock: BlankStock) -> dict[str, int]:
    """How many blanks of a stock are unused, used and spoiled."""
    counts = dict(stock.blanks.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in BlankStatus.values}


def blank_institutions(user) -> QuerySet[Unit]:
    """The training institutions in the user's scope, which may receive diploma blanks."""
    return scoped(Unit.objects.filter(kind__in=TRAINING_INSTITUTION_KINDS), user, "").order_by("path")


def scoped_enrolments(user) -> QuerySet[Enrolment]:
    return scoped(Enrolment.objects.all(), user, "training_class__institution")


def class_issue_preview(training_class: TrainingClass, today: dt.date | None = None) -> dict:
    """What "issue for the whole class" would do today: how many documents of which kind, and the register
    numbers they would take (consecutive, unless someone issues from the same register meanwhile)."""
    today = today or timezone.localdate()
    kind = training_class.programme.output
    count = class_pending(training_class).count()
    register = CertificateRegister.objects.filter(institution=training_class.institution, kind=kind).first()
    last = 0
    if register is not None:
        last = (
            RegisterYear.objects.filter(register=register, year=today.year)
            .values_list("last_number", flat=True)
            .first()
            or 0
        )
    return {
        "count": count,
        "kind": CredentialKind(kind).label,
        "first": f"{last + 1:06d}/{today.year}",
        "last": f"{last + count:06d}/{today.year}",
    }
