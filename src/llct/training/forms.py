"""Forms of the training pages: they only parse and validate input; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from llct.registry.models import Cadre, Unit
from llct.training.choices import StudyMode
from llct.training.models import Lecturer, Programme


class DateInput(forms.DateInput):
    input_type = "date"


class NominationForm(forms.Form):
    cadre = forms.ModelChoiceField(Cadre.objects.none(), label=_("Cán bộ"))
    programme = forms.ModelChoiceField(Programme.objects.filter(active=True), label=_("Chương trình"))
    mode = forms.ChoiceField(choices=[("", "—"), *StudyMode.choices], required=False, label=_("Hình thức"))
    sending_unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Đơn vị cử"))
    nominated_on = forms.DateField(label=_("Ngày cử"), widget=DateInput)
    note = forms.CharField(required=False, label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, cadres=None, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = cadres
        self.fields["sending_unit"].queryset = units


class ClassForm(forms.Form):
    institution = forms.ModelChoiceField(Unit.objects.none(), label=_("Cơ sở đào tạo"))
    programme = forms.ModelChoiceField(Programme.objects.filter(active=True), label=_("Chương trình"))
    code = forms.CharField(max_length=40, label=_("Mã lớp"))
    name = forms.CharField(max_length=255, label=_("Tên lớp"))
    mode = forms.ChoiceField(choices=[("", "—"), *StudyMode.choices], required=False, label=_("Hình thức"))
    starts_on = forms.DateField(label=_("Ngày khai giảng"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ngày bế giảng"), widget=DateInput)
    venue = forms.CharField(required=False, label=_("Địa điểm"))
    capacity = forms.IntegerField(min_value=1, label=_("Sĩ số tối đa"))
    homeroom_lecturer = forms.ModelChoiceField(
        Lecturer.objects.none(), required=False, label=_("Giảng viên chủ nhiệm")
    )

    def __init__(self, *args, institutions=None, lecturers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions
        self.fields["homeroom_lecturer"].queryset = lecturers


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Ngày"), widget=DateInput)
    periods = forms.IntegerField(min_value=1, max_value=12, label=_("Số tiết"))
    lecturer = forms.ModelChoiceField(Lecturer.objects.none(), required=False, label=_("Giảng viên"))
    topic = forms.CharField(required=False, label=_("Nội dung"))

    def __init__(self, *args, lecturers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lecturer"].queryset = lecturers


class RecognitionForm(forms.Form):
    number = forms.CharField(max_length=60, label=_("Số quyết định"))
    signed_on = forms.DateField(label=_("Ngày ký"), widget=DateInput)
    signed_by = forms.CharField(max_length=150, label=_("Người ký"))
    signer_title = forms.CharField(max_length=150, required=False, label=_("Chức vụ người ký"))
