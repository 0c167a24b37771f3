"""The kept aggregates (tallies) give the same tables as the records, and are used only while fresh.

The property draws histories of classes, learners, documents (issued on time or late, revoked, re-issued)
and briefings in the test tree (with the 2025 restructure and an institution still in force under the
closed district), rebuilds the tallies, and asks random queries of both sources: the whole table (cells,
totals, subtotals, labels) must be the same, and the tallies must really answer what they keep."""

import datetime as dt
import itertools

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from llct.credentials.choices import CredentialKind, CredentialStatus
from llct.credentials.models import CertificateRegister, Credential
from llct.oversight.models import Briefing, BriefingAttendance, ClassTally, TallyRefresh, TallyState
from llct.oversight.statistics.aggregates import TallySource
from llct.oversight.statistics.catalogue import base_parts, indicators
from llct.oversight.statistics.dimensions import DIMENSIONS as DIMENSIONS_BY_CODE
from llct.oversight.statistics.engine import StatisticsQuery, statistics_table
from llct.oversight.statistics.keeping import classes_changed, tallies_fresh, tallies_rebuild
from llct.oversight.statistics.sources import OrmSource
from llct.registry.choices import Sector, Tier, UnitKind
from llct.registry.models import Cadre
from llct.training.choices import EnrolmentStatus
from llct.training.models import Enrolment, Programme, RecognitionDecision, TrainingClass
from llct.training.services.catalogue import catalogue_load
from tests.conftest import add_unit

INDICATORS = [
    "classes_opened",
    "classes_closed",
    "learner_places",
    "learners_assessed",
    "completed",
    "not_completed",
    "expelled",
    "pass_rate",
    "update_class_places",
    "credentials_issued",
    "credentials_reissued",
    "credentials_revoked",
    "credentials_late",
    "mean_days_to_issue",
    "briefing_attendance",
]
KEPT_DIMENSIONS = ["year", "month", "level", "programme", "family", "mode", "unit", "institution"]
KEPT_DIMENSIONS += ["institution_kind"]
DIMENSIONS = [*KEPT_DIMENSIONS, "sex", "sending_unit"]  # the last two are read from the records
INSTITUTIONS = ["district_centre", "lingering_centre", "school", "centre", "south_school"]
SENDERS = ["old_commune", "district", "new_commune", "north", "south_commune"]
PROGRAMMES = ["so_cap", "trung_cap", "cap_nhat", "nhan_thuc_ve_dang"]
STATUSES = [s.value for s in EnrolmentStatus] + [EnrolmentStatus.COMPLETED] * 3
_codes = itertools.count(1)


@pytest.fixture
def world(tree):
    if not Programme.objects.exists():
        catalogue_load()
    units = dict(tree)
    units["district_centre"] = add_unit(
        tree["district"],
        "BS-H1-TT",
        "Trung tâm Chính trị huyện",
        Tier.DISTRICT,
        kind=UnitKind.DISTRICT_CENTRE,
        sector=Sector.PUBLIC_SERVICE,
        valid_to=dt.date(2025, 8, 28),
    )
    # In force under a closed district: as now it counts under the district, which counts elsewhere.
    units["lingering_centre"] = add_unit(
        tree["district"],
        "BS-H1-TB",
        "Trung tâm bồi dưỡng huyện",
        Tier.DISTRICT,
        kind=UnitKind.DISTRICT_CENTRE,
        sector=Sector.PUBLIC_SERVICE,
    )
    units["south_school"] = add_unit(
        tree["south"], "NH-TCT", "Trường Chính trị Nam Hà", Tier.PROVINCE, kind=UnitKind.PROVINCIAL_SCHOOL
    )
    units["programmes"] = {p.code: p for p in Programme.objects.all()}
    return units


