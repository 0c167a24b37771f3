"""Forms of the staff pages; they only translate input, the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from llct.credentials.choices import RevocationReason


class IssueForm(forms.Form):
    blank_serial = forms.CharField(
        label=_("Số hiệu phôi (với bằng in trên phôi)"), max_length=40, required=False
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


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Số hiệu văn bằng, chứng chỉ"), max_length=80)
