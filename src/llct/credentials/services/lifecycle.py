"""Revocation, re-issue and certified copies of issued documents (QĐ 1147)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.credentials.choices import CredentialStatus, RevocationReason
from llct.credentials.models import CertifiedCopy, Credential

from .issue import CredentialError, _create
from .numbering import register_for

# QĐ 1147: a certified copy is issued the same day, or the next working day when requested after 15:00.
COPY_CUTOFF = dt.time(15, 0)


def next_working_day(day: dt.date) -> dt.date:
    """The first day after `day` that is Monday to Friday (public holidays are not modelled)."""
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _locked(credential: Credential) -> Credential:
    return Credential.objects.select_for_update().get(pk=credential.pk)


def _not_valid(credential: Credential) -> CredentialError:
    return CredentialError(
        _("Văn bằng %(serial)s đang ở tình trạng “%(status)s”, không thực hiện được thao tác này.")
        % {"serial": credential.serial, "status": credential.get_status_display()}
    )


@transaction.atomic
def credential_revoke(
    credential: Credential, reason: str, authority: str, by, revoked_on: dt.date | None = None
) -> Credential:
    """Revoke a document for one of the grounds of QĐ 1147 (fraud, no authority, alteration, the centre's
    error), naming the authority or document that decided it. Verification then shows it revoked."""
    credential = _locked(credential)
    if credential.status != CredentialStatus.VALID:
        raise _not_valid(credential)
    if reason not in RevocationReason.values:
        raise CredentialError(_("Lý do thu hồi “%(reason)s” không có trong QĐ 1147.") % {"reason": reason})
    if not authority.strip():
        raise CredentialError(_("Cần ghi cơ quan hoặc văn bản quyết định thu hồi."))
    credential.status = CredentialStatus.REVOKED
    credential.revocation_reason = reason
    credential.revocation_authority = authority.strip()
    credential.revoked_on = revoked_on or timezone.localdate()
    credential._history_user = by
    credential._change_reason = f"revoke: {reason}"
    credential.save()
    return credential


@transaction.atomic
def credential_reissue(
    credential: Credential, by, reason: str, blank_serial: str | None = None
) -> Credential:
    """Re-issue a document lost before hand-over (QĐ 1147): a new number in this year's register, the old
    entry marked replaced and linked to the new one. Only a valid document can be re-issued."""
    credential = _locked(credential)
    if credential.status != CredentialStatus.VALID:
        raise _not_valid(credential)
    if not reason.strip():
        raise CredentialError(_("Cần ghi lý do cấp lại (ví dụ: bị mất trước khi trao)."))
    credential.status = CredentialStatus.REPLACED
    credential._history_user = by
    credential._change_reason = f"reissue: {reason}"
    credential.save()
    blank_serial = (blank_serial or "").strip()
    register = register_for(credential.register.institution, credential.register.kind)
    if blank_serial and Credential.objects.filter(register=register, blank_serial=blank_serial).exists():
        raise CredentialError(
            _("Phôi số %(blank)s đã được dùng; mỗi phôi chỉ dùng một lần.") % {"blank": blank_serial}
        )
    enrolment = credential.enrolment
    return _create(
        enrolment,
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
    working day when requested after 15:00 (QĐ 1147). A revoked or replaced document has no copies."""
    credential = Credential.objects.get(pk=credential.pk)
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
    copy._history_user = by
    copy.save()
    return copy
