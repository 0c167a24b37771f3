"""`demo_load`, everything `llct demo` loads: the same seed and date give the same demo, record for record."""

import datetime as dt

from django.db import transaction

from llct.credentials.models import Credential
from llct.demo.load import demo_load
from llct.registry.models import Cadre
from llct.training.models import Enrolment, Nomination

AS_OF = dt.date(2026, 11, 1)


def _snapshot() -> dict[str, list]:
    """What a user reads of the demo, keyed by codes (primary keys differ between loads on PostgreSQL)."""
    return {
        "cadres": list(
            Cadre.objects.order_by("code").values_list("code", "full_name", "birth_date", "unit__code")
        ),
        "learners": list(
            Enrolment.objects.order_by("training_class__code", "cadre__code").values_list(
                "training_class__code", "cadre__code", "cadre__full_name", "status", "final_mark"
            )
        ),
        "nominations": list(
            Nomination.objects.order_by(
                "cadre__code", "programme__code", "status", "nominated_on"
            ).values_list("cadre__code", "programme__code", "status", "nominated_on")
        ),
        "credentials": list(
            Credential.objects.order_by("serial").values_list("serial", "holder__code", "issued_on", "status")
        ),
    }


def _load(seed: int) -> dict[str, list]:
    with transaction.atomic():
        demo_load(size=300, seed=seed, as_of=AS_OF)
        snapshot = _snapshot()
        transaction.set_rollback(True)
    return snapshot


def test_the_same_seed_loads_the_same_demo(db):
    first = _load(seed=4)
    assert first["learners"] and first["nominations"] and first["credentials"]
    again = _load(seed=4)
    for key in first:
        assert again[key] == first[key], key
    other = _load(seed=5)
    assert other["cadres"] != first["cadres"]
