"""Demo data of credentials: documents for the demo's recognised classes, one of them revoked."""

import datetime as dt

from llct.credentials.choices import CredentialKind, RevocationReason
from llct.credentials.models import Credential
from llct.credentials.services import CredentialError, credential_issue, credential_revoke
from llct.training.models import TrainingClass


def credentials_demo_load(by=None, leave_pending: int = 1) -> dict[str, int]:
    """Issue the documents of every recognised class whose programme leads to one, except for the last
    `leave_pending` learners of the latest class (so the overdue list has something to show), then revoke
    one document. Each is issued five days after its class's recognition decision. Safe to run twice."""
    classes = list(
        TrainingClass.objects.filter(recognition__isnull=False, programme__output__in=CredentialKind.values)
        .select_related("recognition", "programme")
        .order_by("recognition__signed_on", "pk")
    )
    issued = 0
    for klass in classes:
        recognition = klass.recognition
        issued_on = recognition.signed_on + dt.timedelta(days=5)
        blanks = klass.programme.output == CredentialKind.DIPLOMA
        learners = list(recognition.enrolments.order_by("cadre__name_sort_key", "pk"))
        if klass is classes[-1] and leave_pending:
            learners = learners[:-leave_pending]
        for index, enrolment in enumerate(learners, start=1):
            blank = f"{klass.code}-P{index:04d}" if blanks else None
            try:
                credential_issue(enrolment, by, blank_serial=blank, issued_on=issued_on)
                issued += 1
            except CredentialError:
                continue  # already issued by an earlier run, or the learner holds one from another class
    revoked = 0
    first = Credential.objects.filter(status="hieu_luc").order_by("pk").first()
    if first is not None and not Credential.objects.filter(status="thu_hoi").exists():
        credential_revoke(
            first, RevocationReason.CENTRE_ERROR, "Quyết định thu hồi số 01/QĐ-TTCT (dữ liệu mẫu)", by
        )
        revoked = 1
    return {"issued": issued, "revoked": revoked}
