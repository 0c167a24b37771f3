"""Forms of the registry pages. They translate HTTP to the services and say, field by field and in
Vietnamese, what is wrong and how to put it right."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from llct.registry import selectors
from llct.registry.choices import TheoryProof
from llct.registry.fields import UnitChoiceField
from llct.registry.models import Assignment, Cadre, PlanningEntry, Post, Unit, YearlyRating
from llct.roster.citizen_ids import ascii_digits
from llct.web.forms import DateField, dates_typed


def _scoped_units(field: forms.Field, user) -> None:
    field.queryset = selectors.unit_list(user).only("pk", "name", "depth", "path", "valid_to")


class CadreForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Đơn vị quản lý"), queryset=Unit.objects.none())

    class Meta:
        model = Cadre
        fields = [
            "code", "full_name", "citizen_id", "birth_date", "sex", "ethnicity", "unit",
            "party_status", "party_admitted_on", "party_official_on",
            "education", "theory_level", "theory_proof", "theory_document_number", "theory_issuer",
            "theory_issued_on", "grade", "grade_since", "lecturer_since",
        ]  # fmt: skip
        error_messages = {
            "citizen_id": {"unique": _("Số CCCD này đã có trong sổ cán bộ: mỗi người chỉ có một hồ sơ.")},
            "code": {"unique": _("Mã cán bộ này đã được dùng cho một hồ sơ khác; hãy chọn mã khác.")},
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _scoped_units(self.fields["unit"], user)
        self.fields["full_name"].error_messages["required"] = _("Hãy nhập họ và tên.")
        self.fields["code"].error_messages["required"] = _("Hãy nhập mã cán bộ.")
        dates_typed(self)

    def clean_citizen_id(self) -> str | None:
        value = ascii_digits(self.cleaned_data.get("citizen_id") or "")
        if not value:
            return None
        if not value.isdigit() or len(value) != 12:
            raise forms.ValidationError(
                _("Số CCCD phải gồm đúng 12 chữ số (đã nhập “%(value)s”, %(count)s ký tự)."),
                code="citizen_id",
                params={"value": value, "count": len(value)},
            )
        return value

    def clean(self) -> dict:
        """Checks the model does not make: a Party member needs an admission date, a diploma its number
        and issuer, an equivalence certificate its date (the model checks that date is before 09/07/2021,
        the order of the Party dates, and the rest)."""
        data = super().clean()
        if data.get("party_status") and not data.get("party_admitted_on"):
            self.add_error("party_admitted_on", _("Đảng viên phải có ngày vào Đảng."))
        proof = data.get("theory_proof")
        if proof == TheoryProof.DIPLOMA:
            if not data.get("theory_document_number"):
                self.add_error("theory_document_number", _("Bằng tốt nghiệp phải có số hiệu văn bằng."))
            if not data.get("theory_issuer"):
                self.add_error("theory_issuer", _("Bằng tốt nghiệp phải ghi cơ sở cấp."))
        if proof == TheoryProof.EQUIVALENCE and not data.get("theory_issued_on"):
            self.add_error("theory_issued_on", _("Giấy xác nhận tương đương phải có ngày cấp."))
        return data


class AssignmentForm(forms.ModelForm):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())

    class Meta:
        model = Assignment
        fields = ["post", "unit", "title_as_written", "valid_from", "valid_to"]

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _scoped_units(self.fields["unit"], user)
        self.fields["post"].queryset = Post.objects.filter(active=True).order_by("-rank", "title")
        self.fields["valid_from"].required = True
        self.fields["valid_from"].error_messages["required"] = _("Hãy nhập ngày bắt đầu giữ chức vụ.")
        dates_typed(self)


class PlanningForm(forms.ModelForm):
    class Meta:
        model = PlanningEntry
        fields = ["post", "term", "decision_number", "valid_from", "valid_to"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = Post.objects.filter(active=True).order_by("-rank", "title")
        dates_typed(self)

    def clean_term(self) -> str:
        term = self.cleaned_data.get("term", "").strip()
        parts = term.split("-")
        if term and not (
            len(parts) == 2 and all(p.isdigit() and len(p) == 4 for p in parts) and parts[0] < parts[1]
        ):
            raise forms.ValidationError(_("Nhiệm kỳ ghi theo dạng năm đầu-năm cuối, ví dụ 2025-2030."))
        return term


class EndForm(forms.Form):
    """The day an assignment or a planning entry ends."""

    on = DateField(label=_("Kết thúc ngày"))

    def __init__(self, *args, starts: dt.date | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.starts = starts
        dates_typed(self)

    def clean_on(self) -> dt.date:
        on = self.cleaned_data["on"]
        if self.starts and on < self.starts:
            raise forms.ValidationError(
                _("Ngày kết thúc phải từ ngày bắt đầu (%(day)s) trở đi.") % {"day": f"{self.starts:%d/%m/%Y}"}
            )
        return on


class RatingForm(forms.ModelForm):
    class Meta:
        model = YearlyRating
        fields = ["year", "rating"]

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > dt.date.today().year:
            raise forms.ValidationError(_("Chưa thể xếp loại cho năm %(year)s.") % {"year": year})
        return year


class PostForm(forms.ModelForm):
    aliases_text = forms.CharField(
        label=_("Tên gọi khác, viết tắt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một tên."),
    )

    class Meta:
        model = Post
        fields = ["code", "title", "aliases_text", "sector", "tier", "rank", "note", "active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aliases_text"].initial = "\n".join(self.instance.aliases or [])

    def clean(self) -> dict:
        data = super().clean()
        self.instance.aliases = [
            line.strip() for line in data.get("aliases_text", "").splitlines() if line.strip()
        ]
        return data