# A learner: sending unit, outcome, sex, and the document of a completed one: none, or (days from the
# recognition to issue, revoked after so many days or not, re-issued or not).
documents = st.one_of(
    st.none(), st.tuples(st.integers(0, 40), st.one_of(st.none(), st.integers(1, 400)), st.booleans())
)
learners = st.lists(
    st.tuples(st.sampled_from(SENDERS), st.sampled_from(STATUSES), st.sampled_from(["nam", "nu"]), documents),
    min_size=1,
    max_size=4,
)
classes = st.lists(
    st.tuples(
        st.sampled_from(INSTITUTIONS),
        st.sampled_from(PROGRAMMES),
        st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)),
        st.integers(0, 200),
        learners,
    ),
    min_size=1,
    max_size=5,
)
queries = st.fixed_dictionaries(
    {
        "indicators": st.lists(st.sampled_from(INDICATORS), min_size=1, max_size=3, unique=True),
        "dims": st.lists(st.sampled_from(DIMENSIONS), max_size=3, unique=True),
        "split": st.integers(0, 2),
        "units": st.sampled_from(["as_then", "as_now"]),
        "unit": st.sampled_from(["", "BS", "NH", "BS-H1", "BS-X1"]),
        "depth": st.sampled_from([None, 2, 3, 4]),
        "years": st.sampled_from([(None, None), (2023, 2023), (2021, 2025), (2026, None)]),
        "level": st.sampled_from([(), ("so_cap",), ("trung_cap", "")]),
        "scope": st.sampled_from(["", "north"]),
    }
)


def _document(enrolment, recognition, drawn) -> None:
    issue_days, revoke_days, reissued = drawn
    institution = enrolment.training_class.institution
    register, _ = CertificateRegister.objects.get_or_create(
        institution=institution, kind=CredentialKind.DIPLOMA
    )
    issued_on = recognition.signed_on + dt.timedelta(days=issue_days)

    def make(**fields) -> Credential:
        number = next(_codes)
        return Credential.objects.create(
            register=register,
            year=issued_on.year,
            number=number,
            serial=f"{institution.code}/BTN/{issued_on.year}/{number:06d}",
            holder_id=enrolment.cadre_id,
            enrolment=enrolment,
            programme_id=enrolment.training_class.programme_id,
            recognition=recognition,
            issued_on=issued_on,
            signed_by="Giám đốc",
            **fields,
        )

    first = make(status=CredentialStatus.REPLACED if reissued else CredentialStatus.VALID)
    revoked = {}
    if revoke_days is not None:
        revoked = dict(status=CredentialStatus.REVOKED, revoked_on=issued_on + dt.timedelta(days=revoke_days))
    if reissued:
        make(replaces=first, **revoked)
    elif revoked:
        Credential.objects.filter(pk=first.pk).update(**revoked)


def _make(world, drawn_classes) -> None:
    for institution, programme, starts, days, people in drawn_classes:
        n = next(_codes)
        klass = TrainingClass.objects.create(
            institution=world[institution],
            code=f"T{n}",
            name=f"Lớp {n}",
            programme=world["programmes"][programme],
            mode="tap_trung" if n % 2 else "",
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=days),
            capacity=50,
        )
        recognition = RecognitionDecision.objects.create(
            training_class=klass, number=f"{n}/QĐ", signed_on=klass.ends_on, signed_by="Giám đốc"
        )
        for sender, status, sex, document in people:
            cadre = Cadre.objects.create(
                code=f"K{next(_codes)}", full_name="Học viên", sex=sex, unit=world[sender]
            )
            enrolment = Enrolment.objects.create(
                training_class=klass, cadre=cadre, sending_unit=world[sender], status=status
            )
            if document is not None and status == EnrolmentStatus.COMPLETED:
                _document(enrolment, recognition, document)
    briefing = Briefing.objects.create(
        date=dt.date(2025, 11, 10), topic="Quán triệt", kind="quan_triet", organiser=world["centre"]
    )
    BriefingAttendance.objects.create(briefing=briefing, unit=world["new_commune"], attendees=70)


class _Counted:
    """The records as a fallback, counting which indicators it answered."""

    def __init__(self) -> None:
        self.records = OrmSource()
        self.asked: list[str] = []

    def groups(self, indicator, plan):
        self.asked.append(indicator.code)
        return self.records.groups(indicator, plan)


