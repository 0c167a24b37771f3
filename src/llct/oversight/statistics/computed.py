"""Indicators computed in Python rather than counted by one grouped query (catalogue kind "computed"):
each provider lists its records for a plan, one dict per record with the value of every dimension it
carries (unit ids for unit dimensions) and its `value`; `ComputedSource` groups them as the engine asks.

- `backlog` (the training backlog): the cadres of the subtree eligible for a level on the period's end
  date (31/12 of its last year, today at the latest) by the eligibility app's bulk screening of the
  rules, who neither hold the level (the registry's level, which the rules read, or a completed class or
  a valid document of that level or higher by that date) nor are enrolled in a class of the level running
  on that date. A stock on one date: it carries no year or month.
- `lecturers` (lecturer norms): the teaching norm in standard hours of each full-time lecturer for each
  year of the period (`llct.training.services.workload.lecturer_norm`, QĐ 1147 art. 13), counted in the
  years their institution was in force; the hours they taught are the `full_time_hours` indicator.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from llct.credentials.choices import CredentialStatus
from llct.credentials.models import Credential
from llct.eligibility.selectors import roster_frame
from llct.eligibility.services.rulebook import current_rulebook
from llct.registry.models import Cadre
from llct.regulations.model import THEORY_ORDER
from llct.training.choices import EnrolmentStatus, LecturerKind
from llct.training.models import Enrolment, Lecturer, Session
from llct.training.services.workload import lecturer_norm

from .catalogue import Indicator
from .dimensions import _AGE_LIMITS, DIMENSIONS
from .sources import OWNER, group_keys, typed, within

if TYPE_CHECKING:
    from .engine import Plan

LEVELS = ("so_cap", "trung_cap", "cao_cap")


def period_end(plan: "Plan") -> dt.date:
    """The date a stock is counted on: 31/12 of the period's last year, today at the latest."""
    today = timezone.localdate()
    year = plan.query.year_to
    return min(dt.date(year, 12, 31), today) if year else today


def _subtree(plan: "Plan", path: str) -> Q:
    where = within(plan.scope, path)
    if plan.lineage is not None:
        where &= within(plan.lineage, path)
    return where


def _ethnicity(text: str) -> str:
    if not text:
        return ""
    return "kinh" if text.strip().casefold() == "kinh" else "thieu_so"


def _age_band(born: dt.date | None, on: dt.date) -> str:
    if born is None:
        return ""
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next((code for limit, code in _AGE_LIMITS if age < limit), "tu_60")


def _trained(cadres, levels: tuple[str, ...], on: dt.date) -> set[tuple[int, str]]:
    """(cadre, level) pairs of the levels screened that a cadre holds by `on` through a completed class or
    a valid document of that level or higher, or is enrolled in on `on`."""
    rank = {level: THEORY_ORDER.index(level) for level in LEVELS}
    found: set[tuple[int, str]] = set()

    def held(cadre_id: int, level: str) -> None:
        found.update((cadre_id, lv) for lv in levels if rank[lv] <= rank[level])

    enrolments = Enrolment.objects.filter(
        cadre__in=cadres, training_class__programme__level__in=LEVELS, training_class__starts_on__lte=on
    ).exclude(status__in=(EnrolmentStatus.WITHDRAWN, EnrolmentStatus.EXPELLED))
    for cadre_id, level, status, ends in enrolments.values_list(
        "cadre_id", "training_class__programme__level", "status", "training_class__ends_on"
    ):
        if status == EnrolmentStatus.COMPLETED and ends <= on:
            held(cadre_id, level)
        elif status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED) or ends >= on:
            found.add((cadre_id, level))  # studying it on that date
    documents = Credential.objects.filter(
        holder__in=cadres, status=CredentialStatus.VALID, issued_on__lte=on, programme__level__in=LEVELS
    )
    for cadre_id, level in documents.values_list("holder_id", "programme__level"):
        held(cadre_id, level)
    return found


