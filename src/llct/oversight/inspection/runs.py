"""Inspection runs: creating one, executing its checks (recording what each found, as it was), and comparing
a run with the previous one over the same scope.

A run is written by `inspection_run_execute` only, one check at a time (each in its own transaction, so the
run's page can show its progress), and never edited once finished. A finding's identity is (check, object
kind, object id, part), so a later run finds the same finding again: the runner refreshes its last values
and leaves its follow-up alone (the inspector decides, the unit explains; no run changes a status).

A supervision run (the whole database, every record up to the day it runs: the nightly run and
`llct inspect --all`) also marks the findings of its checks it no longer finds as not present; a run over
a subtree or a period cannot tell "fixed" from "outside what I read", so it only adds and refreshes.
"""

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.accounts.permissions import Action, can
from llct.eligibility.models import RegulationVersion
from llct.errors import AppError
from llct.oversight.models import (
    Finding,
    FindingLog,
    FindingStatus,
    InspectionRun,
    Occurrence,
    PostStandard,
    RunStatus,
)
from llct.registry.models import Unit
from llct.registry.scope import in_scope, scope_paths, scoped

from .checks import CHECKS, Check, Offence, Period, Subtree, catalogue_version

log = logging.getLogger(__name__)


class InspectionError(AppError):
    """A refusal of inspection (a run that cannot start, a finding step not allowed now)."""


def unit_subtree(unit: Unit | None) -> Subtree:
    """The paths a run over `unit` reads: its subtree and those of the units it succeeded (a merged
    province inherits its predecessors' records), as a user of the unit sees them; None: everything."""
    if unit is None:
        return Subtree(())
    holder = SimpleNamespace(is_superuser=False, unit_id=unit.pk, unit=unit)
    return Subtree(scope_paths(holder))


