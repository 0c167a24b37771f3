"""Discipline is recorded; an expulsion after the recognition decision takes the learner off it (the
record says so) and revokes the certificate already issued — the public verification then says revoked."""

import datetime as dt

import pytest
from django.core.cache import cache

from llct.credentials.models import Credential
from llct.credentials.services import credential_issue
from llct.training.choices import Discipline, EnrolmentStatus
from llct.training.models import DisciplineRecord
from llct.training.services.assessment.discipline import enrolment_discipline
from llct.training.services.assessment.results import class_assess
from llct.training.services.errors import TrainingRuleError
from llct.training.services.recognition import recognition_decide

from ..conftest import START, article


@pytest.fixture
def recognised(marked_class, users):
    klass = class_assess(marked_class, by=users["officer"])
    recognition_decide(
        klass,
        number="20-QĐ/TTCT",
        signed_on=START + dt.timedelta(days=9),
        signed_by="Đỗ Văn Nam",
        by=users["director"],
    )
    klass.refresh_from_db()
    return klass


@article("discipline")
def test_expulsion_after_recognition_revokes_the_certificate(client, recognised, users, article):
    director = users["director"]
    learner = recognised.enrolments.order_by("pk")[1]
    credential = credential_issue(learner, director)
    cache.clear()  # the verification page's rate limit
    assert "hợp lệ" in client.get(f"/verify/{credential.token}").content.decode()
    expelled = enrolment_discipline(
        learner,
        Discipline.EXPULSION,
        reason="Gian lận khi viết bài thu hoạch",
        document="31-QĐ/TTCT",
        on=START + dt.timedelta(days=20),
        revocation_reason="gian_lan",
        by=director,
    )
    assert expelled.status == EnrolmentStatus.EXPELLED and expelled.final_mark is None, article
    record = DisciplineRecord.objects.get(enrolment=learner)
    assert (record.kind, record.document, record.decided_on, record.recorded_by) == (
        Discipline.EXPULSION,
        "31-QĐ/TTCT",
        START + dt.timedelta(days=20),
        director,
    )
    assert record.recognition == recognised.recognition and record.revoked_serials == [credential.serial]
    assert not recognised.recognition.enrolments.filter(pk=learner.pk).exists()
    credential.refresh_from_db()
    assert credential.status == "thu_hoi" and "31-QĐ/TTCT" in credential.revocation_authority
    assert credential.revoked_on == START + dt.timedelta(days=20)
    page = client.get(f"/verify/{credential.token}").content.decode()
    assert "KHÔNG còn giá trị" in page, article
    assert (
        enrolment_discipline(learner, Discipline.EXPULSION, reason="x", document="y", by=director) == expelled
    )
    assert DisciplineRecord.objects.filter(enrolment=learner).count() == 1


def test_expulsion_needs_the_decision_number(recognised, users):
    learner = recognised.enrolments.order_by("pk")[2]
    with pytest.raises(TrainingRuleError) as refused:
        enrolment_discipline(learner, Discipline.EXPULSION, reason="Gian lận", by=users["director"])
    assert refused.value.field == "document"
    learner.refresh_from_db()
    assert learner.status == EnrolmentStatus.COMPLETED and not DisciplineRecord.objects.exists()
    assert Credential.objects.count() == 0


def test_warning_is_recorded_and_keeps_results(recognised, users):
    learner = recognised.enrolments.order_by("pk")[3]
    enrolment_discipline(learner, Discipline.WARNING, reason="Đi muộn", by=users["director"])
    learner.refresh_from_db()
    assert learner.discipline == Discipline.WARNING and learner.completed
    assert DisciplineRecord.objects.get().recognition is None
    assert recognised.recognition.enrolments.filter(pk=learner.pk).exists()
