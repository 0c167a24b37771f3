"""What a check is: a small named unit beside the clause it enforces, with a set-based query.

A check reads the training records of a unit subtree over a period and returns the offending objects
(`Offence`), each with the values that make it offend and the unit responsible for it. Queries are
set-based: one or a few SQL queries whatever the number of objects, never one query per row.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q


@dataclass(frozen=True)
class Clause:
    """Where a rule sits: document, chapter, article, clause (khoản), item (tiết), point (điểm). A part
    that is not known is "?" — never invented (REGULATIONS.md §8); `topic` says what the part rules, for the
    reader who cannot look it up."""

    document: str
    chapter: str = ""
    article: str = ""
    clause: str = ""
    item: str = ""
    point: str = ""
    topic: str = ""

    def __str__(self) -> str:
        parts = [
            f"Chương {self.chapter}" if self.chapter else "",
            f"Điều {self.article}" if self.article else "",
            f"khoản {self.clause}" if self.clause else "",
            f"tiết {self.item}" if self.item else "",
            f"điểm {self.point}" if self.point else "",
            self.document,
        ]
        text = ", ".join(p for p in parts if p)
        return f"{text} ({self.topic})" if self.topic else text


@dataclass(frozen=True)
class Subtree:
    """The units a run covers: materialised path prefixes (several when a merged unit inherits the
    records of its predecessors); no prefix at all means the whole database."""

    paths: tuple[str, ...] = ()

    def q(self, field: str) -> Q:
        """Rows whose unit foreign key `field` lies in the subtree."""
        if not self.paths:
            return Q()
        return reduce(or_, (Q(**{f"{field}__path__startswith": p}) for p in self.paths))


@dataclass(frozen=True)
class Period:
    """Inclusive dates; no start means from the beginning of the records."""

    start: dt.date | None
    end: dt.date

    def q(self, field: str) -> Q:
        """Rows whose date `field` lies in the period."""
        q = Q(**{f"{field}__lte": self.end})
        return q & Q(**{f"{field}__gte": self.start}) if self.start else q

    def years(self) -> range:
        return range((self.start or dt.date(2000, 1, 1)).year, self.end.year + 1)


@dataclass(frozen=True)
class Offence:
    """One offending object: `object_kind` is the model's name (trainingclass, enrolment, credential …),
    `part` tells apart several offences of one object under one check (a register's year), `unit_id` is
    the responsible unit, `values` what was read (JSON), `label` how a reader recognises the object.
    `clause` and `confidence`, when given, replace the check's: the rule came from a data row with its own
    citation (a post standard)."""

    object_kind: str
    object_id: int
    unit_id: int
    label: str
    values: dict
    part: str = ""
    clause: str = ""
    confidence: str = ""

    @property
    def object_ref(self) -> str:
        """`<model>:<primary key>`, e.g. trainingclass:12 (the `object` column of the CSV)."""
        return f"{self.object_kind}:{self.object_id}"


@dataclass(frozen=True)
class Check:
    """One compliance check. `find(subtree, period)` returns the offending objects; `note` states the
    choices made where the clause is silent, so the reader sees what is assumed."""

    code: str
    title: str
    title_en: str
    clauses: tuple[Clause, ...]
    confidence: str
    severity: str
    object_kinds: tuple[str, ...]
    find: Callable[[Subtree, Period], Iterable[Offence]]
    note: str = ""
    parameters: dict = field(default_factory=dict)

    @property
    def clause_text(self) -> str:
        return "; ".join(str(c) for c in self.clauses)


def dmy(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""
