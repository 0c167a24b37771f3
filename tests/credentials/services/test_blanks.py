"""Pre-printed diploma blanks (QĐ 208; HD 11: the centre prints and keeps the blanks, each used once):
stock received as a range, bulk issue taking the next unused ones in order, a blank recorded on a diploma
already issued, spoiled blanks, and the database constraints behind "used once"."""

import pytest
from django.db import IntegrityError, transaction

from llct.credentials.choices import BlankStatus
from llct.credentials.models import Blank, BlankStock
from llct.credentials.services import (
    CredentialError,
    blank_spoil,
    blank_stock_receive,
    credential_blank_record,
    credential_issue,
    credential_issue_class,
    credential_reissue,
)


@pytest.fixture
def stock(tree, officer):
    return blank_stock_receive(tree["centre"], "AB 000101", "ab000105", officer, document="BB 3/2026")


def _bulk(klass, officer, capture):
    with capture(execute=True):
        job = credential_issue_class(klass, officer)
    job.refresh_from_db()
    return job


def test_a_received_range_is_one_unused_blank_per_serial(stock, officer):
    assert str(stock) == "AB 000101–AB 000105"
    assert list(stock.blanks.values_list("serial", "status")) == [
        (f"AB 00010{i}", BlankStatus.AVAILABLE) for i in range(1, 6)
    ]
    assert stock.history.get().history_user == officer
    assert Blank.history.filter(history_user=officer).count() == 5


@pytest.mark.parametrize(
    "first, last, message",
    [
        ("AB 000103", "AB 000110", "Phôi số AB 000103 đã có trong lô AB 000101–AB 000105"),
        ("AB 000200", "CD 000300", "cùng ký hiệu"),
        ("AB 000200", "AB 000100", "lớn hơn hoặc bằng số đầu"),
        ("AB 1", "AB 20001", "tối đa 10,000 phôi"),
        ("số 5", "AB 9", "không phải số hiệu phôi"),
    ],
)
def test_receiving_refuses_overlaps_and_bad_ranges(stock, officer, tree, first, last, message):
    with pytest.raises(CredentialError, match=message):
        blank_stock_receive(tree["centre"], first, last, officer)
    assert BlankStock.objects.count() == 1 and Blank.objects.count() == 5


def test_bulk_issue_takes_the_next_unused_blanks_in_order_and_counts_those_without(
    stock, programmes, make_class, officer, tree, django_capture_on_commit_callbacks
):
    first = credential_issue(make_class(programmes["so_cap"], 1).enrolments.get(), officer, "AB 000102")
    klass = make_class(programmes["so_cap"], 5)
    job = _bulk(klass, officer, django_capture_on_commit_callbacks)
    assert (job.status, job.issued, job.without_blank) == ("xong", 5, 1)
    printed = list(
        Blank.objects.filter(credential__enrolment__training_class=klass)
        .order_by("credential__number")
        .values_list("credential__number", "serial")
    )
    assert printed == [(2, "AB 000101"), (3, "AB 000103"), (4, "AB 000104"), (5, "AB 000105")]
    assert first.blank.serial == "AB 000102"
    assert Blank.objects.filter(status=BlankStatus.AVAILABLE).count() == 0
    assert {b.history.first().history_user for b in Blank.objects.all()} == {officer}
    # The page of the job says how many diplomas wait for a blank.
    page = _job_page(job)
    assert "1 văn bằng chưa có phôi" in page


def _job_page(job):
    from django.template.loader import render_to_string

    return render_to_string("credentials/_job.html", {"job": job})


def test_a_blank_is_recorded_on_a_diploma_issued_without_one(programmes, make_class, officer, tree):
    diploma = credential_issue(make_class(programmes["so_cap"], 1).enrolments.get(), officer)
    assert not Blank.objects.filter(credential=diploma).exists()  # no stock yet: issued without a blank
    blank_stock_receive(tree["centre"], "AB 000101", "AB 000103", officer)
    blank = credential_blank_record(diploma, officer, "ab 102")
    assert (blank.serial, blank.status, blank.credential) == ("AB 000102", BlankStatus.USED, diploma)
    with pytest.raises(CredentialError, match="đã in trên phôi AB 000102"):
        credential_blank_record(diploma, officer)
    other = credential_issue(make_class(programmes["so_cap"], 1).enrolments.get(), officer)
    assert other.blank.serial == "AB 000101"  # the next unused one, in order


