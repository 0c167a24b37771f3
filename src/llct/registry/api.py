"""Registry endpoints: cadres and units, always within the caller's scope."""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from llct.accounts.permissions import Action, can
from llct.registry import selectors
from llct.registry.masking import mask_birth_date, mask_citizen_id

router = Router(tags=["registry"])
MAX_LIMIT = 500


class UnitOut(Schema):
    id: int
    code: str
    name: str
    tier: str
    sector: str
    kind: str
    valid_from: dt.date | None
    valid_to: dt.date | None


class CadreOut(Schema):
    id: int
    code: str
    full_name: str
    citizen_id: str | None
    birth_date: str | None
    sex: str
    unit: str
    party_status: str
    education: str
    theory_level: str


def _cadre_out(cadre, user) -> CadreOut:
    personal = can(user, Action.SEE_PERSONAL_DATA)
    return CadreOut(
        id=cadre.pk,
        code=cadre.code,
        full_name=cadre.full_name,
        citizen_id=cadre.citizen_id if personal else mask_citizen_id(cadre.citizen_id),
        birth_date=cadre.birth_date.isoformat()
        if personal and cadre.birth_date
        else mask_birth_date(cadre.birth_date),
        sex=cadre.sex,
        unit=cadre.unit.code,
        party_status=cadre.party_status,
        education=cadre.education,
        theory_level=cadre.theory_level,
    )


@router.get("/cadres", response=list[CadreOut])
def cadre_list(request, q: str = "", limit: int = 50, offset: int = 0):
    """Cadres in the caller's scope: `limit` of them (at least 1; more than 500 gives 500) from `offset`
    (0 or more). A limit below 1 or a negative offset answers 422 with the reason."""
    if limit < 1:
        raise HttpError(
            422,
            _("Tham số limit phải là số nguyên dương (tối đa %(max)s một lần; đã gửi %(value)s).")
            % {"max": MAX_LIMIT, "value": limit},
        )
    if offset < 0:
        raise HttpError(
            422, _("Tham số offset phải là số nguyên không âm (đã gửi %(value)s).") % {"value": offset}
        )
    cadres = selectors.cadre_list(request.user, q=q).select_related("unit")[
        offset : offset + min(limit, MAX_LIMIT)
    ]
    return [_cadre_out(c, request.user) for c in cadres]


@router.get("/cadres/{cadre_id}", response=CadreOut)
def cadre_detail(request, cadre_id: int):
    cadre = get_object_or_404(selectors.cadre_list(request.user).select_related("unit"), pk=cadre_id)
    return _cadre_out(cadre, request.user)


@router.get("/units", response=list[UnitOut])
def unit_list(request, on: dt.date | None = None):
    return list(selectors.unit_list(request.user, on=on))
