"""Hand-over, loss, re-issue, revocation and certified copies of issued documents (QĐ 1147)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import Action
from llct.credentials.choices import CredentialStatus, RevocationReason
from llct.credentials.models import CertifiedCopy, Credential
from llct.workflows import Transition, Workflow

from .access import require_issue
from .errors import CredentialError
from .issue import _create
from .numbering import register_for

# The article of QĐ 1147 that sets these rules is not identified in the domain reference
# (REGULATIONS.md §6 cites the decision only), so messages cite the decision and the rule.
QD1147 = "QĐ 1147-QĐ/BTGDVTW"
# QĐ 1147: a certified copy is issued the same day, or the next working day when requested after 15:00.
COPY_CUTOFF = dt.time(15, 0)
# QĐ 1147: a document lost before hand-over is re-issued within 3 working days.
REISSUE_WORKING_DAYS = 3


def next_working_day(day: dt.date) -> dt.date:
    """The first day after `day` that is Monday to Friday (public holidays are not modelled)."""
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def working_days_after(day: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `day` (Monday to Friday)."""
    for _i in range(count):
        day = next_working_day(day)
    return day


def reissue_due_on(credential: Credential) -> dt.date | None:
    """The last day to re-issue a document reported lost before hand-over: 3 working days (QĐ 1147)."""
    if credential.loss_reported_on is None:
        return None
    return working_days_after(credential.loss_reported_on, REISSUE_WORKING_DAYS)


def _locked(credential: Credential) -> Credential:
    credential = (
        Credential.objects.select_for_update(of=("self",))
        .select_related("register__institution")
        .get(pk=credential.pk)
    )
    return credential


def _not_valid_message(credential: Credential) -> str:
    return _("Văn bằng %(serial)s đang ở tình trạng “%(status)s”, không thực hiện được thao tác này.") % {
        "serial": credential.serial,
        "status": credential.get_status_display(),
    }


def _not_valid(credential: Credential) -> CredentialError:
    return CredentialError(_not_valid_message(credential))


# A document's whole life: valid until revoked (QĐ 1147 grounds) or replaced by its re-issue.
CREDENTIAL_FLOW = Workflow(
    CredentialError,
    Transition(
        "revoke",
        (CredentialStatus.VALID,),
        CredentialStatus.REVOKED,
        Action.ISSUE_CREDENTIALS,
        _not_valid_message,
    ),
    Transition(
        "reissue",
        (CredentialStatus.VALID,),
        CredentialStatus.REPLACED,
        Action.ISSUE_CREDENTIALS,
        _not_valid_message,
    ),
)


def _handed_over(credential: Credential) -> CredentialError:
    return CredentialError(
        _(
            "Văn bằng %(serial)s đã trao cho %(to)s ngày %(date)s. Theo %(rule)s, chỉ cấp lại khi văn bằng "
            "bị mất trước khi trao; văn bằng đã trao không được cấp lại (người nhận có thể xin bản sao từ "
            "sổ gốc)."
        )
        % {
            "serial": credential.serial,
            "to": credential.handed_over_to,
            "date": date_format(credential.handed_over_on, "d/m/Y"),
            "rule": QD1147,
        }
    )


def _not_handed_over(credential: Credential, by) -> Credential:
    """The document, locked, once `by` may act on it and it is valid and still at the institution."""
    credential = _locked(credential)
    require_issue(by, credential.register.institution)
    CREDENTIAL_FLOW.check(credential, "reissue")
    if credential.handed_over_on is not None:
        raise _handed_over(credential)
    return credential


def _day_since_issue(credential: Credential, on: dt.date | None, message: str) -> dt.date:
    """`on` (today when not given), refused with `message` unless from the issue date to today."""
    on = on or timezone.localdate()
    if on < credential.issued_on or on > timezone.localdate():
        raise CredentialError(message % {"issued": date_format(credential.issued_on, "d/m/Y")})
    return on


@transaction.atomic
def credential_hand_over(credential: Credential, by, to: str, on: dt.date | None = None) -> Credential:
    """Record that a valid document was handed over (date, to whom). From then on it cannot be re-issued
    (QĐ 1147: re-issue only if lost before hand-over)."""
    if not to.strip():
        raise CredentialError(_("Cần ghi người nhận văn bằng (người được cấp hoặc người được ủy quyền)."))
    credential = _not_handed_over(credential, by)
    on = _day_since_issue(credential, on, _("Ngày trao phải từ ngày cấp (%(issued)s) đến hôm nay."))
    credential.handed_over_on = on
    credential.handed_over_to = to.strip()
    audit(credential, by, "hand-over")
    credential.save(update_fields=["handed_over_on", "handed_over_to"])
    return credential


