"""Reads of the registry, always cut to the user's scope."""

import datetime as dt

from django.db.models import QuerySet

from llct.accounts.scope import scoped
from llct.registry.models import Cadre, Unit
from llct.vntext import fold


def cadre_list(user, *, q: str = "") -> QuerySet[Cadre]:
    """Cadres the user may see, optionally matching `q` in name or code (accent-, case- and
    NFC/NFD-insensitive), in Vietnamese name order."""
    cadres = scoped(Cadre.objects.all(), user)
    if q := fold(q):
        cadres = cadres.filter(name_search__contains=q) | cadres.filter(code__iexact=q)
    return cadres.order_by("name_sort_key", "code")


def unit_list(user, *, on: dt.date | None = None) -> QuerySet[Unit]:
    """Units the user may see, as the tree stood on `on` when given."""
    units = scoped(Unit.objects.all(), user, field="")
    return units.valid_on(on) if on else units
