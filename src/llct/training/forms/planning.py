"""Forms of plans, quotas and nominations."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from llct.registry.fields import UnitChoiceField, picker_units
from llct.registry.models import Cadre
from llct.training import selectors
from llct.training.choices import StudyMode
from llct.training.models import Nomination, Programme
from llct.training.services.nominations import SpecialCaseTerms
from llct.training.services.plans import YEARS
from llct.web.forms import DateField

MODES = [("", "—"), *StudyMode.choices]


class PlanForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"))
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=YEARS[0],
        max_value=YEARS[1],
        error_messages={
            "invalid": _("Năm phải là số, ví dụ 2026."),
            "min_value": _("Năm kế hoạch phải từ %(limit_value)s trở đi."),
            "max_value": _("Năm kế hoạch phải đến %(limit_value)s là cùng."),
        },
    )
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=255, required=False)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, auto_id="plan_%s", **kwargs)
        self.fields["unit"].queryset = picker_units(units)


class QuotaForm(forms.Form):
    programme = forms.ModelChoiceField(Programme.objects.filter(active=True), label=_("Chương trình"))
    mode = forms.ChoiceField(choices=MODES, required=False, label=_("Hình thức"))
    institution = UnitChoiceField(required=False, label=_("Cơ sở đào tạo"))
    quota = forms.IntegerField(
        label=_("Chỉ tiêu"),
        min_value=0,
        max_value=100_000,
        error_messages={
            "invalid": _("Chỉ tiêu phải là số nguyên, ví dụ 30."),
            "min_value": _("Chỉ tiêu phải là số không âm."),
            "max_value": _("Chỉ tiêu quá lớn."),
        },
    )

    def __init__(self, *args, institutions=None, **kwargs):
        super().__init__(*args, auto_id="quota_%s", **kwargs)
        self.fields["institution"].queryset = picker_units(institutions)


class PlanApproveForm(forms.Form):
    approving_body = forms.CharField(label=_("Cơ quan phê duyệt"), max_length=255)
    document = forms.CharField(label=_("Số văn bản phê duyệt"), max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="approve_%s", **kwargs)


class NominationForm(forms.Form):
    """Nominate a cadre. `cadre` is the cadre's code or citizen ID (an htmx search on name or code
    suggests codes); a cadre outside the user's scope is "not found". The special-case fields are filled
    only for a cadre the rules find not eligible: all four, or none."""

    cadre = forms.CharField(
        label=_("Cán bộ (mã cán bộ hoặc số CCCD)"),
        max_length=40,
        help_text=_("Gõ họ tên hoặc mã để tìm, rồi chọn trong danh sách gợi ý."),
    )
    programme = forms.ModelChoiceField(Programme.objects.filter(active=True), label=_("Chương trình"))
    mode = forms.ChoiceField(choices=MODES, required=False, label=_("Hình thức"))
    sending_unit = UnitChoiceField(
        label=_("Đơn vị cử"), required=False, help_text=_("Để trống: đơn vị quản lý cán bộ.")
    )
    nominated_on = DateField(label=_("Ngày cử"))
    note = forms.CharField(required=False, label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}))
    special_authority = forms.CharField(
        label=_("Trường hợp đặc biệt — cấp có thẩm quyền quyết định"), max_length=255, required=False
    )
    special_document = forms.CharField(label=_("Số văn bản"), max_length=60, required=False)
    special_decided_on = DateField(label=_("Ngày quyết định"), required=False)
    special_reason = forms.CharField(
        label=_("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    SPECIAL = ("special_authority", "special_document", "special_decided_on", "special_reason")

    def __init__(self, *args, user=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["sending_unit"].queryset = picker_units(units)
        self.fields["cadre"].widget.attrs.update(
            {
                "list": "cadre-options",
                "autocomplete": "off",
                "hx-get": reverse("training:cadre_lookup"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#cadre-options",
                "hx-swap": "innerHTML",
            }
        )

    def clean_cadre(self):
        key = self.cleaned_data["cadre"]
        cadre = selectors.cadre_in_scope(self.user, key)
        if cadre is None:
            raise forms.ValidationError(
                _("Không tìm thấy cán bộ có mã hoặc số CCCD “%(key)s” trong phạm vi quản lý của bạn."),
                params={"key": key},
            )
        return cadre

    def clean(self):
        data = super().clean()
        cadre = data.get("cadre")
        if cadre is not None and not data.get("sending_unit") and "sending_unit" not in self.errors:
            managing = self.fields["sending_unit"].queryset.filter(pk=cadre.unit_id).first()
            if managing is None:
                self.add_error(
                    "sending_unit", _("Chọn đơn vị cử: đơn vị quản lý cán bộ không thuộc danh sách.")
                )
            data["sending_unit"] = managing
        given = [name for name in self.SPECIAL if data.get(name)]
        if given and len(given) < len(self.SPECIAL):
            for name in self.SPECIAL:
                if not data.get(name) and name not in self.errors:
                    self.add_error(
                        name, _("Trường hợp đặc biệt: ghi đủ cấp có thẩm quyền, số văn bản, ngày và lý do.")
                    )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        terms = None
        if all(data.get(name) for name in self.SPECIAL):
            terms = SpecialCaseTerms(
                authority=data["special_authority"],
                document_number=data["special_document"],
                decided_on=data["special_decided_on"],
                reason=data["special_reason"],
            )
        return {
            "cadre": data["cadre"],
            "programme": data["programme"],
            "mode": data["mode"],
            "sending_unit": data["sending_unit"],
            "nominated_on": data["nominated_on"],
            "note": data["note"],
            "special_terms": terms,
        }


class BulkNominationForm(forms.Form):
    """Nominate the cadres ticked on the eligible list: one programme, mode and date for all."""

    cadres = forms.ModelMultipleChoiceField(
        Cadre.objects.none(),
        label=_("Cán bộ"),
        error_messages={"required": _("Đánh dấu ít nhất một cán bộ trong danh sách.")},
    )
    programme = forms.ModelChoiceField(Programme.objects.filter(active=True), label=_("Chương trình"))
    mode = forms.ChoiceField(choices=MODES, required=False, label=_("Hình thức"))
    nominated_on = DateField(label=_("Ngày cử"))

    def __init__(self, *args, cadres=None, programmes=None, **kwargs):
        super().__init__(*args, auto_id="bulk_%s", **kwargs)
        self.fields["cadres"].queryset = cadres if cadres is not None else Cadre.objects.none()
        if programmes is not None:
            self.fields["programme"].queryset = programmes


class BulkStepForm(forms.Form):
    """One step on the nominations ticked on the list."""

    STEPS = [("submit", _("Gửi duyệt")), ("approve", _("Phê duyệt")), ("reject", _("Không duyệt"))]

    nominations = forms.ModelMultipleChoiceField(
        Nomination.objects.none(),
        label=_("Hồ sơ"),
        error_messages={"required": _("Đánh dấu ít nhất một hồ sơ trong danh sách.")},
    )
    transition = forms.ChoiceField(choices=STEPS, label=_("Việc"))
    reason = forms.CharField(label=_("Lý do (khi không duyệt)"), required=False, max_length=500)

    def __init__(self, *args, nominations=None, **kwargs):
        super().__init__(*args, auto_id="step_%s", **kwargs)
        if nominations is not None:
            self.fields["nominations"].queryset = nominations
