"""Reads of eligibility: the eligible-cadres list of a unit subtree, computed in bulk (issue 3, "In the
application"), always cut to the user's scope."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

import polars as pl
from django.db.models import QuerySet

from llct.eligibility.models import SpecialCaseDecision
from llct.eligibility.services.provincial import province_in, provinces_by_path
from llct.eligibility.services.rulebook import current_rulebook, match_token
from llct.registry.models import Assignment, Cadre, PlanningEntry, Unit, YearlyRating
from llct.registry.scope import scoped

_TEXT = ("sex", "ethnicity", "party_status", "education", "theory_level", "grade")


@dataclass(frozen=True)
class EligibilityRow:
    cadre_id: int
    code: str
    full_name: str
    unit: str
    eligible: bool
    status: str  # llct.regulations.model.STATUSES, as `llct screen` counts it
    modes: tuple[str, ...]
    regulation: str
    institution: str | None
    reasons: str
    assumed: bool  # the reasons rest on an assumption (Decision.assumed)
    special_case: SpecialCaseDecision | None

    @property
    def judged(self) -> bool:
        return self.status != "not_judged"


@dataclass(frozen=True)
class EligibleCadres:
    """The rows kept by the filters, and the counts of the whole subtree, as `llct screen` counts them:
    eligible, not eligible, level not offered on the date, not judged (each person in exactly one)."""

    rows: list[EligibilityRow]
    total: int
    eligible: int
    not_eligible: int
    not_offered: int
    not_judged: int


def cadres_in(user, unit: Unit | None) -> QuerySet[Cadre]:
    """Cadres in the user's scope, in `unit`'s subtree when given."""
    cadres = scoped(Cadre.objects.all(), user)
    return cadres.filter(unit__path__startswith=unit.path) if unit is not None else cadres


def roster_frame(cadres: QuerySet[Cadre], on: dt.date) -> pl.DataFrame:
    """The canonical roster frame (roster-format.md keys) of `cadres` as their records stood on `on`.
    Posts are written as the tokens under which the current rulebook knows each registry post, so the
    engine reads exactly the posts the registry holds; ratings are last year's and the year before's."""
    ids = cadres.order_by().values("pk")  # a subquery: no parameter limit for a whole province
    held: dict[int, list[str]] = defaultdict(list)
    for cadre_id, post_id in (
        Assignment.objects.valid_on(on).filter(cadre_id__in=ids).values_list("cadre_id", "post_id")
    ):
        held[cadre_id].append(match_token(post_id))
    planned: dict[int, list[str]] = defaultdict(list)
    for cadre_id, post_id in (
        PlanningEntry.objects.valid_on(on).filter(cadre_id__in=ids).values_list("cadre_id", "post_id")
    ):
        planned[cadre_id].append(match_token(post_id))
    ratings: dict[tuple[int, int], str] = {
        (c, y): r
        for c, y, r in YearlyRating.objects.filter(cadre_id__in=ids, year__in=(on.year - 1, on.year - 2))
        .values_list("cadre_id", "year", "rating")
    }  # fmt: skip
    rows = list(cadres.values("pk", "code", "birth_date", "grade_since", "lecturer_since", *_TEXT))
    frame = pl.DataFrame(
        {
            "_id": [r["pk"] for r in rows],
            "code": [r["code"] for r in rows],
            "birth_date": [r["birth_date"] for r in rows],
            "grade_since": [r["grade_since"] for r in rows],
            "lecturer_since": [r["lecturer_since"] for r in rows],
            **{name: [r[name] or None for r in rows] for name in _TEXT},
            "position": ["; ".join(held[r["pk"]]) or None for r in rows],
            "planned_position": ["; ".join(planned[r["pk"]]) or None for r in rows],
            "rating_last": [ratings.get((r["pk"], on.year - 1)) for r in rows],
            "rating_before_last": [ratings.get((r["pk"], on.year - 2)) for r in rows],
        },
        schema_overrides={
            "_id": pl.Int64,
            "birth_date": pl.Date,
            "grade_since": pl.Date,
            "lecturer_since": pl.Date,
            **{
                n: pl.String
                for n in (*_TEXT, "code", "position", "planned_position", "rating_last", "rating_before_last")
            },
        },
    )
    return frame


def _screen(book, cadres: QuerySet[Cadre], frame: pl.DataFrame, on: dt.date, level: str) -> pl.DataFrame:
    """`Rulebook.screen` of the frame, each province's cadres with its implementing regulation (if any);
    the rows in the frame's order."""
    provinces = provinces_by_path(book)
    if not provinces:
        return book.screen(frame, on, [level], with_status=True)
    paths = dict(cadres.values_list("pk", "unit__path"))
    by_province = frame.with_columns(
        pl.Series("_province", [province_in(paths[i], provinces) for i in frame["_id"]], dtype=pl.String)
    ).with_row_index("_row")
    parts = [
        book.screen(part, on, [level], with_status=True, province=province).with_columns(
            pl.col(pl.Categorical).cast(pl.String), part["_row"]
        )
        for (province,), part in by_province.group_by("_province", maintain_order=True)
    ]
    return pl.concat(parts).sort("_row").drop("_row")