def backlog(indicator: Indicator, plan: "Plan") -> list[dict]:
    on = period_end(plan)
    asked = plan.query.filter_values("level")
    levels = tuple(lv for lv in LEVELS if asked is None or lv in asked)
    cadres = Cadre.objects.filter(_subtree(plan, "unit__path")).order_by()
    frame = roster_frame(cadres, on)
    if not frame.height or not levels:
        return []
    screened = current_rulebook().screen(frame, on, list(levels), with_status=True)
    eligible = screened.filter(screened["eligible"]).select("code", "level")
    by_code = dict(zip(frame["code"].to_list(), frame["_id"].to_list(), strict=True))
    trained = _trained(cadres.values("pk"), levels, on)
    people = {
        pk: (unit, sex, ethnicity, born)
        for pk, unit, sex, ethnicity, born in cadres.filter(
            pk__in=[by_code[c] for c in eligible["code"].unique().to_list()]
        ).values_list("pk", "unit_id", "sex", "ethnicity", "birth_date")
    }
    rows = []
    for code, level in eligible.iter_rows():
        pk = by_code[code]
        if (pk, str(level)) in trained:
            continue
        unit, sex, ethnicity, born = people[pk]
        rows.append(
            {
                "pk": pk,
                "level": str(level),
                "unit": unit,
                "sending_unit": unit,
                "sector": unit,
                "sex": sex,
                "ethnicity": _ethnicity(ethnicity),
                "age_band": _age_band(born, on),
                "value": 1,
            }
        )
    return rows


def lecturer_norms(indicator: Indicator, plan: "Plan") -> list[dict]:
    query = plan.query
    lecturers = Lecturer.objects.filter(_subtree(plan, "institution__path"), kind=LecturerKind.FULL_TIME)
    sessions = Session.objects.filter(lecturer__in=lecturers)
    last = query.year_to or timezone.localdate().year
    first = query.year_from or min(
        (d.year for d in sessions.order_by("date").values_list("date", flat=True)[:1]), default=last
    )
    taught = set(
        sessions.filter(date__year__gte=first, date__year__lte=last).values_list("lecturer_id", "date__year")
    )
    rows = []
    for lecturer in lecturers.select_related("institution"):
        institution = lecturer.institution
        for year in range(first, last + 1):
            in_force = (institution.valid_from is None or institution.valid_from.year <= year) and (
                institution.valid_to is None or institution.valid_to.year >= year
            )
            if not ((lecturer.active and in_force) or (lecturer.pk, year) in taught):
                continue
            norm = lecturer_norm(lecturer, year)
            unit = institution.pk
            rows.append(
                {
                    "pk": lecturer.pk,
                    "year": year,
                    "unit": unit,
                    "institution": unit,
                    "institution_kind": unit,
                    "value": norm,
                }
            )
    return rows


PROVIDERS: dict[str, Callable[[Indicator, "Plan"], list[dict]]] = {
    "backlog": backlog,
    "lecturers": lecturer_norms,
}


def computed_rows(indicator: Indicator, plan: "Plan") -> list[dict]:
    """The indicator's records under `plan`, kept by the query's value filters."""
    rows = PROVIDERS[indicator.fact](indicator, plan)
    for name, values in plan.query.filters:
        dim = DIMENSIONS[name]
        if not dim.is_unit:
            wanted = set(typed(dim, values))
            rows = [r for r in rows if r[name] in wanted]
    return rows


class ComputedSource:
    """Groups of the computed indicators, in Python over their records."""

    def groups(self, indicator: Indicator, plan: "Plan") -> Iterable[dict]:
        keys = group_keys(indicator, plan)
        columns = {name: "unit" if name == OWNER else name[2:] for name in keys}
        sums: dict[tuple, object] = defaultdict(int)
        for row in computed_rows(indicator, plan):
            sums[tuple(row[c] for c in columns.values())] += row["value"]
        return [dict(zip(columns, key, strict=True), value=value) for key, value in sums.items()]
