"""Objects for the project's scope matrix (tests/test_scope_matrix.py): one of each training object inside
province Bắc Sơn and one in Nam Hà; `training_url_kwargs(w, url_name)` → (inside kwargs, outside kwargs);
`TRAINING_ACTIONS`: the action a URL needs beyond Action.VIEW."""

import datetime as dt

from llct.accounts.permissions import Action
from llct.registry.choices import Sector, Tier, UnitKind
from llct.registry.models import Unit
from llct.training.choices import ClassStatus, LecturerKind
from llct.training.models import (
    Enrolment,
    Lecturer,
    Nomination,
    Programme,
    RecognitionDecision,
    Session,
    TrainingClass,
    TrainingPlan,
)
from llct.training.services.catalogue import catalogue_load

DAY = dt.date(2025, 12, 1)


def _objects(institution: Unit, commune: Unit, cadre, tag: str) -> dict:
    programme = Programme.objects.get(code="nhan_thuc_ve_dang")
    lecturer = Lecturer.objects.create(
        institution=institution, full_name=f"Giảng viên {tag}", kind=LecturerKind.FULL_TIME
    )
    exam_class = TrainingClass.objects.create(
        institution=institution,
        code=f"MATRIX-{tag}-TC",
        name="Lớp trung cấp",
        programme=Programme.objects.get(code="trung_cap"),
        starts_on=DAY,
        ends_on=DAY,
        capacity=30,
        status=ClassStatus.IN_PROGRESS,
    )
    klass = TrainingClass.objects.create(
        institution=institution,
        code=f"MATRIX-{tag}",
        name="Lớp",
        programme=programme,
        starts_on=DAY,
        ends_on=DAY,
        capacity=30,
        status=ClassStatus.RECOGNISED,
    )
    enrolment = Enrolment.objects.create(
        training_class=klass, cadre=cadre, sending_unit=commune, completed=True
    )
    session = Session.objects.create(training_class=klass, date=DAY, periods=4)
    decision = RecognitionDecision.objects.create(
        training_class=klass, number="1", signed_on=DAY, signed_by="A"
    )
    decision.enrolments.add(enrolment)
    plan = TrainingPlan.objects.create(unit=commune, year=2025)
    nomination = Nomination.objects.create(
        cadre=cadre, programme=programme, sending_unit=commune, nominated_on=DAY
    )
    return dict(
        klass=klass,
        enrolment=enrolment,
        session=session,
        plan=plan,
        nomination=nomination,
        lecturer=lecturer,
        exam_class=exam_class,
    )


def training_world(w) -> tuple[dict, dict]:
    """(inside, outside) objects, made once per matrix world."""
    if not hasattr(w, "_training"):
        if not Programme.objects.exists():
            catalogue_load()
        centre = Unit.objects.get(code="BS-TTCT1")
        south = Unit.objects.get(code="NH")
        other_centre = Unit.objects.add_child(
            south,
            create_kwargs=dict(
                code="NH-TTCT1",
                name="Trung tâm Chính trị xã Hòa Bình",
                tier=Tier.COMMUNE,
                kind=UnitKind.COMMUNE_CENTRE,
                sector=Sector.PUBLIC_SERVICE,
            ),
        )
        w._training = (
            _objects(centre, w.unit, w.cadre, "BS"),
            _objects(other_centre, w.other_unit, w.other_cadre, "NH"),
        )
    return w._training


def _kwargs(objects: dict, url_name: str) -> dict:
    klass, enrolment = objects["klass"], objects["enrolment"]
    return {
        "training:plan_detail": {"pk": objects["plan"].pk},
        "training:nomination_detail": {"pk": objects["nomination"].pk},
        "training:class_detail": {"pk": klass.pk},
        "training:class_assess": {"pk": klass.pk},
        "training:class_print": {"pk": klass.pk, "sheet": "diem"},
        "training:attendance": {"pk": klass.pk, "session_pk": objects["session"].pk},
        "training:essay_mark": {"pk": klass.pk, "enrolment_pk": enrolment.pk},
        "training:learner_action": {"pk": klass.pk, "enrolment_pk": enrolment.pk},
        "training:recognition_pdf": {"pk": klass.pk},
        "training:exam_marks": {"pk": objects["exam_class"].pk},
        "training:lecturer_edit": {"pk": objects["lecturer"].pk},
        "api:class_learners": {"class_id": klass.pk},
    }[url_name]


def training_url_kwargs(w, url_name: str) -> tuple[dict, dict]:
    inside, outside = training_world(w)
    return _kwargs(inside, url_name), _kwargs(outside, url_name)


TRAINING_URLS = (
    "training:plan_detail",
    "training:nomination_detail",
    "training:class_detail",
    "training:class_assess",
    "training:class_print",
    "training:attendance",
    "training:essay_mark",
    "training:learner_action",
    "training:recognition_pdf",
    "training:exam_marks",
    "training:lecturer_edit",
    "api:class_learners",
)
# POST-only pages: an empty form from an allowed role inside the scope redirects back to the class.
TRAINING_POST_URLS = {"training:essay_mark": 302, "training:learner_action": 302}
# What opening each URL needs beyond Action.VIEW (a GET for the others; the POSTs above).
TRAINING_ACTIONS = {
    "training:essay_mark": Action.ENTER_MARKS,
    "training:class_assess": Action.ENTER_MARKS,
    "training:learner_action": Action.ENTER_MARKS,
    "training:lecturer_edit": Action.RUN_TRAINING,
}