def _query(q) -> StatisticsQuery:
    dims = q["dims"]
    split = min(q["split"], max(len(dims) - 1, 0))
    filters = (("level", q["level"]),) if q["level"] else ()
    return StatisticsQuery(
        indicators=tuple(q["indicators"]),
        rows=tuple(dims[: len(dims) - split]),
        columns=tuple(dims[len(dims) - split :]),
        filters=filters,
        year_from=q["years"][0],
        year_to=q["years"][1],
        units=q["units"],
        unit=q["unit"] if not q["scope"] or q["unit"] in ("BS", "BS-H1", "BS-X1") else "",
        depth=q["depth"],
    )


_EXAMPLE_QUERY = dict(
    indicators=["learner_places", "credentials_issued", "credentials_reissued"],
    dims=["unit", "year"],
    split=1,
    units="as_now",
    unit="",
    depth=3,
    years=(None, None),
    level=(),
    scope="",
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=classes, q=queries)
@example(  # in force under the closed district: as now it counts under the district's code
    drawn=[("lingering_centre", "so_cap", dt.date(2024, 3, 1), 10, [("north", "hoan_thanh", "nu", None)])],
    q=_EXAMPLE_QUERY,
)
@example(  # re-issued and revoked documents
    drawn=[
        (
            "school",
            "so_cap",
            dt.date(2024, 3, 1),
            10,
            [("north", "hoan_thanh", "nu", (20, None, True)), ("north", "hoan_thanh", "nam", (3, 30, False))],
        )
    ],
    q=_EXAMPLE_QUERY | {"units": "as_then", "depth": None},
)
def test_tallies_give_the_tables_of_the_records(world, drawn, q):
    with transaction.atomic():
        _make(world, drawn)
        tallies_rebuild()
        query = _query(q)
        scope = (world[q["scope"]].path,) if q["scope"] else ("",)
        fallback = _Counted()
        kept = statistics_table(query, scope, source=TallySource(fallback=fallback))
        records = statistics_table(query, scope, source=OrmSource())
        assert kept.as_dict() == records.as_dict()
        for code in {p for c in query.indicators for p in base_parts(indicators()[c])}:
            ind = indicators()[code]
            if not all(DIMENSIONS_BY_CODE[n].applies(ind) for n, _v in query.filters):
                continue  # no figure at all
            asked = {"sex", "sending_unit"} & set(query.dimensions)
            learner = any(DIMENSIONS_BY_CODE[d].applies(ind) for d in asked)
            kept_fact = ind.fact in ("classes", "enrolments", "credentials")
            assert (code in fallback.asked) == (not kept_fact or learner), code
        transaction.set_rollback(True)


def test_the_tallies_stand_in_only_when_fresh_for_the_subtree(world):
    _make(world, [("school", "trung_cap", dt.date(2024, 9, 1), 100, [("north", "hoan_thanh", "nu", None)])])
    assert not tallies_fresh(("",), None)  # never built
    tallies_rebuild()
    north, south = (world["north"].path,), (world["south"].path,)
    assert tallies_fresh(("",), None) and tallies_fresh(north, None)

    klass = TrainingClass.objects.get(institution=world["school"])
    classes_changed([klass.pk])  # the callbacks of the test's transaction never run: it stays waiting
    assert TallyRefresh.objects.filter(training_class_id=klass.pk, unit_path=world["school"].path).exists()
    assert not tallies_fresh(("",), None) and not tallies_fresh(north, None)
    assert tallies_fresh(south, None)

    TallyRefresh.objects.all().delete()
    Enrolment.objects.bulk_create(  # around the signals: a higher id than the tallies have seen
        [
            Enrolment(
                training_class=klass,
                cadre=Cadre.objects.create(code="KB1", full_name="Học viên", sex="nam", unit=world["north"]),
                sending_unit=world["north"],
                status="hoan_thanh",
            )
        ]
    )
    assert not tallies_fresh(south, None)
    tallies_rebuild()
    assert tallies_fresh(("",), None)