def eligible_cadres(
    user,
    *,
    level: str,
    on: dt.date,
    unit: Unit | None = None,
    mode: str = "",
    show: str = "eligible",
    q: str = "",
) -> EligibleCadres:
    """Cadres of `unit`'s subtree (within the user's scope) screened for `level` on `on` in one bulk pass
    of the rules (`Rulebook.screen`), with each one's special-case decision beside it. `show` keeps the
    eligible ones, the others, or all; `mode` keeps those for whom that study mode is open; counts are
    for the whole subtree before these filters."""
    from llct.registry.selectors import cadre_list

    cadres = cadres_in(user, unit)
    if q:
        cadres = cadres.filter(pk__in=cadre_list(user, q=q).values("pk"))
    cadres = cadres.order_by("name_sort_key", "code")
    frame = roster_frame(cadres, on)
    screened = _screen(current_rulebook(), cadres, frame, on, level) if frame.height else None
    names = {c["pk"]: c for c in cadres.values("pk", "full_name", "unit__name")}
    specials: dict[int, SpecialCaseDecision] = {}
    for decision in SpecialCaseDecision.objects.filter(
        cadre__in=cadres, level=level, decided_on__lte=on
    ).order_by("cadre_id", "-decided_on", "-pk"):
        specials.setdefault(decision.cadre_id, decision)
    rows: list[EligibilityRow] = []
    if screened is not None:
        ids = frame["_id"].to_list()
        for cadre_id, result in zip(ids, screened.iter_rows(named=True), strict=True):
            modes = tuple(m for m in (result["modes"] or "").split(";") if m)
            rows.append(
                EligibilityRow(
                    cadre_id=cadre_id,
                    code=result["code"],
                    full_name=names[cadre_id]["full_name"],
                    unit=names[cadre_id]["unit__name"],
                    eligible=bool(result["eligible"]),
                    status=result["status"],
                    modes=modes,
                    regulation=result["regulation"] or "",
                    institution=result["institution"],
                    reasons=result["reasons"] or "",
                    assumed=bool(result["assumed"]),
                    special_case=specials.get(cadre_id),
                )
            )
    counts = Counter(r.status for r in rows)
    kept = [
        r
        for r in rows
        if (show == "all" or (show == "not_eligible") != r.eligible) and (not mode or mode in r.modes)
    ]
    return EligibleCadres(
        kept,
        total=len(rows),
        eligible=counts["eligible"],
        not_eligible=counts["not_eligible"],
        not_offered=counts["not_offered"],
        not_judged=counts["not_judged"],
    )