@transaction.atomic
def credential_loss_report(credential: Credential, by, on: dt.date | None = None) -> Credential:
    """Record that a document not yet handed over was lost; the re-issue is then due within 3 working
    days (QĐ 1147), shown by `reissue_due_on`."""
    credential = _not_handed_over(credential, by)
    on = _day_since_issue(credential, on, _("Ngày báo mất phải từ ngày cấp (%(issued)s) đến hôm nay."))
    credential.loss_reported_on = on
    audit(credential, by, "lost before hand-over")
    credential.save(update_fields=["loss_reported_on"])
    return credential


@transaction.atomic
def credential_revoke(
    credential: Credential, reason: str, authority: str, by, revoked_on: dt.date | None = None
) -> Credential:
    """Revoke a document for one of the grounds of QĐ 1147 (fraud, no authority, alteration, the centre's
    error), naming the authority or document that decided it. Verification then shows it revoked.
    PermissionDenied unless `by` issues credentials and the issuing institution is in their scope."""
    credential = _locked(credential)
    require_issue(by, credential.register.institution)
    CREDENTIAL_FLOW.check(credential, "revoke")
    if reason not in RevocationReason.values:
        raise CredentialError(_("Lý do thu hồi “%(reason)s” không có trong QĐ 1147.") % {"reason": reason})
    if not authority.strip():
        raise CredentialError(_("Cần ghi cơ quan hoặc văn bản quyết định thu hồi."))
    credential.revocation_reason = reason
    credential.revocation_authority = authority.strip()
    credential.revoked_on = revoked_on or timezone.localdate()
    return CREDENTIAL_FLOW.take(credential, "revoke", by, f"revoke: {reason}")


def revoke_on_expulsion(sender, *, enrolment, reason: str, authority: str, on: dt.date, by, **kwargs) -> list:
    """Receiver of training's `learner_expelled`: revoke every valid document issued for the enrolment, on
    the QĐ 1147 ground `reason`, the discipline decision being the authority. Returns their serials."""
    revoked = []
    for credential in Credential.objects.filter(enrolment=enrolment, status=CredentialStatus.VALID):
        credential_revoke(credential, reason, authority, by, revoked_on=on)
        revoked.append(credential.serial)
    return revoked


@transaction.atomic
def credential_reissue(
    credential: Credential, by, reason: str, blank_serial: str | None = None
) -> Credential:
    """Re-issue a document lost before hand-over (QĐ 1147): a new number in this year's register (and a new
    blank for a diploma), the old entry marked replaced and linked to the new one. Refused for a document
    already handed over, or not valid. The loss is recorded today unless it was reported before."""
    credential = _locked(credential)
    require_issue(by, credential.register.institution)
    CREDENTIAL_FLOW.check(credential, "reissue")
    if credential.handed_over_on is not None:
        raise _handed_over(credential)
    if not reason.strip():
        raise CredentialError(_("Cần ghi lý do cấp lại (ví dụ: bị mất trước khi trao)."))
    credential.loss_reported_on = credential.loss_reported_on or timezone.localdate()
    CREDENTIAL_FLOW.take(credential, "reissue", by, f"reissue: {reason}")
    register = register_for(credential.register.institution, credential.register.kind)
    return _create(
        credential.enrolment,
        register,
        by,
        blank_serial,
        timezone.localdate(),
        replaces=credential,
        reason=reason.strip(),
    )


@transaction.atomic
def credential_certified_copy(
    credential: Credential,
    by,
    requested_at: dt.datetime | None = None,
    requested_by: str = "",
    copies: int = 1,
) -> CertifiedCopy:
    """Record a certified copy (bản sao) from the register: issued the day it is requested, or the next
    working day when requested after 15:00 or on a weekend (QĐ 1147). A revoked or replaced document has
    no copies."""
    credential = Credential.objects.select_related("register__institution").get(pk=credential.pk)
    require_issue(by, credential.register.institution)
    if credential.status != CredentialStatus.VALID:
        raise _not_valid(credential)
    if copies < 1:
        raise CredentialError(_("Số bản sao phải từ 1 trở lên."))
    requested_at = timezone.localtime(requested_at or timezone.now())
    day = requested_at.date()
    issued_on = next_working_day(day) if requested_at.time() > COPY_CUTOFF or day.weekday() >= 5 else day
    copy = CertifiedCopy(
        credential=credential,
        requested_at=requested_at,
        requested_by=requested_by.strip(),
        issued_on=issued_on,
        copies=copies,
        issued_by=by,
    )
    audit(copy, by)
    copy.save()
    return copy
