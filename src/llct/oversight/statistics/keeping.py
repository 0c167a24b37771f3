"""Keeping the tallies (`ClassTally`, `CredentialTally`) equal to the records they sum.

- A change of a class, a learner, a recognition decision, a document or a bulk issue (the models'
  `post_save` and `post_delete`, connected in the oversight app's `ready()`) marks its class as waiting
  (`TallyRefresh`) in the same transaction, and once the transaction commits the task queue refreshes
  the waiting classes (`tallies_refresh`): their rows are deleted and summed again from the records.
- While a class waits, its subtree is counted from the records (`tallies_fresh` is false there), so a
  figure is never older than the records, only slower to count until the task has run.
- Each per-class tally is summed again by institution and year (`ClassYearTally`, `CredentialYearTally`)
  for the institutions of the classes refreshed, in the same transaction.
- `tallies_rebuild` (`llct statistics-rebuild`) sums everything again in one transaction; records written
  around the models' signals (bulk loads) make the tallies not fresh until it runs.

Both write with `INSERT … SELECT … GROUP BY` built by the ORM, so the database does the summing.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, Count, F, Max, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from llct.credentials.models import CertificateRegister, Credential
from llct.oversight.models import (
    ClassTally,
    ClassYearTally,
    CredentialTally,
    CredentialYearTally,
    TallyRefresh,
    TallyState,
)
from llct.training.models import Enrolment, TrainingClass

from .facts import DaysBetween, issued_late
from .sources import within

PREFIX = "t_"


def _class_columns(klass: str) -> dict[str, object]:
    """The class-level columns of a tally row, read through `klass` (the lookup path to the class, ""
    from the class itself)."""
    at = f"{klass}__" if klass else ""
    return {
        "training_class": F(klass or "pk"),
        "programme": F(f"{at}programme"),
        "mode": F(f"{at}mode"),
        "start_year": ExtractYear(f"{at}starts_on"),
        "start_month": ExtractMonth(f"{at}starts_on"),
        "end_year": ExtractYear(f"{at}ends_on"),
        "end_month": ExtractMonth(f"{at}ends_on"),
    }


def _class_rows(classes: QuerySet) -> QuerySet:
    """One row per class: the class itself."""
    columns = _class_columns("") | {
        "institution": F("institution"),
        "unit_path": F("institution__path"),
        "status": Value(""),
        "classes": Value(1),
        "learners": Value(0),
    }
    return classes.order_by().values(**{PREFIX + k: v for k, v in columns.items()})


def _learner_rows(enrolments: QuerySet) -> QuerySet:
    """One row per class and learner outcome, with the learners counted."""
    columns = _class_columns("training_class") | {
        "institution": F("training_class__institution"),
        "unit_path": F("training_class__institution__path"),
        "status": F("status"),
    }
    return (
        enrolments.order_by()
        .values(**{PREFIX + k: v for k, v in columns.items()})
        .annotate(**{PREFIX + "classes": Value(0), PREFIX + "learners": Count("pk")})
    )


def _credential_rows(credentials: QuerySet) -> QuerySet:
    """One row per class, register institution and document outcome, counted and with days summed."""
    columns = {
        "training_class": F("enrolment__training_class"),
        "institution": F("register__institution"),
        "unit_path": F("register__institution__path"),
        "programme": F("programme"),
        "mode": F("enrolment__training_class__mode"),
        "issued_year": ExtractYear("issued_on"),
        "issued_month": ExtractMonth("issued_on"),
        "revoked_year": ExtractYear("revoked_on"),
        "revoked_month": ExtractMonth("revoked_on"),
        "status": F("status"),
        "reissued": Case(When(replaces__isnull=False, then=Value(True)), default=Value(False)),
        "late": Case(When(issued_late(), then=Value(True)), default=Value(False)),
    }
    return (
        credentials.order_by()
        .values(**{PREFIX + k: v for k, v in columns.items()})
        .annotate(
            **{
                PREFIX + "credentials": Count("pk"),
                PREFIX + "days_to_issue": Sum(DaysBetween(F("issued_on"), F("recognition__signed_on"))),
            }
        )
    )


def _insert(model, rows: QuerySet) -> int:
    """Write `rows` (a values() query naming the tally's fields with PREFIX) into `model`'s table in one
    `INSERT … SELECT`; the number of rows written."""
    compiler = rows.query.get_compiler(using=rows.db)
    sql, params = compiler.as_sql()
    fields = [alias.removeprefix(PREFIX) for _expression, _sql, alias in compiler.select]
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {sql}", params)
        return cursor.rowcount


def _write(classes: QuerySet, enrolments: QuerySet, credentials: QuerySet) -> int:
    return (
        _insert(ClassTally, _class_rows(classes))
        + _insert(ClassTally, _learner_rows(enrolments))
        + _insert(CredentialTally, _credential_rows(credentials))
    )


# Each tally per class and month, the one summed from it by institution and year, what it is grouped by,
# and what it sums.
YEARLY = (
    (
        ClassTally,
        ClassYearTally,
        ("institution", "unit_path", "programme", "mode", "start_year", "end_year", "status"),
        ("classes", "learners"),
    ),
    (
        CredentialTally,
        CredentialYearTally,
        (
            *("institution", "unit_path", "programme", "mode", "issued_year", "revoked_year", "status"),
            *("reissued", "late"),
        ),
        ("credentials", "days_to_issue"),
    ),
)


def _institutions(class_ids: list[int]) -> set[int]:
    """The institutions the tallies of these classes are kept under."""
    found: set[int] = set()
    for fine, *_rest in YEARLY:
        rows = fine.objects.filter(training_class_id__in=class_ids)
        found |= set(rows.values_list("institution_id", flat=True))
    return found


def _sum_by_year(institutions: set[int] | None) -> None:
    """Sum the per-class tallies of `institutions` (all when None) again into the yearly ones."""
    for fine, yearly, keys, sums in YEARLY:
        rows, old = fine.objects.all(), yearly.objects.all()
        if institutions is not None:
            rows = rows.filter(institution_id__in=institutions)
            old = old.filter(institution_id__in=institutions)
        old.delete()
        grouped = rows.order_by().values(**{PREFIX + k: F(k) for k in keys})
        _insert(yearly, grouped.annotate(**{PREFIX + s: Sum(s) for s in sums}))


def _marks() -> dict[str, int]:
    """The highest ids of the records summed."""
    return {
        "class_mark": TrainingClass.objects.aggregate(m=Max("pk"))["m"] or 0,
        "enrolment_mark": Enrolment.objects.aggregate(m=Max("pk"))["m"] or 0,
        "credential_mark": Credential.objects.aggregate(m=Max("pk"))["m"] or 0,
    }


@dataclass(frozen=True)
class Rebuild:
    rows: int
    seconds: float


def tallies_rebuild() -> Rebuild:
    """Sum every class, learner and document again, in one transaction (readers keep the old tallies
    until it commits). The state row exists before it starts, so changes made meanwhile mark their
    classes and are refreshed after it."""
    started = timezone.now()
    TallyState.objects.get_or_create(pk=1)
    with transaction.atomic():
        state = TallyState.objects.select_for_update().get(pk=1)
        waiting = TallyRefresh.objects.aggregate(m=Max("pk"))["m"] or 0
        marks = _marks()
        ClassTally.objects.all().delete()
        CredentialTally.objects.all().delete()
        rows = _write(TrainingClass.objects.all(), Enrolment.objects.all(), Credential.objects.all())
        _sum_by_year(None)
        TallyRefresh.objects.filter(pk__lte=waiting).delete()
        for name, value in marks.items():
            setattr(state, name, value)
        state.built_at = state.refreshed_at = timezone.now()
        state.save()
    return Rebuild(rows, (timezone.now() - started).total_seconds())


BATCH = 500  # classes refreshed per transaction


def tallies_refresh() -> int:
    """Sum the waiting classes again, BATCH per transaction, one refresh at a time (the state row is
    locked); the number of classes refreshed. Nothing to do before the first rebuild."""
    done = 0
    while True:
        with transaction.atomic():
            state = TallyState.objects.select_for_update().filter(built_at__isnull=False).first()
            if state is None:
                return done
            waiting = list(TallyRefresh.objects.order_by("pk").values_list("pk", "training_class_id")[:BATCH])
            if not waiting:
                return done
            ids = sorted({c for _pk, c in waiting})
            institutions = _institutions(ids)
            ClassTally.objects.filter(training_class_id__in=ids).delete()
            CredentialTally.objects.filter(training_class_id__in=ids).delete()
            enrolments = Enrolment.objects.filter(training_class_id__in=ids)
            credentials = Credential.objects.filter(enrolment__training_class_id__in=ids)
            _write(TrainingClass.objects.filter(pk__in=ids), enrolments, credentials)
            _sum_by_year(institutions | _institutions(ids))
            TallyRefresh.objects.filter(pk__in=[pk for pk, _c in waiting]).delete()
            # The records of these classes are summed now, whatever their ids.
            state.class_mark = max(state.class_mark, ids[-1])
            state.enrolment_mark = max(state.enrolment_mark, enrolments.aggregate(m=Max("pk"))["m"] or 0)
            state.credential_mark = max(state.credential_mark, credentials.aggregate(m=Max("pk"))["m"] or 0)
            state.refreshed_at = timezone.now()
            state.save()
        done += len(ids)
        if len(waiting) < BATCH:
            return done


def tallies_fresh(scope: tuple[str, ...], lineage: tuple[str, ...] | None) -> bool:
    """Whether the tallies may stand for the records of `scope` (∩ `lineage`): built, no class of the
    subtree waiting, and no class, learner or document written since without its signal."""
    newest = {
        "newest_class": TrainingClass.objects.order_by("-pk").values("pk")[:1],
        "newest_enrolment": Enrolment.objects.order_by("-pk").values("pk")[:1],
        "newest_credential": Credential.objects.order_by("-pk").values("pk")[:1],
    }
    state = (
        TallyState.objects.filter(built_at__isnull=False)
        .annotate(**{name: Subquery(rows) for name, rows in newest.items()})
        .first()
    )
    if state is None:
        return False
    if (
        (state.newest_class or 0) > state.class_mark
        or (state.newest_enrolment or 0) > state.enrolment_mark
        or (state.newest_credential or 0) > state.credential_mark
    ):
        return False
    waiting = TallyRefresh.objects.filter(within(scope, "unit_path"))
    if lineage is not None:
        waiting = waiting.filter(within(lineage, "unit_path"))
    return not waiting.exists()


# ---------------------------------------------------------------- marking changed classes


class _Refresh:
    """The on-commit callback of one transaction (at one savepoint level): it enqueues the refresh once,
    and remembers the classes marked, so that a class assessed with its 50 learners is marked once.
    Django drops it with the marks when the transaction or savepoint rolls back."""

    def __init__(self) -> None:
        self.marked: set[int] = set()
        self.kept = False  # tallies exist (once true, true for good: the state row is never deleted)

    def __call__(self) -> None:
        from .tasks import tallies_refresh_task

        tallies_refresh_task()


def _callback() -> _Refresh:
    """The current transaction's callback (a new one outside a transaction, called by the caller)."""
    if not connection.in_atomic_block:
        return _Refresh()
    level = set(connection.savepoint_ids)
    for sids, func, _robust in connection.run_on_commit:
        if isinstance(func, _Refresh) and sids == level:
            return func
    callback = _Refresh()
    transaction.on_commit(callback)
    return callback


def _paths(class_id: int) -> set[str]:
    """The paths a class counts under: its institution's now, and those its tallies hold."""
    paths = set(TrainingClass.objects.filter(pk=class_id).values_list("institution__path", flat=True))
    for model in (ClassTally, CredentialTally):
        paths |= set(model.objects.filter(training_class_id=class_id).values_list("unit_path", flat=True))
    return paths


def classes_changed(class_ids: Iterable[int], extra_paths: Iterable[str] = ()) -> None:
    """Mark classes whose records changed, in the current transaction, and have the task queue refresh
    them after it commits (at once outside a transaction). Nothing is marked while no tallies exist."""
    callback = _callback()
    ids = [c for c in class_ids if c is not None and c not in callback.marked]
    if not ids:
        return
    callback.kept = callback.kept or TallyState.objects.exists()
    if not callback.kept:
        return
    extra = set(extra_paths)
    TallyRefresh.objects.bulk_create(
        TallyRefresh(training_class_id=c, unit_path=p) for c in ids for p in _paths(c) | extra
    )
    callback.marked.update(ids)
    if not connection.in_atomic_block:
        callback()


def on_class_saved(sender, instance, **kwargs) -> None:
    classes_changed([instance.pk])


def on_class_record_saved(sender, instance, **kwargs) -> None:
    """A learner, a recognition decision or a bulk issue job of a class."""
    classes_changed([instance.training_class_id])


def on_credential_saved(sender, instance, **kwargs) -> None:
    klass = Enrolment.objects.filter(pk=instance.enrolment_id).values_list("training_class_id", flat=True)
    institution = CertificateRegister.objects.filter(pk=instance.register_id).values_list(
        "institution__path", flat=True
    )
    classes_changed(klass, extra_paths=institution)


def tallies_waiting_since() -> dt.datetime | None:
    """When the class that has waited longest for the task queue was marked (None when none waits)."""
    return TallyRefresh.objects.order_by("pk").values_list("requested_at", flat=True).first()
