"""Forms of attendance, essays and appeals, exams, discipline and the recognition decision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from llct.credentials.choices import RevocationReason
from llct.training.choices import AttendanceStatus, Discipline, MarkKind
from llct.training.models import Lecturer
from llct.training.services.attendance import REASON_MAX
from llct.web.forms import DateField

from .fields import MarkField


class AttendanceRowForm(forms.Form):
    """One learner's row of a session's attendance sheet (fields named `status-<id>`, `reason-<id>`,
    `confirmed-<id>`)."""

    status = forms.ChoiceField(choices=AttendanceStatus.choices, label=_("Điểm danh"))
    reason = forms.CharField(
        required=False,
        max_length=REASON_MAX,
        label=_("Lý do vắng"),
        error_messages={"max_length": _("Lý do vắng tối đa %(limit_value)d ký tự (đang có %(show_value)d).")},
    )
    confirmed = forms.BooleanField(required=False, label=_("Đơn vị cử đã xác nhận"))

    def __init__(self, *args, enrolment=None, **kwargs):
        super().__init__(*args, prefix=None, **kwargs)
        self.enrolment = enrolment

    def add_prefix(self, field_name: str) -> str:
        return f"{field_name}-{self.enrolment.pk}"


class DayForm(forms.Form):
    """A step of the class that happened on one day (hand-in or publication of the marks)."""

    on = DateField(label=_("Ngày"))

    def __init__(self, *args, step: str = "", **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, auto_id=f"{step}_%s", **kwargs)


class ReceiveForm(forms.Form):
    submitted_on = DateField(label=_("Ngày học viên nộp bài thu hoạch"))
    essays_received_on = DateField(label=_("Ngày giảng viên chấm nhận bài"))

    def __init__(self, *args, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {"submitted_on": today, "essays_received_on": today})
        super().__init__(*args, auto_id="receive_%s", **kwargs)


class EssayMarkForm(forms.Form):
    first_marker = forms.ModelChoiceField(Lecturer.objects.none(), label=_("Người chấm 1"))
    first_mark = MarkField(label=_("Điểm người chấm 1"))
    second_marker = forms.ModelChoiceField(Lecturer.objects.none(), label=_("Người chấm 2"))
    second_mark = MarkField(label=_("Điểm người chấm 2"))

    def __init__(self, *args, lecturers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_marker"].queryset = lecturers
        self.fields["second_marker"].queryset = lecturers

    def clean(self):
        data = super().clean()
        first, second = data.get("first_marker"), data.get("second_marker")
        if first and second and first == second:
            self.add_error("second_marker", _("Hai người chấm phải là hai giảng viên khác nhau (QĐ 1147)."))
        return data


class RewriteForm(forms.Form):
    submitted_on = DateField(label=_("Ngày nộp bài viết lại"))


class RemarkForm(forms.Form):
    marker = forms.ModelChoiceField(Lecturer.objects.none(), label=_("Giảng viên phúc tra"))
    mark = MarkField(label=_("Điểm phúc tra"))

    def __init__(self, *args, lecturers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["marker"].queryset = lecturers


class DirectorForm(forms.Form):
    mark = MarkField(label=_("Điểm cuối cùng do Giám đốc quyết định"))
    minutes = forms.CharField(label=_("Số biên bản"), max_length=255)


class DisciplineForm(forms.Form):
    """A discipline decision; the revocation ground (fraud when not given) is used only when an expelled
    learner already holds the class's certificate or diploma."""

    kind = forms.ChoiceField(choices=[c for c in Discipline.choices if c[0]], label=_("Hình thức kỷ luật"))
    reason = forms.CharField(label=_("Lý do kỷ luật"), max_length=2000)
    document = forms.CharField(label=_("Số quyết định kỷ luật"), max_length=60, required=False)
    decided_on = DateField(label=_("Ngày quyết định"), required=False)
    revocation_reason = forms.ChoiceField(
        choices=RevocationReason.choices,
        required=False,
        initial=RevocationReason.FRAUD,
        label=_("Lý do thu hồi văn bằng, chứng chỉ đã cấp (khi buộc thôi học)"),
    )


class RecognitionForm(forms.Form):
    number = forms.CharField(max_length=60, label=_("Số quyết định"))
    signed_on = DateField(label=_("Ngày ký"))
    signed_by = forms.CharField(max_length=150, label=_("Người ký"))
    signer_title = forms.CharField(max_length=150, required=False, label=_("Chức vụ người ký"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="recognition_%s", **kwargs)


FINAL_KINDS = [
    (MarkKind.FINAL_EXAM.value, MarkKind.FINAL_EXAM.label),
    (MarkKind.THESIS.value, MarkKind.THESIS.label),
]


class ExamSheetForm(forms.Form):
    """The marks of an LLCT-level class on one sheet: for each learner a mark per module with an exam
    (`mark-<learner>-<module>`), the final exam or thesis (`final-<learner>`, kind `final_kind-<learner>`);
    the day and attempt for the whole sheet. Blank cells are left as they are."""

    examined_on = DateField(label=_("Ngày thi"))
    attempt = forms.TypedChoiceField(
        choices=[(1, _("Lần 1")), (2, _("Lần 2 (thi lại)"))], coerce=int, initial=1, label=_("Lần thi")
    )

    def __init__(self, *args, enrolments=(), modules=(), marks=None, **kwargs):
        kwargs.setdefault("initial", {"examined_on": timezone.localdate(), "attempt": 1})
        super().__init__(*args, auto_id="%s", **kwargs)
        self.cells: list[tuple] = []
        marks = marks or {}
        for e in enrolments:
            row = []
            for m in modules:
                name = f"mark-{e.pk}-{m.pk}"
                self.fields[name] = MarkField(required=False, label=f"{e.cadre.full_name} — {m.name}")
                self.fields[name].initial = marks.get((e.pk, MarkKind.MODULE_EXAM, m.pk))
                row.append((m, name))
            final = f"final-{e.pk}"
            self.fields[final] = MarkField(required=False, label=f"{e.cadre.full_name} — {_('cuối khóa')}")
            kind = f"final_kind-{e.pk}"
            self.fields[kind] = forms.ChoiceField(choices=FINAL_KINDS, required=False, label=_("Hình thức"))
            given = [(k, v) for (pk, k, _m), v in marks.items() if pk == e.pk and k != MarkKind.MODULE_EXAM]
            if given:
                self.fields[kind].initial, self.fields[final].initial = given[0]
            self.cells.append((e, row, final, kind))

    def entries(self) -> list[tuple]:
        """(learner, kind, module, value, field name) for every filled cell."""
        out = []
        for e, row, final, kind in self.cells:
            for module, name in row:
                if self.cleaned_data.get(name) is not None:
                    out.append((e, MarkKind.MODULE_EXAM, module, self.cleaned_data[name], name))
            if self.cleaned_data.get(final) is not None:
                chosen = self.cleaned_data.get(kind) or MarkKind.FINAL_EXAM
                out.append((e, chosen, None, self.cleaned_data[final], final))
        return out

    def bound_cells(self):
        """Bound fields for the template: (learner, [(module, bound field)], final, kind)."""
        return [
            (e, [(m, self[name]) for m, name in row], self[final], self[kind])
            for e, row, final, kind in self.cells
        ]
