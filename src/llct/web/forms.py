"""Form pieces every page shares: dates typed and shown dd/mm/yyyy (never the browser's own date picker,
whose format follows the machine's locale), with a Vietnamese message that says how to type them."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DATE_HELP = _("Dạng dd/mm/yyyy, ví dụ 17/05/1985.")
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 17/05/1985.")}


class DateInput(forms.DateInput):
    def __init__(self, attrs=None) -> None:
        super().__init__(
            attrs={
                "placeholder": "dd/mm/yyyy",
                "inputmode": "numeric",
                "data-datepicker": _("Chọn ngày trên lịch"),
                **(attrs or {}),
            },
            format="%d/%m/%Y",
        )


_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def _impossible_day(value) -> ValidationError | None:
    """31/02/1988 is typed the right way but names no day: say so, rather than "wrong format"."""
    shape = _DAY_MONTH_YEAR.match(str(value or ""))
    if shape is None:
        return None
    day, month, year = (int(part) for part in shape.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            message = _("Tháng %(month)s không có: tháng ghi từ 1 đến 12 (dạng dd/mm/yyyy).")
        else:
            message = _("Ngày %(value)s không có thật: tháng %(month)s năm %(year)s không có ngày %(day)s.")
        params = {"value": value.strip(), "day": day, "month": f"{month:02d}", "year": year}
        return ValidationError(message, code="invalid", params=params)
    return None


class DateField(forms.DateField):
    widget = DateInput

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.error_messages.update(DATE_ERRORS)

    def to_python(self, value):
        if error := _impossible_day(value):
            raise error
        return super().to_python(value)


def dates_typed(form: forms.BaseForm) -> None:
    """Give the date fields of a model form the dd/mm/yyyy input, message and help text."""
    for name, field in form.fields.items():
        if isinstance(field, forms.DateField) and not isinstance(field, DateField):
            form.fields[name] = DateField(
                required=field.required,
                label=field.label,
                initial=field.initial,
                help_text=field.help_text or DATE_HELP,
                disabled=field.disabled,
            )
