"""The training demo adds classes at every stage to whatever province is loaded."""

import datetime as dt

from llct.registry.models import Cadre
from llct.training.choices import ClassStatus
from llct.training.demo import training_demo_load
from llct.training.models import RecognitionDecision, TrainingClass


def test_demo_has_classes_at_every_stage(tree, make_cadre, engine):
    for i in range(120):
        make_cadre(tree["new_commune"], f"Người Mẫu {i:03d}")
    counts = training_demo_load(None, seed=1, today=dt.date(2026, 3, 2))
    statuses = set(TrainingClass.objects.values_list("status", flat=True))
    assert statuses == {
        ClassStatus.OPEN,
        ClassStatus.IN_PROGRESS,
        ClassStatus.ASSESSED,
        ClassStatus.RECOGNISED,
    }
    assert RecognitionDecision.objects.get().enrolments.exists()
    assert counts["nominations"] == 11
    assert training_demo_load(None, seed=1, today=dt.date(2026, 3, 2))["classes"] == counts["classes"]
    assert Cadre.objects.count() == 120
