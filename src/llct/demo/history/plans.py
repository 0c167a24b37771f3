"""Plans, quotas and nominations of the history.

A nomination is drafted and submitted by the demo operator, approved or rejected by another account
(segregation of duties, as `llct.training.services.nominations` requires), admitted into its class, and
logged at every step with the day it happened. Each year's plan of the province (the old provinces until
2025, the merged one from its first half-year) carries the quota lines its nominations count against —
trung cấp and cao cấp by mode, sơ cấp by district centre — and each commune-level centre's plan (approved
by the host commune's Party committee, QĐ 1147) its courses. Past years' plans are fixed; this year's is
approved, with room left for the nominations of today's demo.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from llct.registry.choices import UnitKind
from llct.registry.models import Unit
from llct.training.choices import NominationStatus, PlanStatus, StudyMode
from llct.training.models import Nomination, NominationLog, PlanQuota, TrainingPlan

from .context import Course, History, at
from .people import Person

S = NominationStatus
TODAY_DEMO_QUOTAS = {("trung_cap", StudyMode.FULL_TIME): 15, ("cao_cap", StudyMode.PART_TIME): 3}
REJECTED = "Đơn vị chưa bố trí được người thay thế trong thời gian đi học"
WITHDRAWN_BEFORE = "Được điều động nhận nhiệm vụ mới, xin hoãn đi học"
WITHDRAWN_DURING = "Xin thôi học vì lý do sức khỏe (có xác nhận của đơn vị)"


def nominate(
    history: History,
    course: Course,
    person: Person,
    unit: Unit,
    on: dt.date,
    eligibility: dict,
    fate: str | None,
) -> Nomination:
    """The nomination of `person` by `unit` on `on` for `course`, with its log: admitted (withdrawn later
    when `fate` is "withdraw"), or when `fate` is None turned down — rejected, or withdrawn once approved."""
    rng = history.rng
    nomination = Nomination(
        cadre=person.cadre,
        programme=course.programme,
        mode=course.mode,
        sending_unit=unit,
        nominated_on=on,
        eligible=True,
        eligibility=eligibility,
        created_by=history.operator,
        created_at=at(on, 8),
    )
    decided = on + dt.timedelta(days=rng.randint(3, 10))
    steps = [(S.DRAFT, S.SUBMITTED, on, history.operator, "")]
    if fate is None and rng.random() < 0.6:
        steps.append((S.SUBMITTED, S.REJECTED, decided, history.approver, REJECTED))
    else:
        steps.append((S.SUBMITTED, S.APPROVED, decided, history.approver, ""))
        if fate is None:
            steps.append(
                (
                    S.APPROVED,
                    S.WITHDRAWN,
                    course.starts_on - dt.timedelta(days=5),
                    history.operator,
                    WITHDRAWN_BEFORE,
                )
            )
        else:
            admitted = course.starts_on - dt.timedelta(days=rng.randint(1, 4))
            steps.append((S.APPROVED, S.ADMITTED, admitted, history.operator, ""))
            if fate == "withdraw":
                steps.append(
                    (
                        S.ADMITTED,
                        S.WITHDRAWN,
                        course.starts_on + dt.timedelta(days=20),
                        history.operator,
                        WITHDRAWN_DURING,
                    )
                )
    nomination.status = steps[-1][1]
    history.add(nomination, steps[-1][2])
    for source, target, day, by, reason in steps:
        history.add(
            NominationLog(
                nomination=nomination,
                at=at(day, 10),
                by=by,
                from_status=source,
                to_status=target,
                reason=reason,
            ),
            day,
            by,
        )
    return nomination


def plans_write(history: History) -> None:
    """The plans and quota lines the history's nominations and classes count against."""
    lines: dict[tuple[int, int], dict[tuple[str, str, int | None], int]] = defaultdict(
        lambda: defaultdict(int)
    )
    province = history.province
    for course in history.courses:
        for seat in course.seats:
            if seat.nomination is not None:
                planner = province.province_of(seat.sending_unit)
                year = seat.nomination.nominated_on.year
                lines[(planner.pk, year)][(course.programme.code, course.mode, None)] += 1
    for course in history.courses:
        year = course.starts_on.year
        if course.programme.code == "so_cap" and course.institution.kind == UnitKind.DISTRICT_CENTRE:
            planner = province.province_of(course.institution)
            lines[(planner.pk, year)][("so_cap", "", course.institution.pk)] += len(course.seats)
        elif course.institution.kind == UnitKind.COMMUNE_CENTRE:
            lines[(course.institution.pk, year)][(course.programme.code, "", None)] += len(course.seats)
    merged = province.by_code["HSN"]
    for (code, mode), room in TODAY_DEMO_QUOTAS.items():
        lines[(merged.pk, history.as_of.year)][(code, mode, None)] += room
    quotas: dict[tuple[int, int, str, str], PlanQuota] = {}
    for (unit_pk, year), wanted in sorted(lines.items()):
        plan = _plan(history, province.units[unit_pk], year)
        for (code, mode, institution_pk), count in sorted(
            wanted.items(), key=lambda i: (i[0][0], i[0][1], i[0][2] or 0)
        ):
            quota = PlanQuota(
                plan=plan,
                programme=history.programmes[code],
                mode=mode,
                institution=province.units[institution_pk] if institution_pk else None,
                quota=_rounded_up(count),
            )
            history.add(quota, dt.date(year, 1, 10), history.operator)
            if institution_pk is None:
                quotas[(unit_pk, year, code, mode)] = quota
    for nomination in history.rows[Nomination]:
        planner = province.province_of(nomination.sending_unit)
        nomination.quota = quotas.get(
            (planner.pk, nomination.nominated_on.year, nomination.programme.code, nomination.mode)
        )


def _rounded_up(count: int) -> int:
    """A quota a board would write: the places used, rounded up to a multiple of 5."""
    return max(5, -(-count // 5) * 5)


def _plan(history: History, unit: Unit, year: int) -> TrainingPlan:
    opened = unit.valid_from is not None and unit.valid_from.year == year
    first = unit.valid_from + dt.timedelta(days=5) if opened else dt.date(year, 1, 5)
    approved = first + dt.timedelta(days=10)
    current = year >= history.as_of.year
    centre = unit.kind == UnitKind.COMMUNE_CENTRE
    host = unit.name.replace("Trung tâm Chính trị xã", "xã")
    title = f"Kế hoạch đào tạo, bồi dưỡng lý luận chính trị năm {year}"
    if first.month > 1:
        title += f" (từ tháng {first.month}/{year})"
    plan = TrainingPlan(
        unit=unit,
        year=year,
        status=PlanStatus.APPROVED if current else PlanStatus.FIXED,
        title=title,
        approving_body=f"Ban Thường vụ Đảng ủy {host}" if centre else "Ban Thường vụ Tỉnh ủy",
        approval_document=f"{history.rng.randint(10, 99)}-QĐ/{'ĐU' if centre else 'TU'}",
        approved_by=history.approver,
        approved_at=at(approved, 15),
        fixed_at=None if current else at(approved + dt.timedelta(days=20), 15),
        created_by=history.operator,
    )
    return history.add(plan, approved, history.approver)
