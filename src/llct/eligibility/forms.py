"""Forms of the eligibility pages. They only translate input; the services decide."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from llct.eligibility.choices import Level, StudyMode
from llct.registry.fields import UnitChoiceField, picker_units
from llct.web.forms import DateField


def today() -> dt.date:
    return timezone.localdate()


def _date_field(label, required: bool = False) -> DateField:
    return DateField(label=label, required=required)


class OnDateForm(forms.Form):
    on = _date_field(_("Ngày xét"))

    def day(self) -> dt.date:
        return (self.cleaned_data.get("on") if self.is_valid() else None) or today()


class EligibleCadresForm(forms.Form):
    """Unit subtree, level, study mode and date of the eligible-cadres list."""

    unit = UnitChoiceField(label=_("Đơn vị"), required=False)
    level = forms.ChoiceField(label=_("Trình độ"), choices=Level.choices, initial=Level.TRUNG_CAP)
    mode = forms.ChoiceField(
        label=_("Hình thức học"), choices=[("", _("Mọi hình thức")), *StudyMode.choices], required=False
    )
    on = _date_field(_("Ngày xét"))
    q = forms.CharField(label=_("Tìm theo tên, mã"), required=False)
    show = forms.ChoiceField(
        label=_("Hiển thị"),
        choices=[
            ("eligible", _("Đủ điều kiện")),
            ("not_eligible", _("Chưa đủ điều kiện")),
            ("all", _("Tất cả")),
        ],
        required=False,
        initial="eligible",
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = picker_units(units)


class RegulationVersionForm(forms.Form):
    text = forms.CharField(
        label=_("Nội dung phiên bản quy định (YAML)"),
        widget=forms.Textarea(attrs={"rows": 40, "cols": 110, "spellcheck": "false", "class": "code"}),
    )


class SpecialCaseForm(forms.Form):
    level = forms.ChoiceField(label=_("Trình độ"), choices=Level.choices)
    eligible = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Được cử đi học")), ("0", _("Không được cử đi học"))],
        coerce=lambda v: v == "1",
    )
    modes = forms.MultipleChoiceField(
        label=_("Hình thức học"),
        choices=StudyMode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    authority = forms.CharField(label=_("Cấp có thẩm quyền quyết định"), max_length=255)
    document_number = forms.CharField(label=_("Số văn bản"), max_length=60)
    decided_on = _date_field(_("Ngày quyết định"), required=True)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("eligible") and not data.get("modes"):
            self.add_error("modes", _("Chọn ít nhất một hình thức học khi quyết định cho cử đi học."))
        return data


class ProvincialRegulationForm(forms.Form):
    """A province's implementing regulation: the YAML text typed or pasted, or a file uploaded."""

    file = forms.FileField(label=_("Tệp quy định của tỉnh (.yaml)"), required=False)
    text = forms.CharField(
        label=_("Nội dung quy định của tỉnh (YAML)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 40, "cols": 110, "spellcheck": "false", "class": "code"}),
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    _("Tệp «%(name)s» không phải văn bản UTF-8.") % {"name": upload.name}
                ) from None
        if not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Hãy dán nội dung hoặc chọn tệp quy định của tỉnh."))
        data["name"] = upload.name if upload is not None else ""
        return data
