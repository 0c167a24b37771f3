"""Issuing: register numbering, once per learner and programme, refusals (QĐ 1147; QĐ 208/HD 11 blanks)."""

import datetime as dt

import pytest

from llct.credentials.choices import CredentialKind, CredentialStatus
from llct.credentials.models import Blank, Credential, RegisterYear
from llct.credentials.selectors import credentials_overdue
from llct.credentials.services import (
    CredentialError,
    blank_stock_receive,
    credential_issue,
    credential_issue_class,
)
from llct.training.choices import Discipline


def test_numbers_are_consecutive_per_register_and_year_and_serial_names_them(programmes, make_class, officer):
    klass = make_class(programmes["party_awareness"], size=3)
    issued = [credential_issue(e, officer, issued_on=dt.date(2026, 3, 5)) for e in klass.enrolments.all()]
    assert [c.number for c in issued] == [1, 2, 3]
    assert issued[0].serial == "BS-TTCT1/GCN/2026/000001"
    assert issued[0].register.kind == CredentialKind.CERTIFICATE
    assert issued[0].signed_by == "Lê Văn Giám"
    # A new calendar year starts again at 1 (QĐ 1147: consecutive per calendar year).
    other = make_class(programmes["party_awareness"], size=1)
    nxt = credential_issue(other.enrolments.get(), officer, issued_on=dt.date(2027, 1, 4))
    assert (nxt.year, nxt.number, nxt.serial) == (2027, 1, "BS-TTCT1/GCN/2027/000001")
    assert RegisterYear.objects.get(register=nxt.register, year=2026).last_number == 3


def test_diploma_and_certificate_have_separate_registers(programmes, make_class, officer, tree):
    blank_stock_receive(tree["centre"], "A 000001", "A 000009", officer)
    cert = credential_issue(make_class(programmes["party_awareness"], 1).enrolments.get(), officer)
    dipl = credential_issue(
        make_class(programmes["so_cap"], 1).enrolments.get(), officer, blank_serial="A000005"
    )
    assert cert.register != dipl.register
    assert (cert.number, dipl.number) == (1, 1)
    assert "/BTN/" in dipl.serial and dipl.blank.serial == "A 000005"
    assert not Blank.objects.filter(credential=cert).exists()  # certificates are not printed on blanks


def test_second_issue_for_same_learner_and_programme_is_refused_in_vietnamese(
    programmes, make_class, officer
):
    enrolment = make_class(programmes["party_awareness"], 1).enrolments.get()
    first = credential_issue(enrolment, officer)
    with pytest.raises(CredentialError) as refused:
        credential_issue(enrolment, officer)
    assert "đã được cấp" in refused.value.message and first.serial in refused.value.message
    assert refused.value.existing == first
    assert Credential.objects.count() == 1
    # The refused attempt gave its number back: the next learner gets 2, not 3.
    assert (
        credential_issue(make_class(programmes["party_awareness"], 1).enrolments.get(), officer).number == 2
    )


def test_same_learner_in_another_class_of_the_same_programme_is_refused(
    programmes, make_class, officer, tree
):
    first_class = make_class(programmes["party_awareness"], 1)
    enrolment = first_class.enrolments.get()
    credential_issue(enrolment, officer)
    second_class = make_class(programmes["party_awareness"], 0)
    from llct.training.models import Enrolment

    again = Enrolment.objects.create(
        training_class=second_class,
        cadre=enrolment.cadre,
        sending_unit=tree["new_commune"],
        status="hoan_thanh",
        completed=True,
    )
    second_class.recognition.enrolments.add(again)
    with pytest.raises(CredentialError, match="Mỗi người chỉ được cấp một lần"):
        credential_issue(again, officer)


