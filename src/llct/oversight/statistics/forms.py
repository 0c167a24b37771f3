"""Forms of statistics: the query of the statistics page (a GET form whose field names are the
parameters of `params.py`), and a briefing with its attendance per unit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from llct.registry.models import Unit
from llct.web.forms import dates_typed

from .catalogue import indicators
from .choices import UnitsAs
from .dimensions import DIMENSIONS, choice_labels

EVERY = [("", _("Tất cả"))]


def _dimension_choices():
    return [("", "—"), *((d.code, d.label) for d in DIMENSIONS.values())]


def _filter(code: str) -> forms.ChoiceField:
    labels = choice_labels(code) or {}
    choices = [(k or "-", v) for k, v in labels.items()]
    return forms.ChoiceField(label=DIMENSIONS[code].label, choices=EVERY + choices, required=False)


class StatisticsForm(forms.Form):
    """Chosen indicators, rows (up to three dimensions), a column dimension, period, unit and filters.
    The view reads the request's parameters itself (`query_from_params`); this form only draws them."""

    indicators = forms.MultipleChoiceField(
        label=_("Chỉ tiêu"), widget=forms.CheckboxSelectMultiple, required=False, choices=()
    )
    rows = forms.ChoiceField(label=_("Hàng theo"), choices=(), required=False)
    rows_2 = forms.ChoiceField(label=_("rồi theo"), choices=(), required=False)
    rows_3 = forms.ChoiceField(label=_("rồi theo"), choices=(), required=False)
    columns = forms.ChoiceField(label=_("Cột theo"), choices=(), required=False)
    year_from = forms.IntegerField(label=_("Từ năm"), required=False, min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label=_("Đến năm"), required=False, min_value=1990, max_value=2100)
    unit = forms.CharField(label=_("Mã đơn vị"), required=False, max_length=40)
    units = forms.ChoiceField(label=_("Đơn vị tính theo"), choices=UnitsAs.choices, widget=forms.RadioSelect)
    depth = forms.IntegerField(label=_("Cấp đơn vị (độ sâu)"), required=False, min_value=1, max_value=8)
    level = _filter("level")
    family = _filter("family")
    mode = _filter("mode")
    sex = _filter("sex")
    ethnicity = _filter("ethnicity")
    age_band = _filter("age_band")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, auto_id="stat_%s", **kwargs)
        self.fields["indicators"].choices = [(i.code, i.label) for i in indicators().values()]
        for name in ("rows", "rows_2", "rows_3", "columns"):
            self.fields[name].choices = _dimension_choices()


class BriefingForm(forms.Form):
    date = forms.DateField(label=_("Ngày tổ chức"))
    topic = forms.CharField(label=_("Nội dung, chủ đề"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=())
    organiser = forms.ModelChoiceField(Unit.objects.none(), label=_("Đơn vị tổ chức"))
    document = forms.CharField(label=_("Nghị quyết, văn bản được quán triệt"), max_length=255, required=False)
    venue = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)

    def __init__(self, *args, units=None, **kwargs) -> None:
        from .choices import BriefingKind

        super().__init__(*args, auto_id="briefing_%s", **kwargs)
        self.fields["kind"].choices = BriefingKind.choices
        self.fields["organiser"].queryset = units
        dates_typed(self)


class AttendanceForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Đơn vị dự"), required=False)
    attendees = forms.IntegerField(label=_("Số người dự"), min_value=1, required=False)
    names = forms.CharField(
        label=_("Danh sách người dự (không bắt buộc)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        data = super().clean()
        if data.get("unit") and not data.get("attendees"):
            self.add_error("attendees", _("Ghi số người dự của đơn vị."))
        if data.get("attendees") and not data.get("unit"):
            self.add_error("unit", _("Chọn đơn vị có người dự."))
        return data


AttendanceFormSet = forms.formset_factory(AttendanceForm, extra=0)
