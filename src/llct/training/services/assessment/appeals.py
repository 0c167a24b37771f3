"""Appeals (phúc tra) of an essay mark, as QĐ 1147-QĐ/BTGDVTW sets them: lodged within 2 days of
publication; re-marked once by a lecturer who was neither first marker; the mark changes only when the
difference is ≥ 0.5 and < 2; a difference ≥ 2 goes to the director of the institution, who sets the final
mark with minutes (biên bản). Each step is taken once: a decided appeal is not re-marked or re-decided."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.models import Role
from llct.accounts.permissions import Action, can
from llct.training.choices import AppealOutcome
from llct.training.models import Appeal, Essay, Lecturer
from llct.training.services.errors import TrainingRuleError, dmy

from . import rules
from .essays import effective_publication, fresh, require

QD = rules.QD1147


def essay_effective_mark(essay: Essay) -> Decimal | None:
    """The essay's mark after any appeal; None while an appeal waits for the director."""
    appeal = getattr(essay, "appeal", None)
    if appeal is None:
        return essay.mark
    if appeal.outcome == AppealOutcome.DIRECTOR:
        return appeal.director_mark
    if appeal.outcome == AppealOutcome.CHANGED:
        return appeal.remark
    return essay.mark


@transaction.atomic
def appeal_lodge(essay: Essay, *, lodged_on: dt.date, by) -> Appeal:
    """Ask for a re-mark (phúc tra) within 2 days of publication (QĐ 1147)."""
    essay = fresh(essay)
    require(by, essay.enrolment.training_class, Action.RUN_TRAINING)
    existing = Appeal.objects.filter(essay=essay).first()
    if existing is not None:
        return existing
    published = effective_publication(essay)
    if essay.mark is None or published is None:
        raise TrainingRuleError(_("Điểm chưa công bố; chưa phúc tra được."), citation=QD)
    if lodged_on > rules.appeal_due(published):
        raise TrainingRuleError(
            _("Hết hạn phúc tra: phải đề nghị trong 2 ngày kể từ ngày công bố, chậm nhất ngày %(d)s.")
            % {"d": dmy(rules.appeal_due(published))},
            citation=QD,
            code="appeal_late",
        )
    appeal = Appeal(essay=essay, lodged_on=lodged_on)
    audit(appeal, by).save()
    return appeal


@transaction.atomic
def appeal_remark(appeal: Appeal, *, marker: Lecturer, remark: Decimal, on: dt.date, by) -> Appeal:
    """The re-mark by a lecturer of the institution who was neither first marker; the rule of QĐ 1147
    decides the outcome. Taken once: the same re-mark again returns the appeal, another one is refused."""
    appeal = (
        Appeal.objects.select_for_update()
        .select_related("essay__enrolment__training_class")
        .get(pk=appeal.pk)
    )
    essay = appeal.essay
    klass = essay.enrolment.training_class
    require(by, klass)
    remark = Decimal(remark)
    if appeal.outcome != AppealOutcome.PENDING:
        if appeal.marker_id == marker.pk and appeal.remark == remark:
            return appeal
        raise TrainingRuleError(
            _("Bài đã được phúc tra (%(o)s); kết quả phúc tra không chấm lại.")
            % {"o": appeal.get_outcome_display()},
            citation=QD,
            code="already_remarked",
        )
    if marker.institution_id != klass.institution_id:
        raise TrainingRuleError(_("Người phúc tra phải là giảng viên của cơ sở đào tạo."), field="marker")
    if not can(by, Action.RUN_TRAINING) and marker.user_id != by.pk:
        raise TrainingRuleError(_("Bạn chỉ ghi được điểm phúc tra do chính mình chấm."), code="not_marker")
    if marker.pk in (essay.first_marker_id, essay.second_marker_id):
        raise TrainingRuleError(
            _("Người phúc tra không được là người đã chấm bài."),
            citation=QD,
            code="marker_not_independent",
            field="marker",
        )
    if not Decimal(0) <= remark <= Decimal(10):
        raise TrainingRuleError(_("Điểm phải từ 0 đến 10."), code="range", field="mark")
    appeal.marker = marker
    appeal.remark = remark
    appeal.outcome, _mark = rules.appeal_outcome(essay.mark, remark)
    appeal.resolved_on = on if appeal.outcome != AppealOutcome.DIRECTOR else None
    audit(appeal, by).save()
    return appeal


@transaction.atomic
def appeal_director_decide(appeal: Appeal, *, mark: Decimal, minutes: str, on: dt.date, by) -> Appeal:
    """The final mark set by the director of the institution, with the number of the minutes (biên bản),
    when the re-mark differs by 2 or more (QĐ 1147). Only a user with the director role attached to that
    institution decides; once decided, the mark stands."""
    appeal = (
        Appeal.objects.select_for_update()
        .select_related("essay__enrolment__training_class__institution")
        .get(pk=appeal.pk)
    )
    klass = appeal.essay.enrolment.training_class
    require(by, klass, Action.APPROVE)
    if by.role != Role.DIRECTOR or by.unit_id != klass.institution_id:
        raise TrainingRuleError(
            _("Chỉ Giám đốc %(i)s quyết định điểm cuối cùng khi điểm phúc tra lệch từ 2 điểm trở lên.")
            % {"i": klass.institution.name},
            citation=QD,
            code="not_director",
        )
    if appeal.outcome != AppealOutcome.DIRECTOR:
        raise TrainingRuleError(
            _("Chỉ khi điểm phúc tra lệch từ 2 điểm trở lên Giám đốc mới quyết định."), citation=QD
        )
    mark = Decimal(mark)
    if appeal.director_mark is not None:
        if appeal.director_mark == mark and appeal.minutes == minutes.strip():
            return appeal
        raise TrainingRuleError(
            _("Giám đốc đã quyết định điểm %(m)s theo biên bản số %(b)s; điểm này không sửa.")
            % {"m": appeal.director_mark, "b": appeal.minutes},
            citation=QD,
            code="already_decided",
        )
    if not minutes.strip():
        raise TrainingRuleError(
            _("Ghi số biên bản quyết định điểm."), citation=QD, code="minutes_required", field="minutes"
        )
    if not Decimal(0) <= mark <= Decimal(10):
        raise TrainingRuleError(_("Điểm phải từ 0 đến 10."), code="range", field="mark")
    appeal.director_mark = mark
    appeal.minutes = minutes.strip()
    appeal.decided_by = by
    appeal.resolved_on = on
    audit(appeal, by).save()
    return appeal
