"""Revocation, re-issue and certified copies (QĐ 1147)."""

import datetime as dt
import zoneinfo

import pytest

from llct.credentials.choices import CredentialStatus
from llct.credentials.models import Credential
from llct.credentials.services import (
    CredentialError,
    credential_certified_copy,
    credential_issue,
    credential_reissue,
    credential_revoke,
    next_working_day,
)

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def credential(programmes, make_class, officer):
    return credential_issue(make_class(programmes["party_awareness"], 2).enrolments.first(), officer)


def test_revoke_records_reason_and_authority(credential, officer):
    revoked = credential_revoke(credential, "tay_xoa", "Quyết định 12/QĐ-TTCT", officer, dt.date(2026, 4, 1))
    assert (revoked.status, revoked.revocation_reason, revoked.revoked_on) == (
        CredentialStatus.REVOKED,
        "tay_xoa",
        dt.date(2026, 4, 1),
    )
    assert revoked.history.first().history_user == officer
    with pytest.raises(CredentialError, match="Đã thu hồi"):
        credential_revoke(revoked, "tay_xoa", "x", officer)


@pytest.mark.parametrize(
    "reason, authority, message",
    [("khac", "QĐ 1", "không có trong QĐ 1147"), ("gian_lan", " ", "Cần ghi cơ quan")],
)
def test_revoke_needs_a_listed_reason_and_an_authority(credential, officer, reason, authority, message):
    with pytest.raises(CredentialError, match=message):
        credential_revoke(credential, reason, authority, officer)
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.VALID


def test_reissue_takes_a_new_number_and_marks_the_old_one_replaced(
    credential, officer, programmes, make_class
):
    new = credential_reissue(credential, officer, "Bị mất trước khi trao")
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.REPLACED
    assert new.replaces == credential and credential.replaced_by == new
    assert new.number == credential.number + 1 and new.serial != credential.serial
    assert new.holder == credential.holder and new.is_valid
    # Still only one live document: issuing again is refused; the replaced one cannot be re-issued again.
    with pytest.raises(CredentialError):
        credential_issue(credential.enrolment, officer)
    with pytest.raises(CredentialError):
        credential_reissue(credential, officer, "lần nữa")
    assert Credential.objects.exclude(status=CredentialStatus.REPLACED).count() == 1


def test_revoked_document_is_not_reissued_nor_copied(credential, officer):
    credential_revoke(credential, "gian_lan", "QĐ 3/QĐ-TTCT", officer)
    with pytest.raises(CredentialError):
        credential_reissue(credential, officer, "mất")
    with pytest.raises(CredentialError):
        credential_certified_copy(credential, officer)


@pytest.mark.parametrize(
    "requested, issued",
    [
        (dt.datetime(2026, 3, 4, 9, 30), dt.date(2026, 3, 4)),  # Wednesday morning: same day
        (dt.datetime(2026, 3, 4, 15, 0), dt.date(2026, 3, 4)),  # at 15:00 exactly: still the same day
        (dt.datetime(2026, 3, 4, 15, 1), dt.date(2026, 3, 5)),  # after 15:00: next working day
        (dt.datetime(2026, 3, 6, 16, 0), dt.date(2026, 3, 9)),  # Friday afternoon: Monday
        (dt.datetime(2026, 3, 7, 10, 0), dt.date(2026, 3, 9)),  # Saturday: Monday
    ],
)
def test_certified_copy_same_day_or_next_working_day_after_15h(credential, officer, requested, issued):
    copy = credential_certified_copy(credential, officer, requested.replace(tzinfo=HANOI), "Trần Thị B", 2)
    assert (copy.issued_on, copy.copies, copy.requested_by) == (issued, 2, "Trần Thị B")
    assert copy.history.get().history_user == officer


def test_next_working_day_skips_weekends():
    assert next_working_day(dt.date(2026, 3, 6)) == dt.date(2026, 3, 9)
    assert next_working_day(dt.date(2026, 3, 2)) == dt.date(2026, 3, 3)
