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
