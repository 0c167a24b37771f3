from django import forms
from django.utils.translation import gettext_lazy as _

from llct.registry.fields import UnitChoiceField
from llct.registry.models import Unit
from llct.roster.files import SUFFIXES

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách cán bộ"),
        help_text=_("Tệp .xlsx, .csv (UTF-8) hoặc .parquet theo mẫu danh sách cán bộ."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    unit = UnitChoiceField(
        label=_("Đơn vị nhận"),
        queryset=Unit.objects.none(),
        help_text=_(
            "Cán bộ thuộc đơn vị ghi ở cột Đơn vị (hoặc Mã đơn vị); để trống thì thuộc đơn vị này. Tên "
            "đơn vị không khớp đơn vị nào trong phạm vi được báo là lỗi."
        ),
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx, .csv hoặc .parquet."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 200 MB)."))
        return upload
