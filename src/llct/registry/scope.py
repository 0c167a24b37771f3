"""The unit subtree a user may see. Every selector filters by it; objects outside answer 404."""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from llct.registry.models import Unit


def scope_paths(user) -> tuple[str, ...]:
    """Materialised paths of the subtrees the user sees: their unit's, and those of the units it
    succeeded (a merged province sees the records of the provinces merged into it). Cached on the user."""
    cached = getattr(user, "_llct_scope_paths", None)
    if cached is not None:
        return cached
    if user.is_superuser and user.unit_id is None:
        paths: tuple[str, ...] = ("",)
    elif user.unit_id is None:
        paths = ()
    else:
        root = user.unit
        found = {root.path}
        frontier = {root.pk}
        seen = set(frontier)
        while frontier:
            # Predecessors of the unit and of anything under it, then theirs, until none are new.
            here = Unit.objects.filter(pk__in=frontier)
            subtree = Q()
            for unit_path in here.values_list("path", flat=True):
                subtree |= Q(successors__path__startswith=unit_path)
            older = Unit.objects.filter(subtree).exclude(pk__in=seen).values_list("pk", "path").distinct()
            frontier = set()
            for pk, path in older:
                frontier.add(pk)
                seen.add(pk)
                found.add(path)
        paths = _outermost(found)
    user._llct_scope_paths = paths
    return paths


def _outermost(paths: set[str]) -> tuple[str, ...]:
    kept: list[str] = []
    for path in sorted(paths):
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return tuple(kept)


def unit_filter(user, field: str = "unit") -> Q:
    """A Q object keeping rows whose `field` (a Unit foreign key, or "" for Unit itself) lies in scope."""
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    paths = scope_paths(user)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{lookup: p}) for p in paths))


def scoped(queryset: QuerySet, user, field: str = "unit") -> QuerySet:
    """`queryset` cut down to the user's scope."""
    return queryset.filter(unit_filter(user, field))


def in_scope(user, unit: Unit | None) -> bool:
    return unit is not None and any(unit.path.startswith(p) for p in scope_paths(user))
