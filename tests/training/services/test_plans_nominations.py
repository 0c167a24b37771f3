"""Plans and quotas; nominations and their state machine (who may take each transition, log rows)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from llct.accounts.models import Role
from llct.eligibility.models import SpecialCaseDecision
from llct.training import selectors
from llct.training.choices import EnrolmentStatus, NominationStatus, PlanStatus, StudyMode
from llct.training.models import Nomination, NominationLog, TrainingPlan
from llct.training.services import classes as cs
from llct.training.services import plans as ps
from llct.training.services.errors import TrainingRuleError
from llct.training.services.nominations import (
    TRANSITIONS,
    SpecialCaseTerms,
    allowed_transitions,
    nomination_create,
)
from llct.training.services.nominations import nomination_transition as move

ON = dt.date(2025, 12, 1)


@pytest.fixture
def plan(tree, programmes, users):
    board = users["board"]
    plan = ps.plan_create(unit=tree["north"], year=2025, by=board)
    ps.quota_set(plan=plan, programme=programmes["trung_cap"], quota=2, mode=StudyMode.FULL_TIME, by=board)
    return ps.plan_approve(
        plan=plan, approving_body="Ban Thường vụ Tỉnh ủy", document="15-QĐ/TU", by=users["approver"]
    )


def test_plan_draft_approved_fixed(tree, programmes, users, plan):
    board = users["board"]
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == users["approver"]
    assert plan.created_by == board
    with pytest.raises(TrainingRuleError):
        ps.quota_set(plan=plan, programme=programmes["cao_cap"], quota=1, by=board)
    assert ps.plan_fix(plan=plan, by=board).status == PlanStatus.FIXED
    assert ps.plan_create(unit=tree["north"], year=2025, by=board).pk == plan.pk  # double submit
    with pytest.raises(PermissionDenied):
        ps.plan_create(unit=tree["north"], year=2026, by=users["officer"])
    with pytest.raises(PermissionDenied):
        ps.plan_create(unit=tree["north"], year=2026, by=users["south_board"])


def nominate(tree, programmes, users, make_cadre, **kw):
    cadre = kw.pop("cadre", None) or make_cadre(tree["new_commune"], "Trần Thị Bích")
    return nomination_create(
        cadre=cadre,
        programme=programmes["trung_cap"],
        sending_unit=tree["north"],
        nominated_on=ON,
        mode=StudyMode.FULL_TIME,
        by=users["board"],
        **kw,
    )


def test_nomination_full_path_with_log(tree, programmes, users, make_cadre, plan, engine):
    board, school = users["board"], users["school_officer"]
    n = nominate(tree, programmes, users, make_cadre)
    assert n.status == NominationStatus.DRAFT and n.eligible and n.eligibility["regulation"] == "QĐ 350-QĐ/TW"
    assert n.eligibility["reasons"][0]["citation"] == "Điều 2, QĐ 350-QĐ/TW"
    move(n, "submit", by=board)
    move(n, "approve", by=users["approver"])
    klass = cs.class_open(
        institution=tree["school"],
        programme=programmes["trung_cap"],
        code="TC-K1",
        name="Trung cấp K1",
        starts_on=ON,
        ends_on=ON + dt.timedelta(days=240),
        capacity=60,
        mode=StudyMode.FULL_TIME,
        by=school,
    )
    with pytest.raises(PermissionDenied):
        move(n, "admit", by=board, training_class=klass)  # the board does not run the school
    n = move(n, "admit", by=school, training_class=klass)
    assert n.status == NominationStatus.ADMITTED and n.enrolment.training_class == klass
    log = list(NominationLog.objects.filter(nomination=n).values_list("from_status", "to_status", "by"))
    assert log == [
        ("", "du_thao", board.pk),
        ("du_thao", "da_gui", board.pk),
        ("da_gui", "da_duyet", users["approver"].pk),
        ("da_duyet", "da_trieu_tap", school.pk),
    ]
    n = move(n, "withdraw", by=board, reason="Chuyển công tác")
    n.enrolment.refresh_from_db()
    assert n.enrolment.status == EnrolmentStatus.WITHDRAWN
    assert NominationLog.objects.filter(nomination=n).last().reason == "Chuyển công tác"


def test_transition_table_declares_who_and_from_where(tree, programmes, users, make_cadre, plan, engine):
    assert set(TRANSITIONS) == {"submit", "approve", "reject", "admit", "withdraw"}
    n = nominate(tree, programmes, users, make_cadre)
    assert {t.name for t in allowed_transitions(n, users["board"])} == {"submit", "withdraw"}
    assert allowed_transitions(n, users["inspector"]) == []
    with pytest.raises(TrainingRuleError) as bad:
        move(n, "approve", by=users["board"])
    assert bad.value.code == "bad_transition"
    with pytest.raises(PermissionDenied):
        move(n, "submit", by=users["south_board"])
    move(n, "submit", by=users["board"])
    with pytest.raises(TrainingRuleError):
        move(n, "reject", by=users["board"], reason="  ")
    n = move(n, "reject", by=users["board"], reason="Không đủ chỉ tiêu")
    assert n.status == NominationStatus.REJECTED


def test_not_eligible_needs_special_case(tree, programmes, users, make_cadre, plan, engine):
    engine.eligible = False
    cadre = make_cadre(tree["new_commune"], "Lý Văn Cường")
    with pytest.raises(TrainingRuleError) as refused:
        nominate(tree, programmes, users, make_cadre, cadre=cadre)
    assert refused.value.code == "not_eligible"
    special = SpecialCaseDecision.objects.create(
        cadre=cadre,
        level="trung_cap",
        eligible=True,
        modes=["tap_trung"],
        authority="Ban Thường vụ Tỉnh ủy",
        document_number="99-QĐ/TU",
        decided_on=ON - dt.timedelta(days=3),
        reason="Nhu cầu cán bộ",
        recorded_by=users["board"],
    )
    n = nominate(tree, programmes, users, make_cadre, cadre=cadre, special_case=special)
    assert n.eligible is False and n.is_special_case and n.special_case == special


def test_quota_enforced_and_double_submit_returns_same(tree, programmes, users, make_cadre, plan, engine):
    first = nominate(tree, programmes, users, make_cadre)
    assert nominate(tree, programmes, users, make_cadre, cadre=first.cadre).pk == first.pk
    nominate(tree, programmes, users, make_cadre, cadre=make_cadre(tree["new_commune"], "Hai"))
    with pytest.raises(TrainingRuleError) as full:
        nominate(tree, programmes, users, make_cadre, cadre=make_cadre(tree["new_commune"], "Ba"))
    assert full.value.code == "quota_full"
    assert Nomination.objects.count() == 2


def test_no_quota_refused(tree, programmes, users, make_cadre, engine):
    with pytest.raises(TrainingRuleError) as refused:
        nominate(tree, programmes, users, make_cadre)
    assert refused.value.code == "no_quota"


def test_holding_level_or_higher_refused(tree, programmes, users, make_cadre, plan, engine):
    for held in ("trung_cap", "cao_cap", "cu_nhan"):
        cadre = make_cadre(tree["new_commune"], f"Đã Học {held}", theory_level=held)
        with pytest.raises(TrainingRuleError) as refused:
            nominate(tree, programmes, users, make_cadre, cadre=cadre)
        assert refused.value.code == "already_held"
    assert engine.calls == []


@pytest.mark.parametrize(
    ("programme", "party_status", "eligible"),
    [
        ("nhan_thuc_ve_dang", "", True),
        ("nhan_thuc_ve_dang", "chinh_thuc", False),
        ("dang_vien_moi", "du_bi", True),
        ("dang_vien_moi", "", False),
        ("chuyen_de", "", True),
    ],
)
def test_commune_programmes_target_groups(
    tree, programmes, users, make_cadre, programme, party_status, eligible
):
    """QĐ 1147 art. 4 / QĐ 360: target groups of the commune-centre programmes (kept simple)."""
    cadre = make_cadre(tree["new_commune"], "Vũ Thị Lan", party_status=party_status)
    kw = dict(cadre=cadre, programme=programmes[programme], sending_unit=tree["new_commune"], nominated_on=ON)
    if eligible:
        n = nomination_create(**kw, by=users["board"])
        assert n.eligible and n.eligibility["regulation"] == "QĐ 1147-QĐ/BTGDVTW"
    else:
        with pytest.raises(TrainingRuleError):
            nomination_create(**kw, by=users["board"])


def test_segregation_of_duties_plan(tree, programmes, users, make_user):
    """Whoever drafted a plan (created it or set a quota line) does not approve it."""
    board, approver = users["board"], users["approver"]
    plan = ps.plan_create(unit=tree["north"], year=2026, by=board)
    ps.quota_set(plan=plan, programme=programmes["trung_cap"], quota=3, by=approver)  # approver edited it
    for drafter in (board, approver):
        with pytest.raises(TrainingRuleError) as same:
            ps.plan_approve(plan=plan, approving_body="BTV", document="1-QĐ", by=drafter)
        assert same.value.code == "same_user"
    third = make_user(Role.ORG_BOARD, tree["north"])
    assert ps.plan_approve(plan=plan, approving_body="BTV", document="1-QĐ", by=third).status == "da_duyet"


def test_segregation_of_duties_nomination(tree, programmes, users, make_cadre, plan, engine):
    """The user who submitted a nomination does not approve it; the button is not offered to them."""
    board = users["board"]
    n = move(nominate(tree, programmes, users, make_cadre), "submit", by=board)
    assert "approve" not in {t.name for t in allowed_transitions(n, board)}
    assert "approve" in {t.name for t in allowed_transitions(n, users["approver"])}
    with pytest.raises(TrainingRuleError) as same:
        move(n, "approve", by=board)
    assert same.value.code == "same_user"
    assert move(n, "approve", by=users["approver"]).status == NominationStatus.APPROVED


@pytest.mark.parametrize(
    ("year", "refused"), [(0, True), (1999, True), (2000, False), (2100, False), (2101, True)]
)
def test_plan_year_validated(tree, users, year, refused):
    if refused:
        with pytest.raises(TrainingRuleError) as bad:
            ps.plan_create(unit=tree["north"], year=year, by=users["board"])
        assert bad.value.field == "year"
        assert not TrainingPlan.objects.exists()
    else:
        assert ps.plan_create(unit=tree["north"], year=year, by=users["board"]).year == year


def test_negative_quota_refused(tree, programmes, users):
    plan = ps.plan_create(unit=tree["north"], year=2026, by=users["board"])
    with pytest.raises(TrainingRuleError) as bad:
        ps.quota_set(plan=plan, programme=programmes["trung_cap"], quota=-1, by=users["board"])
    assert bad.value.field == "quota" and not plan.quotas.exists()


def test_so_cap_not_offered_after_2025_08_28(tree, programmes, users, make_cadre, engine):
    """Sơ cấp is offered until 28/08/2025 (QĐ 350-QĐ/TW has no sơ cấp level): refused with the citation."""
    board = users["board"]
    plan = ps.plan_create(unit=tree["north"], year=2025, by=board)
    ps.quota_set(plan=plan, programme=programmes["so_cap"], quota=5, by=board)
    ps.plan_approve(plan=plan, approving_body="BTV", document="1-QĐ", by=users["approver"])
    kw = dict(programme=programmes["so_cap"], sending_unit=tree["north"], by=board)
    with pytest.raises(TrainingRuleError) as late:
        nomination_create(cadre=make_cadre(tree["new_commune"], "A"), nominated_on=dt.date(2025, 8, 29), **kw)
    assert late.value.code == "not_offered" and "28/08/2025" in str(late.value)
    assert "QĐ 350-QĐ/TW" in late.value.citation
    n = nomination_create(cadre=make_cadre(tree["new_commune"], "B"), nominated_on=dt.date(2025, 8, 28), **kw)
    assert n.programme.code == "so_cap"


def test_programme_not_offered_before_offered_from(tree, programmes, users, make_cadre):
    programme = programmes["chuyen_de"]
    programme.offered_from = dt.date(2026, 1, 1)
    programme.save()
    with pytest.raises(TrainingRuleError) as early:
        nomination_create(
            cadre=make_cadre(tree["new_commune"], "C"),
            programme=programme,
            sending_unit=tree["new_commune"],
            nominated_on=dt.date(2025, 12, 31),
            by=users["board"],
        )
    assert early.value.code == "not_offered" and "01/01/2026" in str(early.value)


def test_special_case_recorded_with_the_nomination(tree, programmes, users, make_cadre, plan, engine):
    """QĐ 350-QĐ/TW: a cadre who is not eligible is nominated only with the competent authority's
    special-case decision — recorded from the nomination form (authority, document, date, reason)."""
    engine.eligible = False
    cadre = make_cadre(tree["new_commune"], "Lò Thị Đặc")
    terms = SpecialCaseTerms("Ban Thường vụ Tỉnh ủy", "12-QĐ/TU", ON - dt.timedelta(days=1), "Nhu cầu cán bộ")
    n = nominate(tree, programmes, users, make_cadre, cadre=cadre, special_terms=terms)
    assert not n.eligible and n.special_case.document_number == "12-QĐ/TU"
    assert n.special_case.recorded_by == users["board"] and n.special_case.history.exists()
    late = SpecialCaseTerms("BTV", "13-QĐ/TU", ON + dt.timedelta(days=1), "x")
    with pytest.raises(TrainingRuleError) as mismatch:
        nominate(
            tree,
            programmes,
            users,
            make_cadre,
            cadre=make_cadre(tree["new_commune"], "E"),
            special_terms=late,
        )
    assert mismatch.value.code == "special_case_mismatch"
    assert SpecialCaseDecision.objects.count() == 1  # the refused one was rolled back


def test_special_case_in_force_is_used(tree, programmes, users, make_cadre, plan, engine):
    """A special case recorded earlier in the eligibility pages lets the cadre be nominated."""
    engine.eligible = False
    cadre = make_cadre(tree["new_commune"], "Hà Văn Sớm")
    special = SpecialCaseDecision.objects.create(
        cadre=cadre,
        level="trung_cap",
        eligible=True,
        authority="BTV",
        document_number="5-QĐ/TU",
        decided_on=ON - dt.timedelta(days=30),
        reason="r",
        recorded_by=users["board"],
    )
    assert nominate(tree, programmes, users, make_cadre, cadre=cadre).special_case == special


def test_plan_actual_counts_each_stage(tree, programmes, users, make_cadre, plan, engine):
    """Plan versus actual: quota, live nominations, approved (and admitted), admitted, completed."""
    board, approver = users["board"], users["approver"]
    first = nominate(tree, programmes, users, make_cadre, cadre=make_cadre(tree["new_commune"], "Một"))
    second = nominate(tree, programmes, users, make_cadre, cadre=make_cadre(tree["new_commune"], "Hai"))
    for n in (first, second):
        move(n, "submit", by=board)
    move(first, "approve", by=approver)
    klass = cs.class_open(
        institution=tree["school"],
        programme=programmes["trung_cap"],
        code="TC-PA",
        name="TC",
        starts_on=ON,
        ends_on=ON + dt.timedelta(days=200),
        capacity=40,
        mode=StudyMode.FULL_TIME,
        by=users["school_officer"],
    )
    move(first, "admit", by=users["school_officer"], training_class=klass)
    first.enrolment.completed = True
    first.enrolment.save()
    move(second, "reject", by=approver, reason="Không phù hợp")
    [row] = selectors.plan_actual(plan)
    assert (row["line"].quota, row["nominated"], row["approved"], row["admitted"], row["completed"]) == (
        2,
        1,
        1,
        1,
        1,
    )
