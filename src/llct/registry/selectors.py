"""Reads of the registry, always cut to the user's scope."""

import datetime as dt
import re

from django.db import connection
from django.db.models import BigIntegerField, ExpressionWrapper, F, Q, QuerySet, Value
from django.shortcuts import get_object_or_404

from llct.registry.models import Assignment, Cadre, Post, Unit
from llct.registry.scope import scoped
from llct.vntext import fold

_CODE = re.compile(r"^([^\W\d_]*[-/]?)0*(\d{1,12})$")


def text_match(q: str) -> Q:
    """What a search box finds: names in which every typed word begins a word, in any order ("An
    Nguyễn Văn" finds "Nguyễn Văn An", "an" finds Ánh but not Lan), without regard to accents, case or
    NFC/NFD; and codes as typed, upper-cased, or with their number's leading zeros missing or extra
    ("HS00187" finds HS000187). The codes are a set of exact values, so the code's unique index
    serves them."""
    words = fold(q).split()
    names = Q()
    for word in words:
        names &= Q(name_search__startswith=word) | Q(name_search__contains=" " + word)
    typed = q.strip()
    codes = {typed, typed.upper()}
    if shape := _CODE.match(typed.upper()):
        prefix, number = shape.groups()
        codes |= {prefix + number.zfill(width) for width in range(len(number), 13)}
    return names | Q(code__in=codes)


def cadre_list(user, *, q: str = "") -> QuerySet[Cadre]:
    """Cadres the user may see, optionally matching `q` in name or code (`text_match`), in Vietnamese
    name order."""
    cadres = scoped(Cadre.objects.all(), user)
    if fold(q):
        cadres = cadres.filter(text_match(q))
    return cadres.order_by("name_sort_key", "code")


def unit_list(user, *, on: dt.date | None = None) -> QuerySet[Unit]:
    """Units the user may see, as the tree stood on `on` when given."""
    units = scoped(Unit.objects.all(), user, field="")
    return units.valid_on(on) if on else units


def cadre_get(user, pk: int) -> Cadre:
    """One cadre within the user's scope (404 outside it), with its managing unit."""
    return get_object_or_404(scoped(Cadre.objects.select_related("unit"), user), pk=pk)


def cadre_posts_on(cadre: Cadre, day: dt.date) -> tuple[list, list]:
    """The cadre's assignments split into those held on `day` and the others (past or not yet begun),
    derived from the dated Assignment rows — several posts may be held at once."""
    current, other = [], []
    for assignment in cadre.assignments.select_related("post", "unit").order_by("-valid_from", "pk"):
        held = (assignment.valid_from is None or assignment.valid_from <= day) and (
            assignment.valid_to is None or day <= assignment.valid_to
        )
        (current if held else other).append(assignment)
    return current, other


def unit_get(user, pk: int) -> Unit:
    """One unit within the user's scope (404 outside it)."""
    return get_object_or_404(unit_list(user), pk=pk)


def post_list(*, q: str = "", sector: str = "", tier: str = "") -> QuerySet[Post]:
    """The post catalogue (the same for every user), searched in title, aliases and code without
    regard to accents or case, highest rank first."""
    posts = Post.objects.all().order_by("-rank", "tier", "title")
    if sector:
        posts = posts.filter(sector=sector)
    if tier:
        posts = posts.filter(tier=tier)
    if folded := fold(q):
        # The catalogue is a few hundred rows: folding in Python keeps aliases searchable on every database.
        wanted = [
            p.pk
            for p in posts.only("pk", "code", "title", "aliases")
            if folded in fold(" | ".join([p.code, p.title, *map(str, p.aliases or [])]))
        ]
        posts = posts.filter(pk__in=wanted)
    return posts


def cadre_search(
    user,
    *,
    q: str = "",
    unit: Unit | None = None,
    post: Post | None = None,
    theory_level: str | None = None,
    party_status: str | None = None,
    on: dt.date | None = None,
) -> QuerySet[Cadre]:
    """The cadre list's rows: the user's scope, optionally narrowed to a unit's subtree, to holders of
    `post` on `on`, to a theory level or Party status ("" = none), and to `q` in name or code without
    regard to accents, case or NFC/NFD; in Vietnamese name order (`name_sort_key`, then id).

    Written for 150,000-row registries (bench/web): a scope holding every unit adds no condition; the
    code is matched as typed or upper-cased (so its unique index serves); see `cadres_in_units` for the
    unit condition."""
    cadres = Cadre.objects.all()
    units = scoped(Unit.objects.all(), user, field="")
    narrowed = bool(fold(q) or post or theory_level is not None or party_status is not None)
    if unit is not None:
        cadres = cadres_in_units(cadres, units.filter(path__startswith=unit.path), narrowed=narrowed)
    elif Unit.objects.exclude(pk__in=units.values("pk")).exists():
        cadres = cadres_in_units(cadres, units, narrowed=narrowed)
    if fold(q):
        text = text_match(q)
        if connection.vendor == "sqlite":
            # SQLite answers the sub-select from the name_search index alone; PostgreSQL flattens it into
            # a join that walks the name order row by row, so there the condition stays direct.
            text = Q(pk__in=Cadre.objects.filter(text).values("pk"))
        cadres = cadres.filter(text)
    if post is not None:
        held = Assignment.objects.valid_on(on or dt.date.today()).filter(post=post)
        cadres = cadres.filter(pk__in=held.values("cadre_id"))
    if theory_level is not None:
        cadres = cadres.filter(theory_level=theory_level)
    if party_status is not None:
        cadres = cadres.filter(party_status=party_status)
    return cadres.order_by("name_sort_key", "pk")


def cadres_in_units(cadres: QuerySet[Cadre], units: QuerySet[Unit], *, narrowed: bool) -> QuerySet[Cadre]:
    """`cadres` managed by one of `units`. When other conditions narrow the list, the unit id is compared
    as `unit_id + 0` on purpose: that keeps SQLite from answering through the (unit, name) index, which
    reads a whole province row by row to test the other conditions, when walking the name order or
    scanning the table is several times faster; alone, the index is the better path (bench/web).
    PostgreSQL plans the plain form well in both cases."""
    if not narrowed or connection.vendor != "sqlite":
        return cadres.filter(unit__in=units.values("pk"))
    managing = ExpressionWrapper(F("unit_id") + Value(0), output_field=BigIntegerField())
    return cadres.alias(managing_unit=managing).filter(managing_unit__in=units.values("pk"))
