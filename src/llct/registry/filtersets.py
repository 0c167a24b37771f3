"""The cadre list filter: one definition read by the list page, the roster export and the API.

`CadreFilterSet(request.GET, user=request.user).queryset()` gives the user's scoped cadres narrowed by the
search text, the unit subtree, a post held on the day, the political-theory level and the Party status,
in Vietnamese name order.
"""

import datetime as dt

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from llct.registry import selectors
from llct.registry.choices import PartyStatus, TheoryLevel
from llct.registry.fields import UnitChoiceField, picker_units
from llct.registry.models import Cadre, Post, Unit

# In the model the empty string means "none" (not a Party member, no theory training); in a filter the
# empty string means "any", so "none" travels under its own name.
NONE = "none"


def _with_none(choices, none_label) -> list[tuple[str, str]]:
    return [("", _("Tất cả")), (NONE, none_label)] + [(v, label) for v, label in choices if v]


class CadreFilterSet(forms.Form):
    q = forms.CharField(
        label=_("Tìm kiếm"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Họ tên hoặc mã cán bộ")}),
    )
    unit = UnitChoiceField(
        label=_("Đơn vị (cả đơn vị trực thuộc)"), queryset=Unit.objects.none(), required=False
    )
    post = forms.ModelChoiceField(
        label=_("Chức vụ đang giữ"), queryset=Post.objects.order_by("-rank", "title"), required=False
    )
    theory_level = forms.ChoiceField(
        label=_("Trình độ LLCT"),
        required=False,
        choices=_with_none(TheoryLevel.choices, TheoryLevel.NONE.label),
    )
    party_status = forms.ChoiceField(
        label=_("Đảng viên"), required=False, choices=_with_none(PartyStatus.choices, PartyStatus.NONE.label)
    )

    def __init__(self, data=None, *, user, on: dt.date | None = None, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.user = user
        self.on = on or timezone.localdate()
        self.fields["unit"].queryset = picker_units(selectors.unit_list(user), ended=True)

    def queryset(self) -> QuerySet[Cadre]:
        """The cadres the filter keeps; invalid values are ignored rather than widening the scope."""
        values = self.cleaned_data if self.is_valid() else {}

        def chosen(field: str) -> str | None:
            value = values.get(field)
            return None if not value else ("" if value == NONE else value)

        return selectors.cadre_search(
            self.user,
            q=values.get("q") or "",
            unit=values.get("unit"),
            post=values.get("post"),
            theory_level=chosen("theory_level"),
            party_status=chosen("party_status"),
            on=self.on,
        )

    def is_filtered(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())
