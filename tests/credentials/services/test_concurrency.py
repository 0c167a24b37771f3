"""Many staff issuing at the same moment (QĐ 1147: one number per document, consecutive per year).

PostgreSQL only: each thread has its own connection, and the register counter row lock is what keeps the
numbers unique and gap-free."""

import threading

import pytest
from django.db import connection, connections

from llct.credentials.models import Credential
from llct.credentials.services import CredentialError, credential_issue

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…)")


def _run_in_threads(target, args_list):
    barrier = threading.Barrier(len(args_list))
    errors: list[BaseException] = []
    results: list = []

    def work(*args):
        try:
            barrier.wait()
            results.append(target(*args))
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=args) for args in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results, errors


def test_parallel_issuing_gives_numbers_1_to_n_without_gaps_or_duplicates(programmes, make_class, officer):
    n = 24
    klass = make_class(programmes["party_awareness"], n)
    # The first issue of a year also creates the counter row: let the threads race for that too.
    _results, errors = _run_in_threads(
        lambda e: credential_issue(e, officer), [(e,) for e in klass.enrolments.all()]
    )
    assert errors == []
    numbers = sorted(Credential.objects.values_list("number", flat=True))
    assert numbers == list(range(1, n + 1))
    assert len(set(Credential.objects.values_list("serial", flat=True))) == n


def test_double_submit_in_parallel_creates_one_document(programmes, make_class, officer):
    enrolment = make_class(programmes["party_awareness"], 1).enrolments.get()
    results, errors = _run_in_threads(lambda e: credential_issue(e, officer), [(enrolment,)] * 6)
    assert len(results) == 1
    assert len(errors) == 5 and all(isinstance(e, CredentialError) for e in errors)
    assert all(e.existing == results[0] for e in errors)
    assert list(Credential.objects.values_list("number", flat=True)) == [1]


def test_parallel_bulk_issues_take_each_blank_once_and_in_order(
    programmes, make_class, officer, tree, django_capture_on_commit_callbacks
):
    from llct.credentials.choices import BlankStatus
    from llct.credentials.models import Blank, IssueJob
    from llct.credentials.services import blank_stock_receive, issue_job_run

    blank_stock_receive(tree["centre"], "AB 000001", "AB 000050", officer)
    classes = [make_class(programmes["so_cap"], 12) for _ in range(4)]
    jobs = [IssueJob.objects.create(training_class=k, requested_by=officer) for k in classes]
    _results, errors = _run_in_threads(issue_job_run, [(job.pk,) for job in jobs])
    assert errors == []
    used = list(Blank.objects.filter(status=BlankStatus.USED).order_by("credential__number"))
    assert len(used) == 48 and len({b.credential_id for b in used}) == 48
    # Register order and blank order agree: the n-th diploma of the year is on the n-th blank.
    assert [b.number for b in used] == list(range(1, 49))
    assert Blank.objects.filter(status=BlankStatus.AVAILABLE).count() == 2


def test_the_same_blank_recorded_on_two_diplomas_at_once_goes_to_one(programmes, make_class, officer, tree):
    from llct.credentials.models import Blank
    from llct.credentials.services import blank_stock_receive, credential_blank_record

    klass = make_class(programmes["so_cap"], 6)
    diplomas = [credential_issue(e, officer) for e in klass.enrolments.all()]  # no stock yet: no blanks
    blank_stock_receive(tree["centre"], "AB 000001", "AB 000001", officer)
    results, errors = _run_in_threads(
        lambda d: credential_blank_record(d, officer, "AB 000001"), [(d,) for d in diplomas]
    )
    assert len(results) == 1 and len(errors) == 5
    assert all(isinstance(e, CredentialError) and "đã dùng cho văn bằng" in e.message for e in errors)
    assert Blank.objects.get().credential_id == results[0].credential_id


def test_the_rate_limit_counter_loses_no_count_under_concurrent_increments():
    """Django's own DatabaseCache.incr reads then writes, so concurrent workers lose counts; ours locks."""
    from django.core.cache import cache

    cache.set("verify:test:concurrent", 0, 600)
    _results, errors = _run_in_threads(
        lambda: [cache.incr("verify:test:concurrent") for _ in range(25)], [()] * 8
    )
    assert errors == []
    assert cache.get("verify:test:concurrent") == 200