def test_a_used_blank_is_refused_for_another_diploma(stock, programmes, make_class, officer):
    klass = make_class(programmes["so_cap"], 2)
    first, second = klass.enrolments.all()
    used = credential_issue(first, officer, blank_serial="AB 000103")
    with pytest.raises(CredentialError, match="Phôi số AB 000103 đã dùng cho văn bằng " + used.serial):
        credential_issue(second, officer, blank_serial="AB000103")
    with pytest.raises(CredentialError, match="không có trong các lô phôi"):
        credential_issue(second, officer, blank_serial="AB 000999")
    assert credential_issue(second, officer, blank_serial="AB 000104").number == 2


def test_certificates_take_no_blank(stock, programmes, make_class, officer):
    enrolment = make_class(programmes["party_awareness"], 1).enrolments.get()
    with pytest.raises(CredentialError, match="Giấy chứng nhận không in trên phôi"):
        credential_issue(enrolment, officer, blank_serial="AB 000101")
    certificate = credential_issue(enrolment, officer)
    with pytest.raises(CredentialError, match="không in trên phôi"):
        credential_blank_record(certificate, officer)
    assert Blank.objects.filter(status=BlankStatus.AVAILABLE).count() == 5


def test_spoiled_blanks_are_recorded_and_never_used(stock, programmes, make_class, officer):
    blank = stock.blanks.get(number=101)
    with pytest.raises(CredentialError, match="lý do"):
        blank_spoil(blank, officer, " ")
    spoiled = blank_spoil(blank, officer, "In lệch")
    assert (spoiled.status, spoiled.spoiled_reason) == (BlankStatus.SPOILED, "In lệch")
    assert spoiled.history.first().history_user == officer
    first = make_class(programmes["so_cap"], 1).enrolments.get()
    with pytest.raises(CredentialError, match="đã ghi hỏng"):
        credential_issue(first, officer, blank_serial="AB 000101")
    assert credential_issue(first, officer).blank.serial == "AB 000102"  # the spoiled one is skipped
    with pytest.raises(CredentialError, match="đã ghi hỏng"):
        blank_spoil(spoiled, officer, "lần nữa")


def test_spoiling_a_printed_blank_frees_the_diploma_for_a_new_one(stock, programmes, make_class, officer):
    diploma = credential_issue(make_class(programmes["so_cap"], 1).enrolments.get(), officer)
    blank_spoil(diploma.blank, officer, "Mực nhòe khi in")
    assert credential_blank_record(diploma, officer).serial == "AB 000102"
    assert Blank.objects.get(number=101).status == BlankStatus.SPOILED


def test_a_reissued_diploma_is_printed_on_a_new_blank(stock, programmes, make_class, officer):
    diploma = credential_issue(make_class(programmes["so_cap"], 1).enrolments.get(), officer)
    new = credential_reissue(diploma, officer, "Bị mất trước khi trao")
    assert (diploma.blank.serial, new.blank.serial) == ("AB 000101", "AB 000102")


def test_the_database_refuses_a_blank_used_twice_or_used_without_a_diploma(
    stock, programmes, make_class, officer
):
    klass = make_class(programmes["so_cap"], 2)
    first, second = (credential_issue(e, officer) for e in klass.enrolments.all())
    with pytest.raises(IntegrityError), transaction.atomic():
        Blank.objects.filter(pk=second.blank.pk).update(credential=first)  # a diploma on two blanks
    with pytest.raises(IntegrityError), transaction.atomic():
        Blank.objects.filter(number=105).update(status=BlankStatus.USED)  # "used" by no diploma
    with pytest.raises(IntegrityError), transaction.atomic():
        Blank.objects.filter(number=104).update(credential=first, status=BlankStatus.SPOILED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Blank.objects.create(
            stock=stock, institution=stock.institution, prefix="AB", number=101, serial="AB 000101"
        )
