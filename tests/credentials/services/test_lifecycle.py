"""Revocation, re-issue and certified copies (QĐ 1147)."""

import datetime as dt
import zoneinfo

import pytest

from llct.credentials.choices import CredentialStatus
from llct.credentials.models import Credential
from llct.credentials.services import (
    CredentialError,
    credential_certified_copy,
    credential_hand_over,
    credential_issue,
    credential_loss_report,
    credential_reissue,
    credential_revoke,
    next_working_day,
    reissue_due_on,
    working_days_after,
)

HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def credential(programmes, make_class, officer):
    enrolment = make_class(programmes["party_awareness"], 2).enrolments.first()
    return credential_issue(enrolment, officer, issued_on=dt.date(2026, 3, 5))


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


def test_a_copy_requested_after_15h_hanoi_time_is_due_the_next_working_day_whatever_the_zone(
    credential, officer
):
    # 08:30 UTC is 15:30 in Hà Nội: after the cut-off.
    copy = credential_certified_copy(credential, officer, dt.datetime(2026, 3, 4, 8, 30, tzinfo=dt.UTC))
    assert copy.issued_on == dt.date(2026, 3, 5)
    # A handed-over document still has copies issued from the register.
    credential_hand_over(credential, officer, "Trần Thị B", dt.date(2026, 3, 6))
    assert credential_certified_copy(
        credential, officer, dt.datetime(2026, 3, 9, 9, 0, tzinfo=HANOI)
    ).issued_on == (dt.date(2026, 3, 9))


def test_hand_over_is_recorded_with_date_and_recipient(credential, officer):
    handed = credential_hand_over(credential, officer, " Trần Thị B (ủy quyền) ", dt.date(2026, 3, 10))
    assert (handed.handed_over_on, handed.handed_over_to) == (dt.date(2026, 3, 10), "Trần Thị B (ủy quyền)")
    assert handed.history.first().history_user == officer
    with pytest.raises(CredentialError, match="đã trao cho Trần Thị B"):
        credential_hand_over(handed, officer, "Người khác")


@pytest.mark.parametrize(
    "to, on, message",
    [
        ("", None, "Cần ghi người nhận"),
        ("B", dt.date(2020, 1, 1), "Ngày trao phải từ ngày cấp"),
        ("B", dt.date(2999, 1, 1), "Ngày trao phải từ ngày cấp"),
    ],
)
def test_hand_over_needs_a_recipient_and_a_plausible_date(credential, officer, to, on, message):
    with pytest.raises(CredentialError, match=message):
        credential_hand_over(credential, officer, to, on)


def test_reissue_is_refused_after_hand_over_citing_qd_1147(credential, officer):
    """QĐ 1147: re-issue only if the document was lost before hand-over."""
    credential_hand_over(credential, officer, "Trần Thị B", dt.date(2026, 3, 10))
    with pytest.raises(CredentialError) as refused:
        credential_reissue(credential, officer, "Bị mất")
    message = refused.value.message
    assert "đã trao cho Trần Thị B ngày 10/03/2026" in message and "QĐ 1147-QĐ/BTGDVTW" in message
    assert "chỉ cấp lại khi văn bằng bị mất trước khi trao" in message
    with pytest.raises(CredentialError, match="đã trao"):
        credential_loss_report(credential, officer)
    credential.refresh_from_db()
    assert credential.status == CredentialStatus.VALID and Credential.objects.count() == 1


@pytest.mark.parametrize(
    "reported, due",
    [
        (dt.date(2026, 3, 9), dt.date(2026, 3, 12)),  # Monday → Thursday
        (dt.date(2026, 3, 12), dt.date(2026, 3, 17)),  # Thursday → next Tuesday
        (dt.date(2026, 3, 13), dt.date(2026, 3, 18)),  # Friday → next Wednesday
        (dt.date(2026, 3, 14), dt.date(2026, 3, 18)),  # Saturday → next Wednesday
    ],
)
def test_reissue_is_due_3_working_days_after_the_loss_is_reported(credential, officer, reported, due):
    """QĐ 1147: re-issue within 3 working days."""
    reported_credential = credential_loss_report(credential, officer, reported)
    assert reissue_due_on(reported_credential) == due == working_days_after(reported, 3)
    new = credential_reissue(reported_credential, officer, "Bị mất trước khi trao")
    assert new.replaces.loss_reported_on == reported


def test_a_loss_is_reported_between_the_issue_and_today(credential, officer):
    with pytest.raises(CredentialError, match="Ngày báo mất phải từ ngày cấp"):
        credential_loss_report(credential, officer, dt.date(2026, 3, 4))


def test_reissue_without_a_prior_report_records_the_loss_today(credential, officer):
    new = credential_reissue(credential, officer, "Bị mất trước khi trao")
    assert new.replaces.loss_reported_on == new.issued_on
    assert reissue_due_on(credential) is None  # the stale instance; the stored one has the date
    credential.refresh_from_db()
    assert reissue_due_on(credential) == working_days_after(new.issued_on, 3)


def test_next_working_day_skips_weekends():
    assert next_working_day(dt.date(2026, 3, 6)) == dt.date(2026, 3, 9)
    assert next_working_day(dt.date(2026, 3, 2)) == dt.date(2026, 3, 3)
