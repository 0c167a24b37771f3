"""Registry endpoints: cadres and units, always within the caller's scope."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from llct.accounts.permissions import Action, can
from llct.api_paging import api_page
from llct.registry import selectors
from llct.registry.masking import mask_birth_date, mask_citizen_id

router = Router(tags=["registry"])


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
    """Cadres in the caller's scope, `limit` of them from `offset` (see `llct.api_paging`)."""
    cadres = api_page(selectors.cadre_list(request.user, q=q).select_related("unit"), limit, offset)
    return [_cadre_out(c, request.user) for c in cadres]


@router.get("/cadres/{cadre_id}", response=CadreOut)
def cadre_detail(request, cadre_id: int):
    cadre = get_object_or_404(selectors.cadre_list(request.user).select_related("unit"), pk=cadre_id)
    return _cadre_out(cadre, request.user)


@router.get("/units", response=list[UnitOut])
def unit_list(request, on: dt.date | None = None):
    return list(selectors.unit_list(request.user, on=on))
