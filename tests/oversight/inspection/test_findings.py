"""A finding's follow-up: the unit explains, the inspector decides, every step in the log; nobody else."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from llct.accounts.models import Role
from llct.oversight.inspection.findings import (
    TRANSITIONS,
    allowed_transitions,
    finding_transition,
    findings_visible,
)
from llct.oversight.inspection.runs import InspectionError, inspection_run_create, inspection_run_execute
from llct.oversight.models import Finding, FindingStatus, RunTrigger
from llct.training.choices import ClassStatus

from .conftest import END

pytestmark = pytest.mark.django_db


@pytest.fixture
def finding(make_class, enrol):
    klass = make_class("dang_vien_moi", status=ClassStatus.IN_PROGRESS)
    enrol(klass)
    run = inspection_run_create(
        checks=["class_below_25"], unit=None, period_from=None, period_to=END, trigger=RunTrigger.NIGHTLY
    )
    inspection_run_execute(run.pk)
    return Finding.objects.get()


@pytest.fixture
def people(tree, make_user):
    return {
        "director": make_user(Role.DIRECTOR, tree["centre"]),
        "inspector": make_user(Role.INSPECTOR, tree["north"]),
        "other_inspector": make_user(Role.INSPECTOR, tree["north"]),
        "south_inspector": make_user(Role.INSPECTOR, tree["south"]),
        "south_director": make_user(Role.DIRECTOR, tree["south"]),
        "lecturer": make_user(Role.LECTURER, tree["centre"]),
        "admin": make_user(Role.ADMIN, tree["north"]),
    }


def _names(finding, user):
    return {t.name for t in allowed_transitions(finding, user)}


def test_explain_then_accept(finding, people):
    assert _names(finding, people["director"]) == {"explain"}
    assert _names(finding, people["inspector"]) == set()
    upload = SimpleUploadedFile("danh-sach.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    finding_transition(
        finding, "explain", by=people["director"], text="Học viên rút vì lũ lụt.", files=[upload]
    )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.EXPLAINED
    assert _names(finding, people["inspector"]) == {"accept", "require_remediation"}
    finding_transition(finding, "accept", by=people["inspector"], text="Lý do khách quan, chấp nhận.")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.ACCEPTED
    log = list(finding.log.order_by("pk"))
    assert [(r.action, r.from_status, r.to_status) for r in log] == [
        ("found", "", "moi"),
        ("explain", "moi", "da_giai_trinh"),
        ("accept", "da_giai_trinh", "chap_nhan"),
    ]
    assert log[1].by == people["director"] and log[1].attachments.get().name == "danh-sach.pdf"


def test_remediation_with_deadline_then_evidence_then_resolved(finding, people):
    finding_transition(finding, "explain", by=people["director"], text="Thiếu học viên.")
    with pytest.raises(InspectionError):
        finding_transition(finding, "require_remediation", by=people["inspector"], text="Khắc phục")
    with pytest.raises(InspectionError):
        finding_transition(
            finding,
            "require_remediation",
            by=people["inspector"],
            text="Khắc phục",
            deadline=timezone.localdate() - dt.timedelta(days=1),
        )
    deadline = timezone.localdate() + dt.timedelta(days=30)
    finding_transition(
        finding, "require_remediation", by=people["inspector"], text="Rút kinh nghiệm", deadline=deadline
    )
    finding.refresh_from_db()
    assert (finding.status, finding.deadline) == (FindingStatus.REMEDIATION, deadline)
    finding_transition(
        finding, "report", by=people["director"], text="Đã họp rút kinh nghiệm, biên bản kèm theo."
    )
    assert _names(finding, people["director"]) == {"report"}
    finding_transition(finding, "resolve", by=people["inspector"], text="Đã khắc phục.")
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESOLVED and not finding.is_open


def test_nobody_outside_the_scope_or_role_takes_a_step(finding, people):
    for who in ("south_director", "lecturer", "inspector"):
        with pytest.raises(PermissionDenied):
            finding_transition(finding, "explain", by=people[who], text="x")
    finding_transition(finding, "explain", by=people["director"], text="Giải trình")
    for who in ("south_inspector", "director"):
        with pytest.raises(PermissionDenied):
            finding_transition(finding, "accept", by=people[who], text="x")
    assert findings_visible(people["south_inspector"]).count() == 0
    assert findings_visible(people["inspector"]).count() == 1


def test_who_explained_may_not_decide(finding, people):
    finding_transition(finding, "explain", by=people["admin"], text="Giải trình của quản trị")
    finding.refresh_from_db()
    assert _names(finding, people["admin"]) == set()
    with pytest.raises(InspectionError):
        finding_transition(finding, "accept", by=people["admin"], text="Tự chấp nhận")
    finding_transition(finding, "accept", by=people["other_inspector"], text="Chấp nhận")


def test_steps_need_a_text_are_idempotent_and_follow_the_machine(finding, people):
    with pytest.raises(InspectionError):
        finding_transition(finding, "explain", by=people["director"], text="  ")
    with pytest.raises(InspectionError):
        finding_transition(finding, "resolve", by=people["inspector"], text="x")
    finding_transition(finding, "explain", by=people["director"], text="Một lần")
    finding_transition(finding, "explain", by=people["director"], text="Lần hai (gửi lại)")
    assert finding.log.filter(action="explain").count() == 1
    assert set(TRANSITIONS) == {"explain", "accept", "require_remediation", "report", "resolve"}


def test_a_run_never_changes_the_follow_up(finding, people, enrol):
    finding_transition(finding, "explain", by=people["director"], text="Giải trình")
    run = inspection_run_create(
        checks=["class_below_25"], unit=None, period_from=None, period_to=END, trigger=RunTrigger.NIGHTLY
    )
    inspection_run_execute(run.pk)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.EXPLAINED and finding.last_run == run
