"""Services that change cadre records. Every write goes through here so that the derived search and
sort columns stay right and the change lands in the audit trail with its author."""

from django.db import transaction

from llct.registry.models import Cadre
from llct.vntext import fold, name_sort_key, normalize


def cadre_prepare(cadre: Cadre) -> Cadre:
    """Normalise the name (NFC, single spaces) and fill the columns the list sorts and searches on."""
    cadre.full_name = normalize(cadre.full_name)
    cadre.name_sort_key = name_sort_key(cadre.full_name)
    cadre.name_search = fold(cadre.full_name)
    return cadre


@transaction.atomic
def cadre_save(cadre: Cadre, *, by=None, reason: str = "") -> Cadre:
    """Validate and save one cadre (new or changed), recording who changed it and why."""
    cadre_prepare(cadre)
    cadre.full_clean()
    if by is not None:
        cadre._history_user = by
    if reason:
        cadre._change_reason = reason
    cadre.save()
    return cadre
