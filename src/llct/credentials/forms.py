"""Forms of the staff pages; they only translate input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from llct.credentials.choices import RevocationReason
from llct.web.forms import DateField


class IssueForm(forms.Form):
    blank_serial = forms.CharField(
        label=_("Số hiệu phôi (bỏ trống: phôi chưa dùng tiếp theo)"), max_length=40, required=False
    )


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(label=_("Lý do thu hồi"), choices=RevocationReason.choices)
    authority = forms.CharField(label=_("Cơ quan, văn bản quyết định thu hồi"), max_length=255)


class ReissueForm(forms.Form):
    reason = forms.CharField(label=_("Lý do cấp lại"), max_length=255, initial=_("Bị mất trước khi trao"))
    blank_serial = forms.CharField(label=_("Số hiệu phôi mới"), max_length=40, required=False)


class CopyForm(forms.Form):
    requested_by = forms.CharField(label=_("Người yêu cầu"), max_length=150, required=False)
    copies = forms.IntegerField(label=_("Số bản"), min_value=1, max_value=20, initial=1)


class HandOverForm(forms.Form):
    to = forms.CharField(label=_("Người nhận"), max_length=150)
    on = DateField(label=_("Ngày trao (dd/mm/yyyy)"), required=False)


class LossForm(forms.Form):
    on = DateField(label=_("Ngày báo mất (dd/mm/yyyy)"), required=False)


class BlankRecordForm(forms.Form):
    blank_serial = forms.CharField(
        label=_("Số hiệu phôi (bỏ trống: phôi chưa dùng tiếp theo)"), max_length=40, required=False
    )


class BlankStockForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("Cơ sở nhận phôi"), queryset=None)
    first = forms.CharField(label=_("Từ số hiệu"), max_length=40, help_text=_("Ví dụ: AB 000101"))
    last = forms.CharField(label=_("Đến số hiệu"), max_length=40, help_text=_("Ví dụ: AB 000200"))
    received_on = DateField(label=_("Ngày nhận (dd/mm/yyyy)"), required=False)
    document = forms.CharField(label=_("Biên bản, chứng từ nhận"), max_length=255, required=False)

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions


class SpoilForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hỏng"), max_length=255)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Số hiệu văn bằng, chứng chỉ"), max_length=80)
    proof = forms.CharField(
        label=_("Năm sinh của người được cấp, hoặc mã xác minh in trên văn bằng"),
        max_length=40,
        required=False,
    )
