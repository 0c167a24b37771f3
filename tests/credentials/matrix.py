"""Objects for the project's scope matrix (tests/test_scope_matrix.py): a register, a credential, a bulk
issue job, a stock of diploma blanks and one of its blanks at the commune centre of province Bắc Sơn and at
one of Nam Hà, on the recognised classes that tests/training/matrix.py makes;
`credentials_url_kwargs(w, url_name)` → (inside kwargs, outside kwargs)."""

import datetime as dt

from llct.accounts.permissions import Action
from llct.credentials.choices import CredentialKind
from llct.credentials.models import Blank, BlankStock, CertificateRegister, Credential, IssueJob
from tests.training.matrix import training_world


def _objects(training: dict, tag: str) -> dict:
    klass, enrolment = training["klass"], training["enrolment"]
    register = CertificateRegister.objects.create(
        institution=klass.institution, kind=CredentialKind.CERTIFICATE
    )
    credential = Credential.objects.create(
        register=register,
        year=2025,
        number=1,
        serial=f"{klass.institution.code}/GCN/2025/000001",
        holder_id=enrolment.cadre_id,
        enrolment=enrolment,
        programme_id=klass.programme_id,
        recognition=klass.recognition,
        issued_on=dt.date(2025, 12, 5),
        signed_by="A",
    )
    job = IssueJob.objects.create(training_class=klass)
    stock = BlankStock.objects.create(
        institution=klass.institution,
        prefix="AB",
        first_number=1,
        last_number=1,
        received_on=dt.date(2025, 12, 1),
    )
    blank = Blank.objects.create(
        stock=stock, institution=klass.institution, prefix="AB", number=1, serial="AB 000001"
    )
    return dict(
        klass=klass,
        enrolment=enrolment,
        register=register,
        credential=credential,
        job=job,
        stock=stock,
        blank=blank,
        tag=tag,
    )


def credentials_world(w) -> tuple[dict, dict]:
    """(inside, outside) objects, made once per matrix world."""
    if not hasattr(w, "_credentials"):
        inside, outside = training_world(w)
        w._credentials = (_objects(inside, "BS"), _objects(outside, "NH"))
    return w._credentials


def _kwargs(objects: dict, url_name: str) -> dict:
    credential = {"pk": objects["credential"].pk}
    klass = {"class_pk": objects["klass"].pk}
    return {
        "credentials:register_detail": {"pk": objects["register"].pk},
        "credentials:credential_detail": credential,
        "credentials:credential_pdf": credential,
        "credentials:revoke": credential,
        "credentials:reissue": credential,
        "credentials:certified_copy": credential,
        "credentials:hand_over": credential,
        "credentials:report_loss": credential,
        "credentials:blank_record": credential,
        "credentials:blank_stock_detail": {"pk": objects["stock"].pk},
        "credentials:blank_spoil": {"pk": objects["blank"].pk},
        "credentials:class_detail": klass,
        "credentials:class_pdf": klass,
        "credentials:issue_class": klass,
        "credentials:issue_one": {"enrolment_pk": objects["enrolment"].pk},
        "credentials:job_progress": {"pk": objects["job"].pk},
    }[url_name]


def credentials_url_kwargs(w, url_name: str) -> tuple[dict, dict]:
    inside, outside = credentials_world(w)
    return _kwargs(inside, url_name), _kwargs(outside, url_name)


def verification_kwargs(w) -> tuple[dict, None]:
    """The public verification URLs take the QR token of any document; there is no scope to leave."""
    inside, _ = credentials_world(w)
    return {"key": inside["credential"].token}, None


CREDENTIALS_URLS = (
    "credentials:register_detail",
    "credentials:credential_detail",
    "credentials:credential_pdf",
    "credentials:revoke",
    "credentials:reissue",
    "credentials:certified_copy",
    "credentials:hand_over",
    "credentials:report_loss",
    "credentials:blank_record",
    "credentials:blank_stock_detail",
    "credentials:blank_spoil",
    "credentials:class_detail",
    "credentials:class_pdf",
    "credentials:issue_class",
    "credentials:issue_one",
    "credentials:job_progress",
)
# POST-only: an empty form from an allowed role inside the scope is refused with a message and a redirect
# back to the document, the class or the stock (issue_class starts the job and redirects to its progress
# page; report_loss records the loss today and redirects to the document).
CREDENTIALS_POST_URLS = {
    "credentials:revoke": 302,
    "credentials:reissue": 302,
    "credentials:certified_copy": 302,
    "credentials:hand_over": 302,
    "credentials:report_loss": 302,
    "credentials:blank_record": 302,
    "credentials:blank_spoil": 302,
    "credentials:issue_class": 302,
    "credentials:issue_one": 302,
}
CREDENTIALS_ACTIONS = {name: Action.ISSUE_CREDENTIALS for name in CREDENTIALS_POST_URLS}
PUBLIC_VERIFICATION_URLS = ("credentials_public:verify", "api:verify")
