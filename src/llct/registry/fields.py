"""The one unit picker of every form: the tree in its own order, indented by depth, units in force today
by default (a unit dissolved in the 2025 restructure is marked with its end date where it is shown), with
a filter box that ignores accents (llct.js, `data-searchable`)."""

import datetime as dt

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from llct.registry.models import Unit


def picker_units(units: QuerySet[Unit], *, on: dt.date | None = None, ended: bool = False) -> QuerySet[Unit]:
    """`units` as the picker lists them: in force on `on` (today) unless `ended`, in tree order, with only
    the columns the labels read."""
    if not ended:
        units = units.valid_on(on or timezone.localdate())
    return units.only("pk", "name", "depth", "path", "valid_to").order_by("path")


class UnitChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("queryset", Unit.objects.none())
        super().__init__(*args, **kwargs)
        self.widget.attrs["data-searchable"] = _("Gõ để lọc đơn vị")

    def label_from_instance(self, unit: Unit) -> str:
        indent = "\u2003" * max(unit.depth - 1, 0)
        ended = f" ({_('đến')} {unit.valid_to:%d/%m/%Y})" if unit.valid_to else ""
        return f"{indent}{unit.name}{ended}"