@pytest.mark.parametrize(
    "case, message",
    [
        ("decision_only", "chỉ có quyết định công nhận"),
        ("no_recognition", "chưa có quyết định công nhận"),
        ("not_listed", "không có tên trong quyết định công nhận"),
        ("expelled", "buộc thôi học"),
    ],
)
def test_refusals_name_the_reason(programmes, make_class, officer, case, message):
    programme = programmes["topic"] if case == "decision_only" else programmes["party_awareness"]
    klass = make_class(programme, 1, recognised_on=None if case == "no_recognition" else dt.date(2026, 3, 2))
    enrolment = klass.enrolments.get()
    if case == "not_listed":
        klass.recognition.enrolments.clear()
    if case == "expelled":
        enrolment.discipline = Discipline.EXPULSION
        enrolment.save()
    with pytest.raises(CredentialError, match=message):
        credential_issue(enrolment, officer)
    assert not Credential.objects.exists()
    assert not RegisterYear.objects.filter(last_number__gt=0).exists()


def test_history_records_the_author(programmes, make_class, officer):
    credential = credential_issue(make_class(programmes["party_awareness"], 1).enrolments.get(), officer)
    assert credential.history.get().history_user == officer


def test_bulk_issue_for_a_class_reports_progress_and_skips_nobody_twice(
    programmes, make_class, officer, django_capture_on_commit_callbacks
):
    klass = make_class(programmes["party_awareness"], 30)
    credential_issue(klass.enrolments.first(), officer)
    with django_capture_on_commit_callbacks(execute=True):
        job = credential_issue_class(klass, officer)
    job.refresh_from_db()
    assert (job.status, job.total, job.done, job.issued, job.skipped) == ("xong", 30, 30, 29, [])
    assert job.percent == 100
    assert sorted(Credential.objects.values_list("number", flat=True)) == list(range(1, 31))


def test_overdue_lists_learners_without_document_15_days_after_the_decision(
    programmes, make_class, officer, tree, make_user
):
    late = make_class(programmes["party_awareness"], 2, recognised_on=dt.date(2026, 3, 1))
    make_class(programmes["party_awareness"], 2, recognised_on=dt.date(2026, 3, 10))  # still within 15 days
    make_class(programmes["topic"], 2, recognised_on=dt.date(2026, 1, 1))  # decision only: nothing to issue
    issued = late.enrolments.first()
    credential_issue(issued, officer)
    overdue = list(credentials_overdue(officer, today=dt.date(2026, 3, 20)))
    assert [e.training_class_id for e in overdue] == [late.pk]
    assert issued not in overdue
    assert list(credentials_overdue(officer, today=dt.date(2026, 3, 16))) == []
    from llct.accounts.models import Role

    outsider = make_user(Role.ACADEMIC_OFFICER, tree["south"])
    assert list(credentials_overdue(outsider, today=dt.date(2026, 3, 20))) == []


def test_revoked_document_still_blocks_a_new_issue(programmes, make_class, officer):
    from llct.credentials.services import credential_revoke

    enrolment = make_class(programmes["party_awareness"], 1).enrolments.get()
    credential = credential_issue(enrolment, officer)
    credential_revoke(credential, "gian_lan", "Quyết định 5/QĐ-TTCT", officer)
    with pytest.raises(CredentialError):
        credential_issue(enrolment, officer)
    assert Credential.objects.get().status == CredentialStatus.REVOKED


def test_a_second_whole_class_issue_while_one_runs_says_so_instead_of_an_empty_job(
    programmes, make_class, officer, client
):
    from django.urls import reverse

    from llct.credentials.choices import IssueJobStatus
    from llct.credentials.models import IssueJob

    klass = make_class(programmes["party_awareness"], size=2)
    running = IssueJobStatus.RUNNING
    IssueJob.objects.create(training_class=klass, requested_by=officer, status=running, total=2)
    with pytest.raises(CredentialError, match="đang chạy"):
        credential_issue_class(klass, officer)
    client.force_login(officer)
    response = client.post(reverse("credentials:issue_class", args=[klass.pk]), follow=True)
    assert "đang chạy" in response.content.decode()
    assert IssueJob.objects.count() == 1
