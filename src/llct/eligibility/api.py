"""Eligibility endpoints: the decision for a cadre (scoped) and the screening of an uploaded roster, with
the same reasons as the pages."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from llct.accounts.permissions import Action, can
from llct.eligibility.presenting import decision_view
from llct.eligibility.services.profiles import decide_for_cadre
from llct.eligibility.services.rulebook import current_rulebook
from llct.eligibility.services.special_cases import special_cases_for
from llct.registry import selectors
from llct.regulations import LEVELS
from llct.roster import RosterError, read_roster

router = Router(tags=["eligibility"])


class ReasonOut(Schema):
    condition: str
    met: bool
    value: str
    threshold: str
    citation: str
    assumption: bool
    text: str


class SpecialCaseOut(Schema):
    eligible: bool
    modes: list[str]
    authority: str
    document_number: str
    decided_on: dt.date
    reason: str


class DecisionOut(Schema):
    level: str
    on: dt.date
    eligible: bool
    offered: bool
    judged: bool
    modes: list[str]
    regulation: str
    institution: str | None
    reasons: list[ReasonOut]
    summary: str
    special_case: SpecialCaseOut | None


class CadreDecisionsOut(Schema):
    cadre_id: int
    code: str
    on: dt.date
    decisions: list[DecisionOut]


class ScreenRowOut(Schema):
    code: str | None
    level: str
    eligible: bool
    modes: str
    regulation: str
    institution: str | None
    reasons: str


class ProblemOut(Schema):
    row: int
    column: str
    value: str
    reason: str


class ScreenOut(Schema):
    on: dt.date
    rows: list[ScreenRowOut]
    problems: list[ProblemOut]


def _levels(level: list[str] | None) -> list[str]:
    levels = [lv for lv in level or LEVELS if lv]
    unknown = [lv for lv in levels if lv not in LEVELS]
    if unknown:
        raise HttpError(422, f"Bậc không hợp lệ: {', '.join(unknown)} (chỉ nhận {', '.join(LEVELS)}).")
    return levels


@router.get("/cadres/{cadre_id}", response=CadreDecisionsOut)
def cadre_decisions(request, cadre_id: int, on: dt.date | None = None, level: str | None = None):
    """The rule decision for each level (or `level`) on `on` (today by default), with every reason and
    the special-case decision beside it. 404 outside the caller's scope."""
    if not can(request.user, Action.VIEW):
        raise PermissionDenied
    cadre = get_object_or_404(selectors.cadre_list(request.user), pk=cadre_id)
    on = on or timezone.localdate()
    specials = special_cases_for(cadre, on)
    decisions = []
    for lv in _levels([level] if level else None):
        view = decision_view(decide_for_cadre(cadre, lv, on))
        special = specials.get(lv)
        decisions.append(
            DecisionOut(
                level=view.level, on=on, eligible=view.eligible, offered=view.offered, judged=view.judged,
                modes=list(view.modes), regulation=view.regulation, institution=view.institution,
                reasons=[ReasonOut(**r) for r in view.reasons], summary=view.summary,
                special_case=SpecialCaseOut(
                    eligible=special.eligible, modes=special.modes, authority=special.authority,
                    document_number=special.document_number, decided_on=special.decided_on,
                    reason=special.reason,
                ) if special else None,
            )
        )  # fmt: skip
    return CadreDecisionsOut(cadre_id=cadre.pk, code=cadre.code, on=on, decisions=decisions)


@router.post("/screen", response=ScreenOut)
def screen(request, file: UploadedFile = File(...), on: dt.date = Form(...), level: list[str] = Form(None)):  # noqa: B008
    """Screen an uploaded roster (.xlsx, .csv, .parquet) on `on` for the given levels (all three by
    default): one row per person and level in the "Screening output" shape, plus the cells not accepted."""
    if not can(request.user, Action.VIEW):
        raise PermissionDenied
    levels = _levels(level)
    try:
        read = read_roster(file.read(), filename=file.name)
    except RosterError as exc:
        raise HttpError(422, f"Không đọc được tệp «{file.name}»: {exc.message}") from exc
    result = current_rulebook().screen(read.frame, on, levels)
    return ScreenOut(
        on=on,
        rows=[ScreenRowOut(**row) for row in result.iter_rows(named=True)],
        problems=[
            ProblemOut(row=p.row, column=p.column, value=p.value, reason=p.reason) for p in read.problems
        ],
    )
