"""Forms of classes: opening, the schedule, homeroom lecturer, class committee, learners, lecturers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from llct.accounts.models import User
from llct.registry.fields import UnitChoiceField, picker_units
from llct.training import selectors
from llct.training.choices import CommitteeRole, StudyMode
from llct.training.models import Enrolment, Lecturer, Module, Nomination, Programme
from llct.web.forms import DateField


class ClassForm(forms.Form):
    institution = UnitChoiceField(label=_("Cơ sở đào tạo"))
    programme = forms.ModelChoiceField(Programme.objects.filter(active=True), label=_("Chương trình"))
    code = forms.CharField(max_length=40, label=_("Mã lớp"))
    name = forms.CharField(max_length=255, label=_("Tên lớp"))
    mode = forms.ChoiceField(choices=[("", "—"), *StudyMode.choices], required=False, label=_("Hình thức"))
    starts_on = DateField(label=_("Ngày khai giảng"))
    ends_on = DateField(label=_("Ngày bế giảng"))
    venue = forms.CharField(required=False, max_length=255, label=_("Địa điểm"))
    capacity = forms.IntegerField(
        min_value=1,
        max_value=10_000,
        label=_("Sĩ số tối đa"),
        error_messages={
            "invalid": _("Sĩ số phải là số nguyên, ví dụ 40."),
            "min_value": _("Sĩ số ít nhất là 1."),
        },
    )
    homeroom_lecturer = forms.ModelChoiceField(
        Lecturer.objects.none(), required=False, label=_("Giảng viên chủ nhiệm")
    )

    def __init__(self, *args, institutions=None, lecturers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = picker_units(institutions)
        self.fields["homeroom_lecturer"].queryset = lecturers

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Ngày bế giảng phải từ ngày khai giảng trở đi."))
        return data


class SessionForm(forms.Form):
    date = DateField(label=_("Ngày"))
    periods = forms.IntegerField(
        min_value=1,
        max_value=12,
        label=_("Số tiết"),
        error_messages={
            "invalid": _("Số tiết phải là số nguyên từ 1 đến 12."),
            "min_value": _("Số tiết phải từ 1 đến 12."),
            "max_value": _("Số tiết phải từ 1 đến 12."),
        },
    )
    module = forms.ModelChoiceField(Module.objects.none(), required=False, label=_("Học phần"))
    lecturer = forms.ModelChoiceField(Lecturer.objects.none(), required=False, label=_("Giảng viên"))
    topic = forms.CharField(required=False, max_length=255, label=_("Nội dung"))

    def __init__(self, *args, klass=None, **kwargs):
        super().__init__(*args, auto_id="session_%s", **kwargs)
        self.fields["module"].queryset = klass.programme.modules.all()
        self.fields["lecturer"].queryset = selectors.class_lecturers(klass)


class HomeroomForm(forms.Form):
    homeroom_lecturer = forms.ModelChoiceField(Lecturer.objects.none(), label=_("Giảng viên chủ nhiệm"))

    def __init__(self, *args, klass=None, **kwargs):
        super().__init__(*args, auto_id="homeroom_%s", **kwargs)
        self.fields["homeroom_lecturer"].queryset = selectors.class_lecturers(klass)
        self.fields["homeroom_lecturer"].initial = klass.homeroom_lecturer_id


class CommitteeForm(forms.Form):
    enrolment = forms.ModelChoiceField(Enrolment.objects.none(), label=_("Học viên"))
    committee_role = forms.ChoiceField(choices=CommitteeRole.choices, required=False, label=_("Chức danh"))

    def __init__(self, *args, klass=None, **kwargs):
        super().__init__(*args, auto_id="committee_%s", **kwargs)
        self.fields["enrolment"].queryset = klass.enrolments.select_related("cadre")
        self.fields["enrolment"].label_from_instance = lambda e: e.cadre.full_name


class CommuneListForm(forms.Form):
    """The learner list a commune sends: one cadre code or citizen ID per line."""

    sending_unit = UnitChoiceField(label=_("Xã, phường, đặc khu gửi danh sách"))
    cadres = forms.CharField(
        label=_("Danh sách học viên (mỗi dòng một mã cán bộ hoặc số CCCD)"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, klass=None, user=None, **kwargs):
        super().__init__(*args, auto_id="list_%s", **kwargs)
        self.fields["sending_unit"].queryset = picker_units(selectors.list_senders(klass, user))

    def clean(self):
        data = super().clean()
        unit, text = data.get("sending_unit"), data.get("cadres")
        if unit is None or not text:
            return data
        found, missing = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            key = line.strip().strip(",;")
            if not key:
                continue
            cadre = selectors.cadre_in(unit, key)
            if cadre is None:
                missing.append(_("dòng %(n)s “%(k)s”") % {"n": number, "k": key})
            elif cadre not in found:
                found.append(cadre)
        if missing:
            self.add_error(
                "cadres",
                _("Không tìm thấy cán bộ của %(u)s: %(rows)s. Sửa hoặc bỏ các dòng đó.")
                % {"u": unit.name, "rows": "; ".join(missing)},
            )
        elif not found:
            self.add_error("cadres", _("Danh sách trống."))
        data["cadre_list"] = found
        return data


class AdmitForm(forms.Form):
    nominations = forms.ModelMultipleChoiceField(
        Nomination.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Hồ sơ cử đi học đã duyệt")
    )

    def __init__(self, *args, klass=None, **kwargs):
        super().__init__(*args, auto_id="admit_%s", **kwargs)
        self.fields["nominations"].queryset = selectors.admissible_nominations(klass)
        self.fields["nominations"].label_from_instance = lambda n: (
            f"{n.cadre.full_name} — {n.sending_unit.name}"
        )


class LecturerForm(forms.ModelForm):
    youngest_child_born_on = DateField(
        label=_("Ngày sinh con nhỏ nhất (giảng viên nữ)"),
        required=False,
        help_text=_("Giảm định mức: con dưới 12 tháng 15%, từ 12 đến 36 tháng 10% (QĐ 1147 Điều 13)."),
    )

    class Meta:
        model = Lecturer
        fields = [
            "institution",
            "full_name",
            "kind",
            "management_role",
            "youngest_child_born_on",
            "user",
            "active",
        ]

    def __init__(self, *args, institutions=None, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = picker_units(institutions)
        self.fields["user"].queryset = users if users is not None else User.objects.none()
        self.fields["user"].label = _("Tài khoản đăng nhập (để giảng viên tự chấm bài)")
        self.fields["user"].required = False
