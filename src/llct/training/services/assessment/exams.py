"""Marks of LLCT-level programmes: module exams and a final exam or thesis on the 10-point scale.

The course mark is configured per programme (`Programme.final_weight`); the pass mark and bands are the
programme's, by default those of QĐ 1147 as a visible assumption (`Programme.bands_assumed`).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.registry.scope import in_scope
from llct.training.choices import AssessmentScheme, ClassStatus, EnrolmentStatus, MarkKind
from llct.training.models import Enrolment, Mark, Module, TrainingClass
from llct.training.services.attendance import attendance_summary
from llct.training.services.errors import TrainingRuleError


@transaction.atomic
def mark_enter(
    enrolment: Enrolment,
    *,
    kind: str,
    value: Decimal,
    module: Module | None = None,
    attempt: int = 1,
    examined_on: dt.date | None = None,
    by,
) -> Mark:
    """Enter (or correct) one exam mark. Module exams need a module of the class's programme; the final
    exam or thesis needs the attendance condition of the programme."""
    klass = TrainingClass.objects.select_related("programme", "institution").get(
        pk=enrolment.training_class_id
    )
    if not can(by, Action.ENTER_MARKS) or not in_scope(by, klass.institution):
        raise PermissionDenied
    programme = klass.programme
    if programme.assessment_scheme != AssessmentScheme.EXAMS:
        raise TrainingRuleError(_("Chương trình của lớp này đánh giá bằng bài thu hoạch (QĐ 1147)."))
    if klass.status not in (ClassStatus.IN_PROGRESS, ClassStatus.ASSESSED):
        raise TrainingRuleError(_("Lớp chưa học hoặc đã có quyết định công nhận."))
    if enrolment.status in (EnrolmentStatus.EXPELLED, EnrolmentStatus.WITHDRAWN):
        raise TrainingRuleError(_("Học viên không còn trong lớp."))
    value = Decimal(value)
    if not Decimal(0) <= value <= Decimal(10):
        raise TrainingRuleError(_("Điểm phải từ 0 đến 10."), code="range", field="value")
    if kind not in MarkKind.values:
        raise TrainingRuleError(_("Chọn thi hết học phần, thi cuối khóa hoặc khóa luận."), field="kind")
    if attempt not in (1, 2):
        raise TrainingRuleError(_("Lần thi là 1 hoặc 2 (thi lại)."), field="attempt")
    if kind == MarkKind.MODULE_EXAM:
        if module is None or module.programme_id != programme.pk or not module.has_exam:
            raise TrainingRuleError(_("Chọn một học phần có thi của chương trình."), field="module")
    else:
        module = None
        summary = attendance_summary(
            enrolment, as_of=examined_on or timezone.localdate(), threshold=programme.min_attendance_percent
        )
        if not summary.may_sit(programme.min_attendance_percent):
            raise TrainingRuleError(
                _("%(n)s không đủ điều kiện thi cuối khóa: %(why)s")
                % {"n": enrolment.cadre.full_name, "why": " ".join(summary.reasons)},
                code="attendance",
            )
    other = Mark.objects.filter(enrolment=enrolment, module=None, attempt=attempt).exclude(kind=kind).first()
    if kind != MarkKind.MODULE_EXAM and other is not None:
        raise TrainingRuleError(
            _("%(n)s đã có điểm %(o)s lần %(a)s; mỗi lần chỉ có một điểm thi cuối khóa hoặc khóa luận.")
            % {"n": enrolment.cadre.full_name, "o": other.get_kind_display().lower(), "a": attempt},
            field="kind",
        )
    mark = Mark.objects.filter(enrolment=enrolment, kind=kind, module=module, attempt=attempt).first()
    mark = mark or Mark(enrolment=enrolment, kind=kind, module=module, attempt=attempt)
    mark.value = value
    mark.examined_on = examined_on
    mark.entered_by = by
    audit(mark, by).save()
    return mark


def latest_marks(enrolment: Enrolment) -> tuple[dict[int, Decimal], Decimal | None]:
    """The latest attempt of each module exam, and of the final exam or thesis."""
    modules: dict[int, Decimal] = {}
    final: Decimal | None = None
    for mark in sorted(enrolment.marks.all(), key=lambda m: m.attempt):
        if mark.kind == MarkKind.MODULE_EXAM:
            modules[mark.module_id] = mark.value
        else:
            final = mark.value
    return modules, final
