"""Special cases (trường hợp đặc biệt): the competent authority's decision on one cadre and level,
recorded with who decided, on which document, when and why, and kept in the audit trail."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.eligibility.choices import StudyMode
from llct.eligibility.models import SpecialCaseDecision
from llct.registry.models import Cadre


@transaction.atomic
def special_case_record(
    *,
    cadre: Cadre,
    level: str,
    eligible: bool,
    modes: list[str],
    authority: str,
    document_number: str,
    decided_on: dt.date,
    reason: str,
    by,
) -> SpecialCaseDecision:
    """Record a special-case decision (QĐ 350-QĐ/TW: special cases decided by the competent authority).

    Only roles allowed `Action.RECORD_SPECIAL_CASE` may record one; the caller has already checked that
    the cadre lies in `by`'s scope. Modes are kept only for a positive decision."""
    if not can(by, Action.RECORD_SPECIAL_CASE):
        raise PermissionDenied
    decision = SpecialCaseDecision(
        cadre=cadre,
        level=level,
        eligible=eligible,
        modes=[m for m in StudyMode.values if m in set(modes)] if eligible else [],
        authority=authority.strip(),
        document_number=document_number.strip(),
        decided_on=decided_on,
        reason=reason.strip(),
        recorded_by=by,
    )
    decision.full_clean()
    audit(decision, by)
    decision.save()
    return decision


def special_cases_for(cadre: Cadre, on: dt.date) -> dict[str, SpecialCaseDecision]:
    """The special-case decision in force for each level on `on`: the latest one decided on or before it."""
    found: dict[str, SpecialCaseDecision] = {}
    for decision in SpecialCaseDecision.objects.filter(cadre=cadre, decided_on__lte=on).select_related(
        "recorded_by"
    ):
        found.setdefault(decision.level, decision)
    return found
