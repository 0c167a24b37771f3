"""Demo data of credentials: documents for the demo's recognised classes (diplomas on blanks from a
received stock), one of them revoked, one handed over."""

import datetime as dt

from django.utils import timezone

from llct.credentials.choices import CredentialKind, RevocationReason
from llct.credentials.models import BlankStock, Credential
from llct.credentials.services import (
    CredentialError,
    blank_stock_receive,
    credential_hand_over,
    credential_issue,
    credential_revoke,
)
from llct.training.models import TrainingClass

from .accounts import demo_operator


def _blank_stock(institution, received_on: dt.date, by) -> None:
    if not BlankStock.objects.filter(institution=institution).exists():
        blank_stock_receive(
            institution, "AB 000001", "AB 000500", by, received_on, "Biên bản giao nhận phôi (dữ liệu mẫu)"
        )


def credentials_demo_load(by=None, leave_pending: int = 1, classes=None) -> dict[str, int]:
    """Issue the documents of every recognised class (of `classes`, default all) whose programme leads
    to one, except for the last `leave_pending` learners of the latest class (so the overdue list has
    something to show), then revoke one document and hand one over unless some already are. Each is
    issued five days after its class's recognition decision; diplomas take the institution's blanks in
    order. Safe to run twice."""
    by = by or demo_operator()
    classes = TrainingClass.objects.all() if classes is None else classes
    classes = list(
        classes.filter(recognition__isnull=False, programme__output__in=CredentialKind.values)
        .select_related("recognition", "programme", "institution")
        .order_by("recognition__signed_on", "pk")
    )
    issued = 0
    for klass in classes:
        recognition = klass.recognition
        issued_on = recognition.signed_on + dt.timedelta(days=5)
        if klass.programme.output == CredentialKind.DIPLOMA:
            _blank_stock(klass.institution, recognition.signed_on, by)
        learners = list(recognition.enrolments.order_by("cadre__name_sort_key", "pk"))
        if klass is classes[-1] and leave_pending:
            learners = learners[:-leave_pending]
        for enrolment in learners:
            try:
                credential_issue(enrolment, by, issued_on=issued_on)
                issued += 1
            except CredentialError:
                continue  # already issued by an earlier run, or the learner holds one from another class
    revoked = handed = 0
    valid = Credential.objects.filter(status="hieu_luc").order_by("pk")
    first = valid.first()
    if first is not None and not Credential.objects.filter(status="thu_hoi").exists():
        credential_revoke(
            first, RevocationReason.CENTRE_ERROR, "Quyết định thu hồi số 01/QĐ-TTCT (dữ liệu mẫu)", by
        )
        revoked = 1
    second = valid.filter(handed_over_on__isnull=True, issued_on__lte=timezone.localdate()).first()
    if second is not None and not Credential.objects.filter(handed_over_on__isnull=False).exists():
        credential_hand_over(second, by, second.holder.full_name, second.issued_on)
        handed = 1
    return {"issued": issued, "revoked": revoked, "handed_over": handed}
