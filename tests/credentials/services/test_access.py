"""Every credential service checks the role (ISSUE_CREDENTIALS) and the scope (the issuing institution in
the user's subtree) itself, as the training services do: a view is not the only gate."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from llct.accounts.models import Role
from llct.credentials.choices import IssueJobStatus
from llct.credentials.models import Blank, BlankStock, CertifiedCopy, Credential, IssueJob
from llct.credentials.services import (
    blank_spoil,
    blank_stock_receive,
    credential_blank_record,
    credential_certified_copy,
    credential_hand_over,
    credential_issue,
    credential_issue_class,
    credential_loss_report,
    credential_reissue,
    credential_revoke,
    issue_job_run,
)


@pytest.fixture
def world(programmes, make_class, officer, tree):
    stock = blank_stock_receive(tree["centre"], "AB 000001", "AB 000010", officer)
    diploma = credential_issue(make_class(programmes["so_cap"], 1).enrolments.get(), officer)
    Blank.objects.filter(credential=diploma).update(status="chua_dung", credential=None)
    return {
        "stock": stock,
        "diploma": Credential.objects.get(pk=diploma.pk),
        "klass": make_class(programmes["party_awareness"], 2),
    }


def _writes(world):
    diploma, klass, stock = world["diploma"], world["klass"], world["stock"]
    return {
        "issue": lambda by: credential_issue(klass.enrolments.first(), by),
        "issue_class": lambda by: credential_issue_class(klass, by),
        "revoke": lambda by: credential_revoke(diploma, "gian_lan", "QĐ 1", by),
        "reissue": lambda by: credential_reissue(diploma, by, "Bị mất"),
        "hand_over": lambda by: credential_hand_over(diploma, by, "B", dt.date.today()),
        "loss_report": lambda by: credential_loss_report(diploma, by),
        "copy": lambda by: credential_certified_copy(diploma, by),
        "blank_record": lambda by: credential_blank_record(diploma, by),
        "blank_spoil": lambda by: blank_spoil(stock.blanks.first(), by, "rách"),
        "stock_receive": lambda by: blank_stock_receive(stock.institution, "CD 1", "CD 5", by),
    }


def _state():
    return (
        list(Credential.objects.values_list("pk", "status", "handed_over_on", "loss_reported_on")),
        list(Blank.objects.values_list("pk", "status", "credential_id")),
        CertifiedCopy.objects.count(),
        BlankStock.objects.count(),
        IssueJob.objects.count(),
    )


WRITES = [
    "issue",
    "issue_class",
    "revoke",
    "reissue",
    "hand_over",
    "loss_report",
    "copy",
    "blank_record",
    "blank_spoil",
    "stock_receive",
]


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize(
    "who",
    [
        "inspector inside",
        "lecturer inside",
        "organisation board of the province",
        "officer outside",
        "nobody",
    ],
)
def test_services_refuse_users_without_the_role_or_outside_the_scope(world, tree, make_user, write, who):
    by = {
        "inspector inside": lambda: make_user(Role.INSPECTOR, tree["centre"]),
        "lecturer inside": lambda: make_user(Role.LECTURER, tree["centre"]),
        "organisation board of the province": lambda: make_user(Role.ORG_BOARD, tree["north"]),
        "officer outside": lambda: make_user(Role.ACADEMIC_OFFICER, tree["south"]),
        "nobody": lambda: None,
    }[who]()
    before = _state()
    with pytest.raises(PermissionDenied):
        _writes(world)[write](by)
    assert _state() == before


@pytest.mark.parametrize("write", WRITES)
def test_a_director_of_the_province_may_do_them_all(
    world, tree, make_user, write, django_capture_on_commit_callbacks
):
    director = make_user(Role.DIRECTOR, tree["north"])
    with django_capture_on_commit_callbacks(execute=True):
        assert _writes(world)[write](director) is not None


def test_a_bulk_job_fails_when_its_requester_lost_the_right(
    world, officer, django_capture_on_commit_callbacks
):
    job = credential_issue_class(world["klass"], officer)
    officer.role = Role.LECTURER
    officer.save()
    job = issue_job_run(job.pk)
    assert (job.status, job.issued) == (IssueJobStatus.FAILED, 0)
    assert "không còn quyền" in job.error
