"""Units as they were and as they are now.

The tree never moves: a restructure closes units and opens their successors (`Unit.predecessors`). A
record made in 2023 belongs to the unit of 2023 ("as then"); counted "as now" it belongs to that unit's
image today:
  - a unit in force today is its own image;
  - a closed unit with one successor: the successor's image (a commune merged into a new commune);
  - with several successors: the nearest unit above all their images (a district split between communes
    counts under the province, never under one of the communes picked at random);
  - with none: its parent's image (a district political centre closed with its district counts under the
    province that succeeded the district's province).
Every record has exactly one image, so totals are the same either way.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from llct.registry.models import Unit

STEP = Unit.steplen
_COLUMNS = ("pk", "path", "code", "name", "kind", "sector", "valid_to")


@dataclass(frozen=True)
class UnitRow:
    pk: int
    path: str
    code: str
    name: str
    kind: str
    sector: str
    valid_to: dt.date | None

    @property
    def depth(self) -> int:
        return len(self.path) // STEP


def _common_path(paths: list[str]) -> str:
    """The path of the nearest unit above all of `paths` (whole steps); "" when they share no root."""
    first, last = min(paths), max(paths)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[: n - n % STEP]


class Units:
    """The units a query meets, read in a few set-based queries, with their images on `on`."""

    def __init__(self, on: dt.date) -> None:
        self.on = on
        self.by_pk: dict[int, UnitRow] = {}
        self.by_path: dict[str, UnitRow] = {}
        self._successors: dict[int, list[int]] = {}
        self._image: dict[int, UnitRow] = {}

    def _keep(self, rows) -> list[UnitRow]:
        new = []
        for values in rows:
            row = UnitRow(*values)
            if row.pk not in self.by_pk:
                self.by_pk[row.pk] = row
                self.by_path[row.path] = row
                new.append(row)
        return new

    def load(self, pks=(), paths=()) -> list[UnitRow]:
        """Read the units of `pks` and `paths` not read yet; returns those read now."""
        pks = {p for p in pks if p is not None and p not in self.by_pk}
        paths = {p for p in paths if p and p not in self.by_path}
        if not pks and not paths:
            return []
        return self._keep(Unit.objects.filter(Q(pk__in=pks) | Q(path__in=paths)).values_list(*_COLUMNS))

    def row(self, pk: int) -> UnitRow:
        return self.by_pk[pk]

    def at_path(self, path: str) -> UnitRow:
        self.load(paths=[path])
        return self.by_path[path]

    def current(self, row: UnitRow) -> bool:
        return row.valid_to is None or row.valid_to >= self.on

    def prepare_images(self, pks) -> None:
        """Read what the images of `pks` need: successors and parents of closed units, until none are new."""
        frontier = self.load(pks=pks) + [self.by_pk[p] for p in pks if p in self.by_pk]
        through = Unit.predecessors.through
        while frontier:
            closed = [r for r in frontier if not self.current(r) and r.pk not in self._successors]
            if not closed:
                break
            for r in closed:
                self._successors[r.pk] = []
            for predecessor, successor in through.objects.filter(
                to_unit_id__in=[r.pk for r in closed]
            ).values_list("to_unit_id", "from_unit_id"):
                self._successors[predecessor].append(successor)
            successors = {s for r in closed for s in self._successors[r.pk]}
            parents = {r.path[:-STEP] for r in closed if len(r.path) > STEP}
            frontier = self.load(pks=successors, paths=parents)
            frontier += [self.by_pk[s] for s in successors] + [
                self.by_path[p] for p in parents if p in self.by_path
            ]

    def image(self, pk: int, _seen: frozenset = frozenset()) -> UnitRow:
        """The unit in force on `on` that stands for `pk` (see the module's rules). `prepare_images` first."""
        if pk in self._image:
            return self._image[pk]
        row = self.by_pk[pk]
        successors = self._successors.get(row.pk, [])
        if self.current(row) or pk in _seen:
            found = row
        elif successors:
            images = [self.image(s, _seen | {pk}) for s in successors]
            if len(images) == 1:
                found = images[0]
            else:
                common = _common_path([i.path for i in images])
                found = self.at_path(common) if common else min(images, key=lambda i: i.path)
        elif len(row.path) > STEP and row.path[:-STEP] in self.by_path:
            found = self.image(self.by_path[row.path[:-STEP]].pk, _seen | {pk})
        else:
            found = row
        self._image[pk] = found
        return found

    def ancestor(self, row: UnitRow, depth: int) -> UnitRow:
        """The unit above `row` at `depth` of the tree, or `row` itself when it stands higher."""
        if row.depth <= depth:
            return row
        return self.at_path(row.path[: depth * STEP])

    def prepare_ancestors(self, rows, depth: int) -> None:
        self.load(paths={r.path[: depth * STEP] for r in rows if r.depth > depth})


def lineage_paths(root: Unit) -> tuple[str, ...]:
    """The subtrees whose records may count under `root`: its own, and those of the units its subtree
    succeeded, and theirs, until none are new (the old provinces of a merged province)."""
    through = Unit.predecessors.through
    found = {root.path}
    frontier = {root.path}
    while frontier:
        subtree = Q()
        for path in frontier:
            subtree |= Q(from_unit__path__startswith=path)
        older = set(through.objects.filter(subtree).values_list("to_unit__path", flat=True))
        frontier = {p for p in older if not any(p.startswith(f) for f in found)}
        found |= frontier
    kept: list[str] = []
    for path in sorted(found):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return tuple(kept)
