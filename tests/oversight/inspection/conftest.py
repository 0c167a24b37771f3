"""Fixtures of inspection: the programmes, small factories of classes and learners at the commune centre
and the school of province Bắc Sơn, and `found(code)`, what one check finds over a period."""

import datetime as dt

import pytest

from llct.oversight.inspection.checks import Period, Subtree, check_get
from llct.oversight.inspection.values import LABELS
from llct.training.choices import ClassStatus
from llct.training.models import Enrolment, Programme, TrainingClass
from llct.training.services.catalogue import catalogue_load

DAY = dt.date(2026, 3, 2)
END = dt.date(2026, 12, 31)


@pytest.fixture
def programmes(db):
    if not Programme.objects.exists():
        catalogue_load()
    return {p.code: p for p in Programme.objects.all()}


@pytest.fixture
def make_class(tree, programmes):
    codes = iter(range(1, 10_000))

    def make(
        programme="nhan_thuc_ve_dang", institution=None, starts_on=DAY, days=5, **fields
    ) -> TrainingClass:
        fields.setdefault("status", ClassStatus.IN_PROGRESS)
        return TrainingClass.objects.create(
            institution=institution or tree["centre"],
            programme=programmes[programme],
            code=f"T-{next(codes)}",
            name=f"Lớp {programme}",
            starts_on=starts_on,
            ends_on=starts_on + dt.timedelta(days=days),
            capacity=60,
            **fields,
        )

    return make


@pytest.fixture
def enrol(tree, make_cadre):
    def make(klass: TrainingClass, cadre=None, **fields) -> Enrolment:
        cadre = cadre or make_cadre(tree["new_commune"], "Học Viên")
        fields.setdefault("sending_unit", cadre.unit)
        return Enrolment.objects.create(training_class=klass, cadre=cadre, **fields)

    return make


def found(code: str, *, paths: tuple[str, ...] = (), start: dt.date | None = None, end: dt.date = END):
    """{(object kind, object id, part): offence} of check `code` over the subtree and period; every value
    it read has a label users can read."""
    offences = list(check_get(code).find(Subtree(paths), Period(start, end)))
    for offence in offences:
        assert set(offence.values) <= set(LABELS), set(offence.values) - set(LABELS)
    return {(o.object_kind, o.object_id, o.part): o for o in offences}
