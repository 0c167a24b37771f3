"""What the history reads of the province already loaded, in memory: the units, the posts and every cadre
with their dated assignments, planning and ratings; and what is asked of them on a day — where a cadre
worked, which posts they held, whether they were a Party member yet, whether they were free to study."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from llct.registry.choices import PartyStatus, Tier, UnitKind
from llct.registry.models import Assignment, Cadre, PlanningEntry, Post, Unit, YearlyRating

STEP = Unit.steplen  # characters of the materialised path per level of the tree


@dataclass(frozen=True)
class Stint:
    """An assignment or a planning entry: a post in a unit between two dates (open ends allowed)."""

    start: dt.date | None
    end: dt.date | None
    unit_id: int
    post_id: int

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(eq=False)
class Person:
    cadre: Cadre
    stints: list[Stint]
    planned: list[Stint]
    ratings: dict[int, str]
    busy: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    due: dt.date | None = None  # when they were ready to study the level they hold (`learners`)
    studied: set[str] = field(default_factory=set)  # programme codes the history enrolled them in

    def unit_on(self, day: dt.date) -> int | None:
        """The unit of the first assignment in force on `day` (the main one; later ones are concurrent)."""
        return next((s.unit_id for s in self.stints if s.covers(day)), None)

    def posts_on(self, day: dt.date) -> list[int]:
        return [s.post_id for s in self.stints if s.covers(day)]

    def planned_on(self, day: dt.date) -> list[int]:
        return [s.post_id for s in self.planned if s.covers(day)]

    def party_on(self, day: dt.date) -> str:
        """Party status on `day`: none before admission, probationary until official membership."""
        c = self.cadre
        if not c.party_status or c.party_admitted_on is None or day < c.party_admitted_on:
            return ""
        if c.party_official_on is None or day < c.party_official_on:
            return PartyStatus.PROBATIONARY
        return PartyStatus.FULL

    def free(self, start: dt.date, end: dt.date) -> bool:
        return all(end < s or e < start for s, e in self.busy)

    def book(self, start: dt.date, end: dt.date, programme: str) -> None:
        self.busy.append((start, end))
        self.studied.add(programme)


class Province:
    """The loaded registry, read once: units by key and path, posts, and the people in primary-key order."""

    def __init__(self) -> None:
        self.units = {u.pk: u for u in Unit.objects.order_by("path")}
        self.by_path = {u.path: u for u in self.units.values()}
        self.by_code = {u.code: u for u in self.units.values()}
        self.posts = {p.pk: p for p in Post.objects.order_by("pk")}
        self.post_by_code = {p.code: p for p in self.posts.values()}
        stints: dict[int, list[Stint]] = {}
        for row in Assignment.objects.order_by("cadre_id", "valid_from", "pk").values_list(
            "cadre_id", "valid_from", "valid_to", "unit_id", "post_id"
        ):
            stints.setdefault(row[0], []).append(Stint(*row[1:]))
        planned: dict[int, list[Stint]] = {}
        for row in PlanningEntry.objects.order_by("cadre_id", "pk").values_list(
            "cadre_id", "valid_from", "valid_to", "post_id"
        ):
            planned.setdefault(row[0], []).append(Stint(row[1], row[2], 0, row[3]))
        ratings: dict[int, dict[int, str]] = {}
        for cadre_id, year, rating in YearlyRating.objects.order_by("cadre_id", "year").values_list(
            "cadre_id", "year", "rating"
        ):
            ratings.setdefault(cadre_id, {})[year] = rating
        self.people = [
            Person(c, stints.get(c.pk, []), planned.get(c.pk, []), ratings.get(c.pk, {}))
            for c in Cadre.objects.order_by("pk")
        ]
        self._people_in: dict[tuple[int, ...], list[Person]] = {}
        self.centre_of_district = {
            u.path[:-STEP]: u for u in self.units.values() if u.kind == UnitKind.DISTRICT_CENTRE
        }

    def people_in(self, areas: list[Unit]) -> list[Person]:
        """People who ever worked in one of `areas` (their subtrees), in primary-key order."""
        key = tuple(a.pk for a in areas)
        if key not in self._people_in:
            self._people_in[key] = [
                p for p in self.people if any(self.within(s.unit_id, areas) for s in p.stints)
            ]
        return self._people_in[key]

    def ancestor(self, unit: Unit, depth: int) -> Unit:
        return self.by_path[unit.path[: depth * STEP]]

    def province_of(self, unit: Unit) -> Unit:
        """The province the unit belonged to (the tree's second level)."""
        return self.ancestor(unit, 2)

    def district_centre_of(self, unit: Unit) -> Unit | None:
        """The political centre of the district a district or commune unit belonged to."""
        if unit.depth < 3:
            return None
        district = self.ancestor(unit, 3)
        if district.tier != Tier.DISTRICT:
            return None
        return self.centre_of_district.get(district.path)

    def within(self, unit_id: int | None, areas: list[Unit]) -> bool:
        if unit_id is None:
            return False
        path = self.units[unit_id].path
        return any(path.startswith(area.path) for area in areas)
