"""Opening a class (field-level refusals, programme dates), the homeroom lecturer and the class
committee, a commune's learner list, lecturers."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from llct.training.choices import ClassStatus, CommitteeRole, EnrolmentStatus, LecturerKind, ManagementRole
from llct.training.models import Lecturer, TrainingClass
from llct.training.services import classes as cs
from llct.training.services.errors import TrainingRuleError

from ..conftest import START, article


def _open(tree, programmes, users, **kw):
    fields = dict(
        institution=tree["centre"],
        programme=programmes["cap_nhat"],
        code="CN-1",
        name="Cập nhật",
        starts_on=START,
        ends_on=START + dt.timedelta(days=1),
        capacity=30,
        by=users["officer"],
    )
    return cs.class_open(**{**fields, **kw})


def test_class_code_taken_and_dates_refused_on_their_field(tree, programmes, users):
    first = _open(tree, programmes, users)
    assert _open(tree, programmes, users).pk == first.pk  # the same form twice
    with pytest.raises(TrainingRuleError) as taken:
        _open(tree, programmes, users, programme=programmes["chuyen_de"])
    assert taken.value.field == "code" and taken.value.code == "code_taken"
    with pytest.raises(TrainingRuleError) as backwards:
        _open(tree, programmes, users, code="CN-2", ends_on=START - dt.timedelta(days=1))
    assert backwards.value.field == "ends_on"
    assert TrainingClass.objects.count() == 1


def test_so_cap_class_not_opened_after_2025_08_28(tree, programmes, users, make_user):
    """Sơ cấp is offered until 28/08/2025: a class starting later is refused with the citation."""
    from llct.accounts.models import Role
    from llct.registry.choices import Sector, Tier, UnitKind
    from llct.registry.models import Unit

    district_centre = Unit.objects.add_child(
        tree["district"],
        create_kwargs=dict(
            code="BS-H1-TTCT",
            name="Trung tâm Chính trị huyện Tiên Phong",
            tier=Tier.DISTRICT,
            kind=UnitKind.DISTRICT_CENTRE,
            sector=Sector.PUBLIC_SERVICE,
            valid_to=dt.date(2025, 6, 30),
        ),
    )
    officer = make_user(Role.ACADEMIC_OFFICER, district_centre)
    kw = dict(institution=district_centre, programme=programmes["so_cap"], by=officer)
    with pytest.raises(TrainingRuleError) as late:
        _open(
            tree,
            programmes,
            users,
            code="SC-2",
            starts_on=dt.date(2025, 9, 2),
            ends_on=dt.date(2025, 10, 2),
            **kw,
        )
    assert late.value.code == "not_offered" and late.value.field == "starts_on"
    assert "28/08/2025" in str(late.value) and "QĐ 350-QĐ/TW" in late.value.citation
    klass = _open(
        tree, programmes, users, code="SC-1", starts_on=dt.date(2025, 3, 3), ends_on=dt.date(2025, 4, 3), **kw
    )
    assert klass.programme.code == "so_cap"


def test_homeroom_set(commune_class, users, lecturers, tree):
    """QĐ 1147: one homeroom lecturer per class, a lecturer of the institution still teaching."""
    klass = commune_class()
    assert cs.homeroom_set(klass, lecturers[1], by=users["officer"]).homeroom_lecturer == lecturers[1]
    assert klass.history.first().history_user == users["officer"]
    outsider = Lecturer.objects.create(
        institution=tree["school"], full_name="Ở Trường", kind=LecturerKind.FULL_TIME
    )
    with pytest.raises(TrainingRuleError) as foreign:
        cs.homeroom_set(klass, outsider, by=users["officer"])
    assert foreign.value.field == "homeroom_lecturer"
    lecturers[2].active = False
    lecturers[2].save()
    with pytest.raises(TrainingRuleError):
        cs.homeroom_set(klass, lecturers[2], by=users["officer"])
    for user in (users["lecturer"], users["school_officer"]):
        with pytest.raises(PermissionDenied):
            cs.homeroom_set(klass, lecturers[0], by=user)
    klass.refresh_from_db()
    assert klass.homeroom_lecturer == lecturers[1]


def test_committee_set_one_monitor(commune_class, users):
    """QĐ 1147: one class committee per class; a new monitor replaces the former; "" takes a learner off."""
    klass = commune_class()
    first, second, third = klass.enrolments.order_by("pk")[:3]
    by = users["officer"]
    cs.committee_set(first, CommitteeRole.MONITOR, by=by)
    cs.committee_set(third, CommitteeRole.DEPUTY, by=by)
    cs.committee_set(second, CommitteeRole.MONITOR, by=by)
    roles = dict(klass.enrolments.exclude(committee_role="").values_list("pk", "committee_role"))
    assert roles == {second.pk: CommitteeRole.MONITOR, third.pk: CommitteeRole.DEPUTY}
    cs.committee_set(third, "", by=by)
    third.refresh_from_db()
    assert third.committee_role == ""
    with pytest.raises(TrainingRuleError) as bad:
        cs.committee_set(first, "truong_ban", by=by)
    assert bad.value.field == "committee_role"
    first.status = EnrolmentStatus.WITHDRAWN
    first.save()
    with pytest.raises(TrainingRuleError):
        cs.committee_set(first, CommitteeRole.DEPUTY, by=by)
    with pytest.raises(PermissionDenied):
        cs.committee_set(second, CommitteeRole.DEPUTY, by=users["inspector"])


@article("min_learners")
def test_commune_list_enrolment(tree, programmes, users, lecturers, make_cadre, article):
    """Communes send learner lists to commune-centre courses: all or none, each from the sending unit."""
    klass = _open(tree, programmes, users, programme=programmes["ky_nang"], homeroom_lecturer=lecturers[0])
    sent = [make_cadre(tree["new_commune"], f"Xã Gửi {i}") for i in range(25)]
    cs.enrolment_add_list(klass, sent, sending_unit=tree["new_commune"], by=users["officer"])
    assert cs.class_start(klass, by=users["officer"]).status == ClassStatus.IN_PROGRESS, article
    with pytest.raises(TrainingRuleError) as elsewhere:
        cs.enrolment_add_list(
            klass,
            [make_cadre(tree["south_commune"], "Nơi Khác")],
            sending_unit=tree["new_commune"],
            by=users["officer"],
        )
    assert elsewhere.value.field == "cadres"
    full = [make_cadre(tree["new_commune"], f"Thêm {i}") for i in range(6)]  # capacity 30
    with pytest.raises(TrainingRuleError) as over:
        cs.enrolment_add_list(klass, full, sending_unit=tree["new_commune"], by=users["officer"])
    assert over.value.code == "full" and klass.enrolments.count() == 25


def test_commune_list_only_for_commune_courses(tree, programmes, users, make_cadre):
    klass = cs.class_open(
        institution=tree["school"],
        programme=programmes["trung_cap"],
        code="TC-L",
        name="TC",
        starts_on=START,
        ends_on=START + dt.timedelta(days=100),
        capacity=40,
        mode="tap_trung",
        by=users["school_officer"],
    )
    with pytest.raises(TrainingRuleError) as refused:
        cs.enrolment_add_list(
            klass,
            [make_cadre(tree["new_commune"], "A")],
            sending_unit=tree["new_commune"],
            by=users["school_officer"],
        )
    assert refused.value.code == "not_commune_course"


@pytest.mark.parametrize(
    ("kind", "role", "child", "field"),
    [
        (LecturerKind.FULL_TIME, ManagementRole.DEPUTY_DIRECTOR, dt.date(2025, 6, 1), None),
        (LecturerKind.CONCURRENT, ManagementRole.DIRECTOR, None, "management_role"),
        (LecturerKind.VISITING, "", dt.date(2025, 6, 1), "youngest_child_born_on"),
        (LecturerKind.VISITING, "", None, None),
    ],
)
def test_lecturer_save(tree, users, kind, role, child, field):
    """QĐ 1147 art. 13: the management share and the child reduction concern full-time lecturers."""
    lecturer = Lecturer(
        institution=tree["centre"],
        full_name=" Mai Thị Hạnh ",
        kind=kind,
        management_role=role,
        youngest_child_born_on=child,
    )
    if field:
        with pytest.raises(TrainingRuleError) as refused:
            cs.lecturer_save(lecturer, by=users["officer"])
        assert refused.value.field == field and not Lecturer.objects.exists()
    else:
        saved = cs.lecturer_save(lecturer, by=users["officer"])
        assert saved.full_name == "Mai Thị Hạnh" and saved.history.first().history_user == users["officer"]


def test_lecturer_save_scope(tree, users):
    with pytest.raises(PermissionDenied):
        cs.lecturer_save(
            Lecturer(institution=tree["school"], full_name="A", kind="co_huu"), by=users["officer"]
        )
    own = cs.lecturer_save(
        Lecturer(institution=tree["centre"], full_name="B", kind="co_huu"), by=users["officer"]
    )
    own.institution = tree["school"]
    with pytest.raises(PermissionDenied):  # moving it to an institution outside the scope
        cs.lecturer_save(own, by=users["officer"])
