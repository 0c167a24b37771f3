"""The training demo adds classes at every stage to whatever province is loaded, and the credentials demo
issues the certificates of the recognised one (leaving one overdue)."""

import datetime as dt

from llct.credentials.models import Credential
from llct.credentials.selectors import credentials_overdue
from llct.demo.accounts import DEMO_OPERATOR
from llct.demo.credentials import credentials_demo_load
from llct.demo.training import training_demo_load
from llct.registry.models import Cadre
from llct.training.choices import AppealOutcome, ClassStatus
from llct.training.models import Appeal, Mark, Nomination, RecognitionDecision, TrainingClass
from llct.training.services.assessment.essays import class_deadlines

TODAY = dt.date(2026, 3, 2)


def test_demo_has_classes_at_every_stage(tree, make_cadre, engine):
    for i in range(130):
        make_cadre(tree["new_commune"], f"Người Mẫu {i:03d}")
    counts = training_demo_load(None, seed=1, today=TODAY)
    classes = {c.code: c for c in TrainingClass.objects.all()}
    assert set(c.status for c in classes.values()) == {
        ClassStatus.OPEN,
        ClassStatus.IN_PROGRESS,
        ClassStatus.ASSESSED,
        ClassStatus.RECOGNISED,
    }
    assert counts["classes"] == 7 and counts["nominations"] == 11
    assert not classes["DEMO-CN-02"].enrolments.exists()  # planned
    assert classes["DEMO-CN-01"].enrolments.exists() and classes["DEMO-CN-01"].status == ClassStatus.OPEN
    running = classes["DEMO-NT-01"]
    assert running.sessions.filter(date__gt=TODAY).exists() and running.sessions.filter(
        attendance__isnull=False
    )
    late = [d for d in class_deadlines(classes["DEMO-CD-01"], TODAY) if d["late"]]
    assert [d["key"] for d in late] == ["hand_in"]  # marks entered, hand-in overdue
    outcomes = set(
        Appeal.objects.filter(essay__enrolment__training_class=classes["DEMO-DV-01"]).values_list(
            "outcome", flat=True
        )
    )
    assert outcomes == {AppealOutcome.CHANGED, AppealOutcome.UNCHANGED, AppealOutcome.DIRECTOR}
    assert Appeal.objects.get(outcome=AppealOutcome.DIRECTOR).decided_by.role == "giam_doc"
    assert RecognitionDecision.objects.get().enrolments.exists()
    assert Mark.objects.filter(enrolment__training_class=classes["DEMO-TC-01"]).exists()
    assert classes["DEMO-TC-01"].status == ClassStatus.IN_PROGRESS
    plan_approver = Nomination.objects.filter(status="da_duyet").first().log.get(to_status="da_duyet").by
    assert plan_approver.username != DEMO_OPERATOR  # segregation of duties
    assert training_demo_load(None, seed=1, today=TODAY)["classes"] == counts["classes"]
    assert Cadre.objects.count() == 130

    credentials_demo_load()
    recognised = classes["DEMO-KN-01"]
    assert Credential.objects.filter(enrolment__training_class=recognised).exists()
    operator = Nomination.objects.first().created_by
    assert credentials_overdue(operator, today=TODAY).filter(training_class=recognised).count() == 1
