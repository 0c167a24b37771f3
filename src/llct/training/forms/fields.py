"""Shared pieces of the training forms: marks on the 10-point scale (dates: llct.web.forms)."""

from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


class MarkInput(forms.TextInput):
    """Shows a stored mark the way the page prints numbers ("8,5" in Vietnamese, not "8.50")."""

    def format_value(self, value):
        if isinstance(value, Decimal):  # as many decimals as the mark has: 8,5 and 10, never 8,50 or 1E+1
            return number_format(value, max(0, -value.normalize().as_tuple().exponent))
        return super().format_value(value)


class MarkField(forms.DecimalField):
    """A mark from 0 to 10 with at most two decimals, typed 7,5 or 7.5."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("max_value", Decimal(10))
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("max_digits", 4)
        kwargs.setdefault("widget", MarkInput(attrs={"size": 4, "inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.error_messages.update(
            {
                "invalid": _("Điểm phải là số từ 0 đến 10, ví dụ 7,5."),
                "min_value": _("Điểm phải từ 0 đến 10."),
                "max_value": _("Điểm phải từ 0 đến 10."),
                "max_decimal_places": _("Điểm có tối đa hai chữ số thập phân."),
                "max_digits": _("Điểm phải từ 0 đến 10."),
            }
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)