def test_a_change_refreshes_its_class_through_the_task_queue(world, django_capture_on_commit_callbacks):
    learner = ("new_commune", "dang_hoc", "nam", None)
    _make(world, [("centre", "cap_nhat", dt.date(2025, 10, 1), 2, [learner])])
    tallies_rebuild()
    enrolment = Enrolment.objects.get()
    query = StatisticsQuery(indicators=("completed", "learner_places"), rows=("year",))
    refuse = TallySource(fallback=_Refused())

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enrolment.status = EnrolmentStatus.COMPLETED
        enrolment.save()
        enrolment.save()  # marked once, refreshed once
        assert TallyRefresh.objects.count() == 1
    assert len(callbacks) == 1
    assert not TallyRefresh.objects.exists()
    table = statistics_table(query, ("",), source=refuse)
    assert table.value(indicators()["completed"], ("2025",)) == 1

    with transaction.atomic():  # a change rolled back marks nothing
        sid = transaction.savepoint()
        enrolment.status = EnrolmentStatus.NOT_COMPLETED
        enrolment.save()
        transaction.savepoint_rollback(sid)
    assert not TallyRefresh.objects.exists()
    assert ClassTally.objects.filter(status="hoan_thanh", learners=1).exists()
    assert TallyState.objects.get().refreshed_at is not None


class _Refused:
    def groups(self, indicator, plan):
        raise AssertionError(f"{indicator.code} was read from the records")


def test_recognition_issue_revocation_and_bulk_issue_keep_the_tallies(
    world, make_user, make_cadre, django_capture_on_commit_callbacks
):
    """Through the services: each step refreshes its class, and the figures read from the tallies (never
    from the records) are those of the records."""
    from llct.accounts.models import Role
    from llct.credentials.services.issue import credential_issue, credential_issue_class
    from llct.credentials.services.lifecycle import credential_revoke
    from llct.training.choices import ClassStatus
    from llct.training.services.recognition import recognition_decide

    director = make_user(Role.DIRECTOR, world["centre"])
    # The test's transaction never commits: each step has its own savepoint, as each request would.
    with transaction.atomic():
        klass = TrainingClass.objects.create(
            institution=world["centre"],
            code="NT-1",
            name="Nhận thức về Đảng",
            programme=world["programmes"]["nhan_thuc_ve_dang"],
            starts_on=dt.date(2026, 3, 2),
            ends_on=dt.date(2026, 3, 6),
            capacity=10,
            status=ClassStatus.ASSESSED,
        )
        enrolments = [
            Enrolment.objects.create(
                training_class=klass,
                cadre=make_cadre(world["new_commune"], f"Học viên {i}"),
                sending_unit=world["new_commune"],
                status=EnrolmentStatus.COMPLETED,
                completed=True,
            )
            for i in range(3)
        ]
    tallies_rebuild()
    query = StatisticsQuery(
        indicators=("credentials_issued", "credentials_revoked", "credentials_late", "completed"),
        rows=("unit", "year"),
        unit="BS",
    )

    def figures() -> dict:
        assert tallies_fresh(("",), None)
        kept = statistics_table(query, ("",), source=TallySource(fallback=_Refused())).as_dict()
        assert kept == statistics_table(query, ("",), source=OrmSource()).as_dict()
        return kept["total"]

    def step(action) -> dict:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            result = action()
        assert not TallyRefresh.objects.exists()
        return result

    signed = dt.date(2026, 3, 6)
    step(lambda: recognition_decide(klass, number="5/QĐ", signed_on=signed, signed_by="A", by=director))
    credential = step(lambda: credential_issue(enrolments[0], director, issued_on=dt.date(2026, 3, 30)))
    expected = {"credentials_issued": 1, "credentials_revoked": 0, "credentials_late": 1, "completed": 3}
    assert figures() == expected
    revoked = dt.date(2026, 4, 2)
    step(lambda: credential_revoke(credential, "sai_sot", "QĐ 9/QĐ", director, revoked_on=revoked))
    assert figures()["credentials_revoked"] == 1
    step(lambda: credential_issue_class(klass, director))  # the bulk issue runs on commit (Huey, immediate)
    assert figures()["credentials_issued"] == 3
