"""Eligibility endpoints: the decision for a cadre (scoped) and the screening of an uploaded roster. Both
return every reason as data — condition, met, the value read, the threshold, the citation (document,
chapter, article, clause, tiết, point) and whether it is an assumption — the same reasons the pages and the
export show."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from llct.accounts.permissions import Action, can
from llct.eligibility.presenting import citation_view, decision_view
from llct.eligibility.services.profiles import decide_for_cadre
from llct.eligibility.services.rulebook import StoredRulebookError
from llct.eligibility.services.screening import roster_screen
from llct.eligibility.services.special_cases import special_cases_for
from llct.registry import selectors
from llct.regulations import LEVELS
from llct.roster import RosterError, read_roster

router = Router(tags=["eligibility"])


class CitationOut(Schema):
    document: str
    chapter: str
    article: str
    clause: str
    subclause: str
    point: str
    text: str


class ReasonOut(Schema):
    condition: str
    met: bool
    value: str
    threshold: str
    citation: CitationOut
    assumption: bool
    shown: bool
    item: str
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
    status: str
    modes: list[str]
    regulation: str
    institution: str | None
    reasons: list[ReasonOut]
    summary: str
    assumed: bool
    overlay: str  # the province's implementing regulation applied with `regulation`, if any
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
    status: str
    modes: str
    regulation: str
    institution: str | None
    summary: str
    assumed: bool
    reasons: list[ReasonOut]


class LevelCountsOut(Schema):
    level: str
    eligible: int
    not_eligible: int
    not_offered: int
    not_judged: int
    total: int


class PostOut(Schema):
    code: str
    title: str
    tier: str
    sector: str


class UnmatchedTitleOut(Schema):
    title: str
    planned: bool
    problem: str
    text: str
    rows: list[int]
    posts: list[PostOut]


class ProblemOut(Schema):
    row: int
    column: str
    value: str
    reason: str


class ScreenOut(Schema):
    on: dt.date
    age_on: dt.date | None
    rows: list[ScreenRowOut]
    counts: list[LevelCountsOut]
    unmatched: list[UnmatchedTitleOut]
    problems: list[ProblemOut]


def _levels(level: list[str] | None) -> list[str]:
    wanted = {lv for lv in level or LEVELS if lv}
    unknown = sorted(wanted - set(LEVELS))
    if unknown:
        raise HttpError(
            422,
            _("Bậc không hợp lệ: %(levels)s (chỉ nhận %(known)s).")
            % {"levels": ", ".join(unknown), "known": ", ".join(LEVELS)},
        )
    return [lv for lv in LEVELS if lv in wanted]


def _reason(reason) -> ReasonOut:
    return ReasonOut(
        condition=reason.condition, met=reason.met, value=reason.value, threshold=reason.threshold,
        citation=CitationOut(**citation_view(reason.citation)), assumption=reason.assumption,
        shown=reason.shown, item=reason.item, text=reason.text,
    )  # fmt: skip


@router.get("/cadres/{cadre_id}", response=CadreDecisionsOut)
def cadre_decisions(request, cadre_id: int, on: dt.date | None = None, level: str | None = None):
    """The rule decision for each level (or `level`) on `on` (today by default), with every reason and
    the special-case decision beside it. 404 outside the caller's scope; 503 while the stored rules do
    not load."""
    if not can(request.user, Action.VIEW):
        raise PermissionDenied
    cadre = get_object_or_404(selectors.cadre_list(request.user), pk=cadre_id)
    on = on or timezone.localdate()
    specials = special_cases_for(cadre, on)
    decisions = []
    for lv in _levels([level] if level else None):
        try:
            decision = decide_for_cadre(cadre, lv, on)
        except StoredRulebookError as exc:
            raise HttpError(503, str(exc)) from exc
        view = decision_view(decision)
        special = specials.get(lv)
        decisions.append(
            DecisionOut(
                level=view.level, on=on, eligible=view.eligible, offered=view.offered, judged=view.judged,
                status=decision.status, modes=list(view.modes), regulation=view.regulation,
                institution=view.institution, reasons=[_reason(r) for r in decision.reasons],
                summary=view.summary, assumed=view.assumed, overlay=decision.overlay,
                special_case=SpecialCaseOut(
                    eligible=special.eligible, modes=special.modes, authority=special.authority,
                    document_number=special.document_number, decided_on=special.decided_on,
                    reason=special.reason,
                ) if special else None,
            )
        )  # fmt: skip
    return CadreDecisionsOut(cadre_id=cadre.pk, code=cadre.code, on=on, decisions=decisions)


@router.post("/screen", response=ScreenOut)
def screen(
    request,
    file: UploadedFile = File(...),  # noqa: B008
    on: dt.date = Form(...),  # noqa: B008
    level: list[str] = Form(None),  # noqa: B008
    age_on: dt.date | None = Form(None),  # noqa: B008
    province: str | None = Form(None),
):
    """Screen an uploaded roster (.xlsx, .csv, .parquet) on `on` for the given levels (all three by
    default; age counted on `age_on`, by default `on`): one row per person and level in the "Screening
    output" shape with its reasons as data, the counts per level (eligible / not eligible / not offered /
    not judged), the titles that name no single post with their rows and candidate posts, and the cells
    the reader did not accept. `province` (a unit code) screens the rows as that province's cadres: its
    implementing regulation applies too."""
    if not can(request.user, Action.VIEW):
        raise PermissionDenied
    levels = _levels(level)
    try:
        read = read_roster(file.read(), filename=file.name)
    except RosterError as exc:
        raise HttpError(
            422, _("Không đọc được tệp «%(name)s»: %(problem)s") % {"name": file.name, "problem": exc.message}
        ) from exc
    try:
        screening = roster_screen(read, on, levels, age_on, province)
    except StoredRulebookError as exc:
        raise HttpError(503, str(exc)) from exc
    return ScreenOut(
        on=on,
        age_on=age_on,
        rows=[
            ScreenRowOut(
                code=row.code,
                level=row.level,
                eligible=row.eligible,
                status=row.status,
                modes=row.modes,
                regulation=row.regulation,
                institution=row.institution,
                summary=row.summary,
                assumed=row.assumed,
                reasons=[_reason(r) for r in row.reasons],
            )
            for row in screening.rows
        ],
        counts=[
            LevelCountsOut(
                level=lv,
                total=c.total,
                eligible=c.eligible,
                not_eligible=c.not_eligible,
                not_offered=c.not_offered,
                not_judged=c.not_judged,
            )
            for lv, c in sorted(screening.counts.items(), key=lambda item: LEVELS.index(item[0]))
        ],
        unmatched=[
            UnmatchedTitleOut(
                title=u.title,
                planned=u.planned,
                problem=u.problem,
                text=u.text,
                rows=u.rows,
                posts=[PostOut(code=p.code, title=p.title, tier=p.tier, sector=p.sector) for p in u.posts],
            )
            for u in screening.unmatched
        ],
        problems=[
            ProblemOut(row=p.row, column=p.column, value=p.value, reason=p.reason) for p in read.problems
        ],
    )
