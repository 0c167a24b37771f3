"""Lecturers' teaching load in standard hours (one 45-minute period = 1) against the annual norm of
QĐ 1147-QĐ/BTGDVTW art. 13: 270 for a full-time lecturer, at least half of it teaching; managers teach a
share of it (director 10%, deputy director 20%, a lecturer doubling as academic officer, office,
accounting or library 40%); women lecturers with a child under 12 months −15%, 12–36 months −10%.

Choice where the rule is silent: the child reduction is applied month by month (a child turning one in
June gives six months at −15% and six at −10%). Concurrent and visiting lecturers have no norm.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from llct.training.choices import LecturerKind, ManagementRole
from llct.training.models import Lecturer, Session

ART_13 = "Điều 13, QĐ 1147-QĐ/BTGDVTW"
FULL_NORM = Decimal(270)
TEACHING_SHARE = {
    ManagementRole.NONE: Decimal(1),
    ManagementRole.DIRECTOR: Decimal("0.10"),
    ManagementRole.DEPUTY_DIRECTOR: Decimal("0.20"),
    ManagementRole.STAFF_DUTY: Decimal("0.40"),
}


def _months_old(born: dt.date, day: dt.date) -> int:
    return (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)


def child_reduction(born: dt.date | None, month_start: dt.date) -> Decimal:
    """The reduction of the norm in a month for a woman lecturer's youngest child (art. 13)."""
    if born is None or born > month_start:
        return Decimal(0)
    months = _months_old(born, month_start)
    if months < 12:
        return Decimal("0.15")
    if months < 36:
        return Decimal("0.10")
    return Decimal(0)


def lecturer_norm(lecturer: Lecturer, year: int) -> Decimal | None:
    """The lecturer's teaching norm for `year` in standard hours, or None when they have none."""
    if lecturer.kind != LecturerKind.FULL_TIME:
        return None
    share = TEACHING_SHARE[ManagementRole(lecturer.management_role or "")]
    monthly = FULL_NORM * share / 12
    total = sum(
        (
            monthly * (1 - child_reduction(lecturer.youngest_child_born_on, dt.date(year, m, 1)))
            for m in range(1, 13)
        ),
        Decimal(0),
    )
    return total.quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Load:
    lecturer: Lecturer
    year: int
    taught: int
    norm: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        if not self.norm:
            return None
        return (Decimal(self.taught) * 100 / self.norm).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def minimum_teaching(self) -> Decimal | None:
        """A plain full-time lecturer teaches at least half of the 270-hour norm (art. 13)."""
        if self.norm is None or self.lecturer.management_role:
            return None
        return self.norm / 2


def lecturer_load(lecturer: Lecturer, year: int) -> Load:
    """Standard hours taught in `year` (periods of the lecturer's sessions) against the norm."""
    taught = (
        Session.objects.filter(lecturer=lecturer, date__year=year).aggregate(total=Sum("periods"))["total"]
        or 0
    )
    return Load(lecturer, year, taught, lecturer_norm(lecturer, year))
