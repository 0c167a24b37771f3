"""The programme catalogue as data: `data/programmes.yaml`, with citations, loaded into the database."""

from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from django.db import transaction

from llct.training.models import DEFAULT_BANDS, Module, Programme

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "programmes.yaml"


@cache
def catalogue_entries(path: Path = CATALOGUE) -> tuple[dict, ...]:
    """The entries of the shipped catalogue, as read from the YAML file."""
    with open(path, encoding="utf-8") as fh:
        return tuple(yaml.safe_load(fh))


@transaction.atomic
def catalogue_load(
    path: Path = CATALOGUE, *, programme_model=Programme, module_model=Module
) -> list[Programme]:
    """Create or update every programme and module of the catalogue file (idempotent). The data migration
    passes its historical models."""
    loaded = []
    for entry in catalogue_entries(path):
        programme, _created = programme_model.objects.update_or_create(
            code=entry["code"],
            defaults=dict(
                name=entry["name"],
                family=entry["family"],
                level=entry.get("level", ""),
                output=entry["output"],
                modes=list(entry.get("modes", [])),
                usual_duration=entry.get("usual_duration", ""),
                offered_from=entry.get("offered_from"),
                offered_until=entry.get("offered_until"),
                assessment_scheme=entry["assessment"],
                pass_mark=Decimal(str(entry.get("pass_mark", "5.0"))),
                bands=entry.get("bands", DEFAULT_BANDS),
                bands_assumed=entry.get("bands_assumed", False),
                min_learners=entry.get("min_learners", 0),
                target_groups=entry.get("target_groups", ""),
                citation=entry.get("citation", ""),
                assumptions=entry.get("assumptions", ""),
            ),
        )
        for order, module in enumerate(entry.get("modules", []), start=1):
            module_model.objects.update_or_create(
                programme=programme,
                code=module["code"],
                defaults=dict(
                    order=order,
                    name=module["name"],
                    periods=module["periods"],
                    has_exam=module.get("exam", False),
                ),
            )
        loaded.append(programme)
    return loaded
