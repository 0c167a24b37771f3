"""Discipline of learners (QĐ 1147-QĐ/BTGDVTW): reprimand, warning, or expulsion, which cancels the
learner's results. Every decision is recorded (`DisciplineRecord`: who, when, the decision's number and
date). An expulsion after the recognition decision takes the learner off it — recorded, never silent —
and revokes the certificate or diploma already issued: training announces the expulsion
(`llct.training.signals.learner_expelled`) and credentials, which receives it, revokes."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.credentials.choices import RevocationReason
from llct.errors import AppError
from llct.registry.scope import in_scope
from llct.training.choices import Discipline, EnrolmentStatus
from llct.training.models import DisciplineRecord, Enrolment, RecognitionDecision
from llct.training.services.errors import TrainingRuleError, dmy
from llct.training.signals import learner_expelled

from .rules import QD1147


def _cancel_results(enrolment: Enrolment, record: DisciplineRecord, revocation_reason: str, by) -> None:
    enrolment.status = EnrolmentStatus.EXPELLED
    enrolment.completed = False
    enrolment.final_mark = None
    enrolment.band = ""
    enrolment.rewarded = False
    decision = RecognitionDecision.objects.filter(enrolments=enrolment).first()
    if decision is not None:
        decision.enrolments.remove(enrolment)
        record.recognition = decision
    authority = _("Quyết định kỷ luật số %(d)s ngày %(on)s (buộc thôi học)") % {
        "d": record.document,
        "on": dmy(record.decided_on),
    }
    try:
        answers = learner_expelled.send(
            Enrolment,
            enrolment=enrolment,
            reason=revocation_reason,
            authority=authority,
            on=record.decided_on,
            by=by,
        )
    except AppError as refused:
        raise TrainingRuleError(refused.message, field="revocation_reason") from None
    for _receiver, serials in answers:
        record.revoked_serials.extend(serials)


@transaction.atomic
def enrolment_discipline(
    enrolment: Enrolment,
    kind: str,
    *,
    reason: str,
    document: str = "",
    on: dt.date | None = None,
    revocation_reason: str = RevocationReason.FRAUD,
    by,
) -> Enrolment:
    """Discipline a learner: reprimand, warning, or expulsion, which cancels their results (QĐ 1147).

    Expulsion needs the number of the decision. If the class already has its recognition decision, the
    learner is taken off it (the record names the decision) and every valid document issued to them for
    the class is revoked on `revocation_reason` (a QĐ 1147 ground; fraud by default), the discipline
    decision being the authority. Expelling again changes nothing."""
    klass = enrolment.training_class
    if not can(by, Action.APPROVE) or not in_scope(by, klass.institution):
        raise PermissionDenied
    enrolment = Enrolment.objects.select_for_update().select_related("cadre").get(pk=enrolment.pk)
    if kind not in Discipline.values or kind == Discipline.NONE:
        raise TrainingRuleError(_("Chọn hình thức kỷ luật."), field="kind")
    if not reason.strip():
        raise TrainingRuleError(_("Ghi lý do kỷ luật."), code="reason_required", field="reason")
    if enrolment.status == EnrolmentStatus.EXPELLED:
        return enrolment
    if kind == Discipline.EXPULSION and not document.strip():
        raise TrainingRuleError(
            _("Ghi số quyết định buộc thôi học."), citation=QD1147, code="document_required", field="document"
        )
    if kind == Discipline.EXPULSION and revocation_reason not in RevocationReason.values:
        raise TrainingRuleError(_("Chọn lý do thu hồi theo QĐ 1147."), field="revocation_reason")
    record = DisciplineRecord(
        enrolment=enrolment,
        kind=kind,
        reason=reason.strip(),
        document=document.strip(),
        decided_on=on or timezone.localdate(),
        recorded_by=by,
    )
    enrolment.discipline = kind
    enrolment.discipline_reason = reason.strip()
    if kind == Discipline.EXPULSION:
        _cancel_results(enrolment, record, revocation_reason, by)
    audit(record, by).save()
    audit(enrolment, by, reason).save()
    return enrolment
