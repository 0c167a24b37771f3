"""Form pieces every page shares: dates typed and shown dd/mm/yyyy (never the browser's own date picker,
whose format follows the machine's locale), with a Vietnamese message that says how to type them."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_HELP = _("Dạng dd/mm/yyyy, ví dụ 17/05/1985.")
DATE_ERRORS = {"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 17/05/1985.")}


class DateInput(forms.DateInput):
    def __init__(self, attrs=None) -> None:
        super().__init__(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", **(attrs or {})}, format="%d/%m/%Y"
        )


class DateField(forms.DateField):
    widget = DateInput

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.error_messages.update(DATE_ERRORS)


def dates_typed(form: forms.BaseForm) -> None:
    """Give the date fields of a model form the dd/mm/yyyy input, message and help text."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget = DateInput()
            field.error_messages.update(DATE_ERRORS)
            field.help_text = field.help_text or DATE_HELP
