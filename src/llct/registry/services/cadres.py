"""Services that change cadre records. Every write goes through here so that the derived search and
sort columns stay right and the change lands in the audit trail with its author."""

from django.db import transaction

from llct.accounts.audit import audit
from llct.registry.models import Cadre
from llct.vntext import fold, name_sort_key, normalize


def name_columns(full_name: str) -> tuple[str, str, str]:
    """The name as stored (NFC, single spaces) and the columns the list sorts and searches on."""
    name = normalize(full_name)
    return name, name_sort_key(name), fold(name)


def cadre_prepare(cadre: Cadre) -> Cadre:
    """Normalise the name and fill the columns the list sorts and searches on (`name_columns`)."""
    cadre.full_name, cadre.name_sort_key, cadre.name_search = name_columns(cadre.full_name)
    return cadre


@transaction.atomic
def cadre_save(cadre: Cadre, *, by=None, reason: str = "") -> Cadre:
    """Validate and save one cadre (new or changed), recording who changed it and why."""
    cadre_prepare(cadre)
    cadre.full_clean()
    audit(cadre, by, reason)
    cadre.save()
    return cadre
