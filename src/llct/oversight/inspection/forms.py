"""Forms of the inspection pages: starting a run, a finding's step, an inspection plan, its conclusion and
a recommendation. They only read and check input; the services decide."""

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from llct.accounts.models import Role, User
from llct.web.forms import DateField

from .checks import CHECKS


def check_choices() -> list[tuple[str, str]]:
    return [(code, f"{check.title} [{check.confidence}]") for code, check in CHECKS.items()]


class RunForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=_("Đơn vị được kiểm tra (cả đơn vị trực thuộc)"))
    period_from = DateField(label=_("Từ ngày"), required=False)
    period_to = DateField(label=_("Đến ngày"))
    checks = forms.MultipleChoiceField(
        label=_("Nội dung kiểm tra"), choices=check_choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, units, **kwargs) -> None:
        kwargs.setdefault("initial", {"period_to": timezone.localdate(), "checks": list(CHECKS)})
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class StepForm(forms.Form):
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000)
    deadline = DateField(label=_("Hạn khắc phục"), required=False)


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Tên cuộc kiểm tra"), max_length=255)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    decision_number = forms.CharField(label=_("Số quyết định kiểm tra"), max_length=60, required=False)
    subject = forms.ModelChoiceField(queryset=None, label=_("Đơn vị được kiểm tra"))
    topics = forms.MultipleChoiceField(
        label=_("Nội dung kiểm tra"), choices=check_choices, widget=forms.CheckboxSelectMultiple
    )
    team = forms.ModelMultipleChoiceField(queryset=None, label=_("Đoàn kiểm tra"), required=False)
    starts_on = DateField(label=_("Kiểm tra từ ngày"))
    ends_on = DateField(label=_("đến ngày"))
    period_from = DateField(label=_("Thời kỳ được kiểm tra: từ ngày"), required=False)
    period_to = DateField(label=_("đến ngày"))

    def __init__(self, *args, units, inspectors, **kwargs) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year, "topics": list(CHECKS)})
        super().__init__(*args, **kwargs)
        self.fields["subject"].queryset = units
        self.fields["team"].queryset = inspectors
        self.fields["team"].label_from_instance = lambda u: u.get_full_name() or u.username


class ConclusionForm(forms.Form):
    number = forms.CharField(label=_("Số kết luận"), max_length=60)
    signed_on = DateField(label=_("Ngày ký"))
    signed_by = forms.CharField(label=_("Người ký"), max_length=150)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=150)
    assessment = forms.CharField(
        label=_("Nhận xét, đánh giá chung"), widget=forms.Textarea(attrs={"rows": 5})
    )


class RecommendationForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=_("Đơn vị"))
    text = forms.CharField(label=_("Kiến nghị"), widget=forms.Textarea(attrs={"rows": 2}))
    deadline = DateField(label=_("Thời hạn"), required=False)

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def inspectors_in(scope_units: QuerySet) -> QuerySet[User]:
    """Users who inspect (inspectors, administrators) attached to a unit of the scope."""
    return User.objects.filter(role__in=[Role.INSPECTOR, Role.ADMIN], unit__in=scope_units).order_by(
        "username"
    )
