"""Fixtures of credentials: a commune-centre certificate programme, a sơ cấp diploma programme, and a
factory for classes whose learners completed and are listed in a recognition decision."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from llct.accounts.models import Role
from llct.training.choices import AssessmentScheme, EnrolmentStatus, ProgrammeFamily, ProgrammeOutput
from llct.training.models import Enrolment, Programme, RecognitionDecision, TrainingClass

_seq = itertools.count(1)


@pytest.fixture
def programmes(db):
    def make(code, output, family=ProgrammeFamily.COMMUNE_CENTRE, **kw):
        return Programme.objects.create(
            code=code,
            name=kw.pop("name", code),
            family=family,
            output=output,
            assessment_scheme=AssessmentScheme.ESSAY_QD1147,
            **kw,
        )

    return {
        "party_awareness": make(
            "TTCT_XA_NHAN_THUC", ProgrammeOutput.CERTIFICATE, name="Bồi dưỡng nhận thức về Đảng"
        ),
        "topic": make("TTCT_XA_CHUYEN_DE", ProgrammeOutput.DECISION_ONLY, name="Bồi dưỡng chuyên đề"),
        "so_cap": make(
            "SO_CAP",
            ProgrammeOutput.DIPLOMA,
            family=ProgrammeFamily.LLCT_LEVEL,
            name="Sơ cấp lý luận chính trị",
            level="so_cap",
        ),
    }


@pytest.fixture
def make_class(tree, make_cadre):
    """A class of `size` learners at `institution`, all completed; recognised on `recognised_on`
    unless that is None."""

    def make(programme, size=3, institution=None, recognised_on=dt.date(2026, 3, 2), names=None):
        institution = institution or tree["centre"]
        n = next(_seq)
        klass = TrainingClass.objects.create(
            institution=institution,
            code=f"L{n:04d}",
            name=f"Lớp {n}",
            programme=programme,
            starts_on=dt.date(2026, 1, 5),
            ends_on=dt.date(2026, 2, 20),
            capacity=max(size, 1),
        )
        enrolments = []
        for i in range(size):
            name = names[i] if names else f"Trần Thị Học Viên {n}-{i}"
            cadre = make_cadre(tree["new_commune"], name, citizen_id=f"001085{n % 100:02d}{i:04d}")
            enrolments.append(
                Enrolment.objects.create(
                    training_class=klass,
                    cadre=cadre,
                    sending_unit=tree["new_commune"],
                    status=EnrolmentStatus.COMPLETED,
                    completed=True,
                    final_mark=Decimal("8.25"),
                    band="gioi",
                )
            )
        if recognised_on is not None:
            decision = RecognitionDecision.objects.create(
                training_class=klass,
                number=f"{n}/QĐ-TTCT",
                signed_on=recognised_on,
                signed_by="Lê Văn Giám",
                signer_title="Giám đốc",
            )
            decision.enrolments.set(enrolments)
        return klass

    return make


@pytest.fixture
def officer(tree, make_user):
    return make_user(Role.ACADEMIC_OFFICER, tree["centre"])
