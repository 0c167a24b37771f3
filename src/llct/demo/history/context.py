"""What every part of the history shares while it is built: the province read from the registry, the
programmes, the day the history ends, the seeded generator, the accounts that act, the classes of the
timetable and the rows waiting to be written (each with the day and the account its audit row names)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

from llct.accounts.models import User
from llct.registry.models import Unit
from llct.regulations import Rulebook
from llct.training.models import Programme, TrainingClass

from .people import Person, Province


@dataclass
class Seat:
    """A learner's place in a class of the history, and how the course goes for them: "complete",
    "not_complete" (marks), "absent" (attendance), "withdraw", or "running" (the class has not ended)."""

    person: Person
    sending_unit: Unit
    fate: str
    nomination: models.Model | None = None
    enrolment: models.Model | None = None
    level_before: str = ""
    attendance: list = field(default_factory=list)
    marks: list = field(default_factory=list)  # essays (attempts in order) or exam marks
    appeal: models.Model | None = None


@dataclass
class Course:
    """A class of the timetable before it is written."""

    institution: Unit
    programme: Programme
    starts_on: dt.date
    ends_on: dt.date
    code: str
    name: str
    areas: list[Unit]  # where its learners worked when they were sent
    target: int  # learners wanted (fewer when the pool is smaller)
    mode: str = ""
    violations: tuple[str, ...] = ()  # the inspection checks this class is planted to fail
    klass: TrainingClass | None = None
    recognition: models.Model | None = None
    seats: list[Seat] = field(default_factory=list)
    sessions: list = field(default_factory=list)

    @property
    def stream(self) -> tuple[int, str, str]:
        """Classes of one institution, programme and mode draw on one pool, shared out over time."""
        return (self.institution.pk, self.programme.code, self.mode)

    @property
    def level(self) -> str:
        return self.programme.level

    def finished_by(self, day: dt.date) -> bool:
        return self.ends_on < day


@dataclass
class History:
    province: Province
    programmes: dict[str, Programme]
    as_of: dt.date
    rng: random.Random
    operator: User
    approver: User
    book: Rulebook
    courses: list[Course] = field(default_factory=list)
    lecturers: dict[int, list] = field(default_factory=dict)  # by institution, the director first
    rows: dict[type, list] = field(default_factory=lambda: defaultdict(list))

    def add(self, obj: models.Model, day: dt.date, by: User | None = None, hour: int = 9) -> models.Model:
        """Queue `obj` for writing; its audit row is dated `day` at `hour` and names `by`."""
        obj._history_date = at(day, hour)
        obj._history_user = by or self.operator
        self.rows[type(obj)].append(obj)
        return obj

    def between(self, start: dt.date, end: dt.date) -> dt.date:
        if end <= start:
            return start
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """`day` at `hour` o'clock, local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
