"""Services that change the unit tree. A unit is created under its parent and never moved: a
restructure closes units (valid_to) and opens new ones linked through `predecessors`, so the tree as it
stood on any date stays readable. Each change is one audit row holding the fields and the links.

Training institutions follow QĐ 360-QĐ/TW: district political centres ran until 28/08/2025; commune-level
political centres exist from 29/08/2025, and only they serve communes (wards, special zones), which must
be communes in force at some time while the centre is."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.registry.choices import TRAINING_INSTITUTION_KINDS, Tier, UnitKind
from llct.registry.models import Unit

DISTRICT_CENTRES_END = dt.date(2025, 8, 28)
COMMUNE_CENTRES_START = dt.date(2025, 8, 29)


def unit_problems(unit: Unit, served_communes: Iterable[Unit] = ()) -> dict[str, list[str]]:
    """What is wrong with `unit` and the communes it would serve, field by field (in Vietnamese)."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if unit.kind == UnitKind.DISTRICT_CENTRE and (
        unit.valid_to is None or unit.valid_to > DISTRICT_CENTRES_END
    ):
        add(
            "valid_to",
            _(
                "Trung tâm Chính trị cấp huyện chỉ hoạt động đến ngày 28/08/2025 (QĐ 360-QĐ/TW): hãy ghi "
                "ngày hết hiệu lực, muộn nhất là 28/08/2025."
            ),
        )
    if unit.kind == UnitKind.COMMUNE_CENTRE and (
        unit.valid_from is None or unit.valid_from < COMMUNE_CENTRES_START
    ):
        add(
            "valid_from",
            _(
                "Trung tâm Chính trị cấp xã có từ ngày 29/08/2025 (QĐ 360-QĐ/TW): hãy ghi ngày bắt đầu hiệu "
                "lực từ 29/08/2025 trở đi."
            ),
        )
    served = list(served_communes)
    if served and unit.kind != UnitKind.COMMUNE_CENTRE:
        add(
            "served_communes",
            _(
                "Chỉ Trung tâm Chính trị cấp xã mới được phân công phục vụ xã, phường, đặc khu; hãy bỏ các "
                "đơn vị được phục vụ hoặc đổi loại đơn vị."
            ),
        )
    for commune in served:
        if (
            commune.tier != Tier.COMMUNE
            or commune.kind in TRAINING_INSTITUTION_KINDS
            or commune.pk == unit.pk
        ):
            add(
                "served_communes",
                _("“%(unit)s” không phải là xã, phường, đặc khu nên không thể được phục vụ.")
                % {"unit": commune.name},
            )
        elif not _overlap(unit, commune):
            add(
                "served_communes",
                _(
                    "“%(unit)s” không còn hoặc chưa có hiệu lực trong thời gian của trung tâm; hãy chọn xã "
                    "đang có hiệu lực."
                )
                % {"unit": commune.name},
            )
    return errors


def _overlap(a: Unit, b: Unit) -> bool:
    return (a.valid_to is None or b.valid_from is None or b.valid_from <= a.valid_to) and (
        b.valid_to is None or a.valid_from is None or a.valid_from <= b.valid_to
    )


@transaction.atomic
def unit_save(
    unit: Unit,
    *,
    parent: Unit | None = None,
    predecessors: Iterable[Unit] | None = None,
    served_communes: Iterable[Unit] | None = None,
    by=None,
) -> Unit:
    """Create `unit` under `parent` (a root without one), or change it in place (the parent is ignored:
    units are never moved). Links given replace the unit's; None keeps them. Raises ValidationError."""
    if served_communes is not None:
        served = list(served_communes)
    else:
        served = list(unit.served_communes.all()) if unit.pk else []
    errors = unit_problems(unit, served)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    if errors:
        raise ValidationError(errors)
    audit(unit, by)
    created = unit.pk is None
    if not created:
        unit.skip_history_when_saving = True  # one audit row below, with the links as they end up
        unit.save()
    elif parent is None:
        unit = Unit.objects.add_root(instance=unit)
    else:
        unit = Unit.objects.add_child(Unit.objects.get(pk=parent.pk), instance=unit)
    if predecessors is not None or served_communes is not None:
        unit.skip_history_when_saving = True
        if predecessors is not None:
            unit.predecessors.set(predecessors)
        if served_communes is not None:
            unit.served_communes.set(served)
    if hasattr(unit, "skip_history_when_saving"):
        del unit.skip_history_when_saving
        unit.save()
    return unit