def rules_snapshot(codes: list[str]) -> tuple[str, dict]:
    """(rules version, the rules as applied): the catalogue's digest, each check's clauses, confidence and
    severity, the regulation versions stored and the post standards' last change — what a reader of an old
    run needs to know which rules it applied."""
    versions = list(RegulationVersion.objects.order_by("number").values_list("number", "updated_at"))
    standards = PostStandard.history.order_by("-history_date").values_list("history_date", flat=True).first()
    rules = {
        "catalogue": catalogue_version(),
        "checks": {
            code: {
                "title": str(CHECKS[code].title),
                "clause": CHECKS[code].clause_text,
                "confidence": CHECKS[code].confidence,
                "severity": CHECKS[code].severity,
                "parameters": CHECKS[code].parameters,
            }
            for code in codes
        },
        "regulations": [[number, at.isoformat()] for number, at in versions],
        "post_standards_changed": standards.isoformat() if standards else "",
    }
    digest = hashlib.sha256(json.dumps(rules, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    return f"{rules['catalogue']}-{digest[:8]}", rules


def inspection_run_create(
    *,
    checks: list[str] | None,
    unit: Unit | None,
    period_from: dt.date | None,
    period_to: dt.date,
    trigger: str,
    by=None,
    plan=None,
) -> InspectionRun:
    """A pending run of `checks` (None: every check) over `unit`'s subtree (None: the whole database).
    From the web the user's role must inspect and the unit lie in their scope; the whole database only for
    a user who sees all of it."""
    codes = list(CHECKS) if not checks else [c for c in CHECKS if c in set(checks)]
    unknown = sorted(set(checks or ()) - set(CHECKS))
    if unknown:
        raise InspectionError(
            _("Không có nội dung kiểm tra mã %(codes)s. Các mã hiện có: %(known)s.")
            % {"codes": ", ".join(unknown), "known": ", ".join(CHECKS)},
            field="checks",
        )
    if period_from and period_from > period_to:
        raise InspectionError(_("Ngày bắt đầu kỳ kiểm tra sau ngày kết thúc."), field="period_from")
    if by is not None:
        if not can(by, Action.INSPECT):
            raise PermissionDenied
        if unit is None and scope_paths(by) != ("",):
            raise PermissionDenied
        if unit is not None and not in_scope(by, unit):
            raise PermissionDenied
    version, rules = rules_snapshot(codes)
    return InspectionRun.objects.create(
        checks=codes,
        unit=unit,
        period_from=period_from,
        period_to=period_to,
        rules_version=version,
        rules=rules,
        trigger=trigger,
        started_by=by,
        plan=plan,
    )


def is_supervision(run: InspectionRun) -> bool:
    return run.unit_id is None and run.period_from is None


def inspection_run_execute(run_id: int) -> InspectionRun:
    """Run every check of a pending run and record what it found; a failure stops the run (FAILED, with
    the error) and keeps what the checks before it recorded."""
    claimed = InspectionRun.objects.filter(pk=run_id, status=RunStatus.PENDING).update(
        status=RunStatus.RUNNING, started_at=timezone.now()
    )
    run = InspectionRun.objects.select_related("unit").get(pk=run_id)
    if not claimed:
        return run  # already run (a task delivered twice)
    subtree, period = unit_subtree(run.unit), Period(run.period_from, run.period_to)
    counts: dict[str, int] = {}
    try:
        for code in run.checks:
            counts[code] = _record(run, CHECKS[code], subtree, period)
            InspectionRun.objects.filter(pk=run.pk).update(done=len(counts), counts=counts)
    except Exception as exc:
        log.exception("inspection run %s failed", run.pk)
        InspectionRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
    else:
        InspectionRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run


@transaction.atomic
def _record(run: InspectionRun, check: Check, subtree: Subtree, period: Period) -> int:
    """Record one check's offences in `run`: new findings (with a "found" log row), refreshed existing
    ones, and one occurrence each. Returns how many it found."""
    offences: dict[tuple[str, int, str], Offence] = {
        (o.object_kind, o.object_id, o.part): o for o in check.find(subtree, period)
    }
    now = timezone.now()
    known = _findings(check.code)
    fresh = [
        Finding(
            check_code=check.code,
            object_kind=kind,
            object_id=object_id,
            part=part,
            unit_id=o.unit_id,
            label=o.label[:255],
            values=o.values,
            clause=o.clause or check.clause_text,
            confidence=o.confidence or check.confidence,
            severity=check.severity,
            first_run=run,
            last_run=run,
            first_found_at=now,
            last_found_at=now,
        )
        for (kind, object_id, part), o in offences.items()
        if (kind, object_id, part) not in known
    ]
    # Another run may create the same finding meanwhile: the unique constraint keeps one.
    Finding.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=1000)
    if fresh:
        known = _findings(check.code)
        FindingLog.objects.bulk_create(
            [
                FindingLog(finding_id=pk, action="found", to_status=FindingStatus.OPEN, run=run)
                for pk in Finding.objects.filter(check_code=check.code, first_run=run).values_list(
                    "pk", flat=True
                )
            ],
            batch_size=1000,
        )
    again = [
        Finding(
            pk=known[key],
            unit_id=o.unit_id,
            label=o.label[:255],
            values=o.values,
            clause=o.clause or check.clause_text,
            confidence=o.confidence or check.confidence,
            last_run=run,
            last_found_at=now,
            present=True,
        )
        for key, o in offences.items()
    ]
    Finding.objects.bulk_update(
        again,
        ["unit", "label", "values", "clause", "confidence", "last_run", "last_found_at", "present"],
        batch_size=1000,
    )
    Occurrence.objects.bulk_create(
        [
            Occurrence(
                run=run, finding_id=known[key], unit_id=o.unit_id, label=o.label[:255], values=o.values
            )
            for key, o in offences.items()
        ],
        batch_size=1000,
    )
    if is_supervision(run):
        Finding.objects.filter(check_code=check.code, present=True).exclude(last_run=run).update(
            present=False
        )
    return len(offences)


def _findings(code: str) -> dict[tuple[str, int, str], int]:
    rows = Finding.objects.filter(check_code=code).values_list("object_kind", "object_id", "part", "pk")
    return {(kind, object_id, part): pk for kind, object_id, part, pk in rows}


# ── reading ──────────────────────────────────────────────────────────────────────────────────────────


def runs_visible(user) -> QuerySet[InspectionRun]:
    """Runs over a unit of the user's scope, and the supervision runs of the whole database (whose findings
    the user sees only within the scope)."""
    if not can(user, Action.VIEW):
        return InspectionRun.objects.none()
    mine = scoped(InspectionRun.objects.all(), user)
    return (mine | InspectionRun.objects.filter(unit__isnull=True)).select_related(
        "unit", "started_by", "plan"
    )


def occurrences_visible(run: InspectionRun, user) -> QuerySet[Occurrence]:
    return scoped(run.occurrences.select_related("finding", "unit"), user)


def run_previous(run: InspectionRun) -> InspectionRun | None:
    """The last finished run before `run` over the same unit and from the same start (its end may be later:
    each night's run ends on its own day)."""
    return (
        InspectionRun.objects.filter(
            unit_id=run.unit_id,
            period_from=run.period_from,
            status=RunStatus.DONE,
            created_at__lt=run.created_at,
        )
        .exclude(pk=run.pk)
        .order_by("-created_at", "-pk")
        .first()
    )


@dataclass
class Comparison:
    previous: InspectionRun | None
    new: list[Occurrence]
    still: list[Occurrence]
    gone: list[Occurrence]  # the previous run's occurrences this run did not find again


def run_compare(run: InspectionRun, user) -> Comparison:
    """What `run` found that the previous run did not (new), found again (still open), and what the previous
    run found that this one no longer finds (over the checks both ran), within the user's scope."""
    previous = run_previous(run)
    current = list(occurrences_visible(run, user).order_by("finding__check_code", "pk"))
    if previous is None:
        return Comparison(None, current, [], [])
    before = {
        o.finding_id: o
        for o in occurrences_visible(previous, user).filter(finding__check_code__in=run.checks)
    }
    found_now = {o.finding_id for o in current}
    common = set(previous.checks) & set(run.checks)
    return Comparison(
        previous,
        new=[o for o in current if o.finding_id not in before],
        still=[o for o in current if o.finding_id in before],
        gone=[o for fid, o in before.items() if fid not in found_now and o.finding.check_code in common],
    )
