"""Runs: what they record, that a finding keeps its identity across runs, the comparison with the previous
run, and what a supervision run marks as no longer found."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from llct.accounts.models import Role
from llct.oversight.inspection.checks import CHECKS
from llct.oversight.inspection.runs import (
    InspectionError,
    inspection_run_create,
    inspection_run_execute,
    run_compare,
)
from llct.oversight.models import Finding, FindingLog, FindingStatus, RunStatus, RunTrigger
from llct.training.choices import ClassStatus

from .conftest import END

pytestmark = pytest.mark.django_db


def _run(unit=None, checks=("class_below_25",), by=None, start=None, end=END):
    run = inspection_run_create(
        checks=list(checks), unit=unit, period_from=start, period_to=end, trigger=RunTrigger.COMMAND, by=by
    )
    return inspection_run_execute(run.pk)


@pytest.fixture
def small_class(make_class, enrol):
    klass = make_class("dang_vien_moi", status=ClassStatus.IN_PROGRESS)
    learners = [enrol(klass) for _ in range(3)]
    return klass, learners


def test_a_run_records_checks_rules_and_what_it_found(tree, small_class):
    klass, _learners = small_class
    run = _run(tree["north"])
    assert run.status == RunStatus.DONE and run.done == 1 and run.counts == {"class_below_25": 1}
    assert run.rules["checks"]["class_below_25"]["confidence"] == "T"
    assert run.rules_version.startswith(run.rules["catalogue"])
    occurrence = run.occurrences.get()
    assert occurrence.values["learners"] == 3 and occurrence.unit == tree["centre"]
    finding = occurrence.finding
    assert (finding.object_ref, finding.status, finding.unit) == (
        f"trainingclass:{klass.pk}",
        FindingStatus.OPEN,
        tree["centre"],
    )
    assert finding.log.get().action == "found"


def test_the_same_object_is_the_same_finding_in_the_next_run_and_values_are_kept_per_run(
    tree, small_class, enrol
):
    klass, _learners = small_class
    first = _run(tree["north"])
    enrol(klass)
    second = _run(tree["north"])
    assert Finding.objects.count() == 1
    finding = Finding.objects.get()
    assert finding.first_run == first and finding.last_run == second and finding.values["learners"] == 4
    assert first.occurrences.get().values["learners"] == 3  # what the first run read stays as it was
    comparison = run_compare(second, _admin(tree))
    assert comparison.previous == first
    assert (
        [o.finding_id for o in comparison.still] == [finding.pk]
        and not comparison.new
        and not comparison.gone
    )


def _admin(tree):
    from llct.accounts.models import User

    return User.objects.create_superuser("root-" + str(User.objects.count()), password="x")


def test_comparison_lists_new_and_no_longer_found(tree, small_class, make_class, enrol):
    klass, _learners = small_class
    first = _run(tree["north"])
    other = make_class("ky_nang", status=ClassStatus.IN_PROGRESS)
    enrol(other)
    for _ in range(25):
        enrol(klass)
    second = _run(tree["north"])
    comparison = run_compare(second, _admin(tree))
    assert [o.finding.object_id for o in comparison.new] == [other.pk]
    assert [o.finding.object_id for o in comparison.gone] == [klass.pk]
    assert comparison.previous == first


def test_only_a_supervision_run_marks_findings_no_longer_present(tree, small_class, enrol):
    klass, _learners = small_class
    _run(None)
    for _ in range(25):
        enrol(klass)
    _run(tree["north"])  # a run over a subtree does not clear
    assert Finding.objects.get().present
    _run(None)
    finding = Finding.objects.get()
    assert not finding.present and finding.status == FindingStatus.OPEN  # the inspector decides, not the run


def test_runs_of_one_subtree_do_not_read_another(tree, small_class):
    run = _run(tree["south"])
    assert run.counts == {"class_below_25": 0} and not Finding.objects.exists()


def test_every_check_runs_over_an_empty_database_and_a_failure_is_recorded(db, monkeypatch):
    run = _run(None, checks=list(CHECKS))
    assert run.status == RunStatus.DONE and set(run.counts) == set(CHECKS)
    check = CHECKS["class_below_25"]

    def broken(subtree, period):
        raise RuntimeError("boom")

    monkeypatch.setitem(CHECKS, "class_below_25", type(check)(**{**check.__dict__, "find": broken}))
    failed = _run(None)
    assert failed.status == RunStatus.FAILED and "boom" in failed.error and failed.finished_at


def test_a_run_is_refused_outside_the_scope_or_to_roles_that_do_not_inspect(tree, make_user):
    inspector = make_user(Role.INSPECTOR, tree["north"])
    board = make_user(Role.ORG_BOARD, tree["north"])
    assert inspection_run_create(
        checks=None, unit=tree["north"], period_from=None, period_to=END, trigger=RunTrigger.WEB, by=inspector
    ).checks == list(CHECKS)
    for by, unit in ((inspector, tree["south"]), (board, tree["north"]), (inspector, None)):
        with pytest.raises(PermissionDenied):
            inspection_run_create(
                checks=None, unit=unit, period_from=None, period_to=END, trigger=RunTrigger.WEB, by=by
            )
    with pytest.raises(InspectionError):
        inspection_run_create(
            checks=["no_such_check"], unit=None, period_from=None, period_to=END, trigger=RunTrigger.COMMAND
        )
    with pytest.raises(InspectionError):
        inspection_run_create(
            checks=None,
            unit=None,
            period_from=dt.date(2026, 5, 1),
            period_to=dt.date(2026, 4, 1),
            trigger=RunTrigger.COMMAND,
        )
    assert not FindingLog.objects.exists()
