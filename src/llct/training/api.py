"""Training endpoints: classes and nominations, always within the caller's scope."""

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from llct.api_paging import api_page
from llct.training import selectors

router = Router(tags=["training"])


class ClassOut(Schema):
    id: int
    code: str
    name: str
    institution: str
    programme: str
    mode: str
    starts_on: dt.date
    ends_on: dt.date
    capacity: int
    learners: int
    status: str


class LearnerOut(Schema):
    cadre: str
    full_name: str
    sending_unit: str
    status: str
    attendance_percent: Decimal | None
    final_mark: Decimal | None
    band: str
    completed: bool


class NominationOut(Schema):
    id: int
    cadre: str
    full_name: str
    programme: str
    sending_unit: str
    nominated_on: dt.date
    status: str
    eligible: bool | None
    special_case: bool
    eligibility: dict


def _class_out(c) -> ClassOut:
    return ClassOut(
        id=c.pk,
        code=c.code,
        name=c.name,
        institution=c.institution.code,
        programme=c.programme.code,
        mode=c.mode,
        starts_on=c.starts_on,
        ends_on=c.ends_on,
        capacity=c.capacity,
        learners=c.learners,
        status=c.status,
    )


@router.get("/classes", response=list[ClassOut])
def class_list(request, limit: int = 100, offset: int = 0):
    return [_class_out(c) for c in api_page(selectors.class_list(request.user), limit, offset)]


@router.get("/classes/{class_id}/learners", response=list[LearnerOut])
def class_learners(request, class_id: int):
    klass = get_object_or_404(selectors.class_list(request.user), pk=class_id)
    return [
        LearnerOut(
            cadre=e.cadre.code,
            full_name=e.cadre.full_name,
            sending_unit=e.sending_unit.code,
            status=e.status,
            attendance_percent=e.attendance_percent,
            final_mark=e.final_mark,
            band=e.band,
            completed=e.completed,
        )
        for e in klass.enrolments.select_related("cadre", "sending_unit")
    ]


@router.get("/nominations", response=list[NominationOut])
def nomination_list(request, status: str = "", limit: int = 100, offset: int = 0):
    nominations = selectors.nomination_list(request.user)
    if status:
        nominations = nominations.filter(status=status)
    return [
        NominationOut(
            id=n.pk,
            cadre=n.cadre.code,
            full_name=n.cadre.full_name,
            programme=n.programme.code,
            sending_unit=n.sending_unit.code,
            nominated_on=n.nominated_on,
            status=n.status,
            eligible=n.eligible,
            special_case=n.is_special_case,
            eligibility=n.eligibility,
        )
        for n in api_page(nominations, limit, offset)
    ]
