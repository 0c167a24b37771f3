"""Properties of the statistics over random histories (classes, learners, briefings drawn by Hypothesis in
the test tree, which has the 2025 restructure: an old commune under a closed district, succeeded by a new
commune): a breakdown's cells sum to its total, subtotals to their rows, a parent unit's figure is the sum
of its children's and the figure of its subtree, and "as then" and "as now" give the same totals."""

import datetime as dt
import itertools

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llct.oversight.models import Briefing, BriefingAttendance
from llct.oversight.statistics.catalogue import indicators
from llct.oversight.statistics.engine import StatisticsQuery, statistics_table
from llct.registry.choices import Sector, Tier, UnitKind
from llct.registry.models import Cadre, Unit
from llct.training.choices import EnrolmentStatus
from llct.training.models import Enrolment, Programme, TrainingClass
from llct.training.services.catalogue import catalogue_load
from tests.conftest import add_unit

ADDITIVE = [
    "classes_opened",
    "classes_closed",
    "learner_places",
    "learners_assessed",
    "completed",
    "expelled",
]
ADDITIVE += ["briefing_attendance", "briefing_headcount", "update_class_places"]
DIMENSIONS = ["year", "month", "level", "programme", "family", "mode", "unit", "institution"]
DIMENSIONS += ["institution_kind", "sending_unit", "sector", "sex", "ethnicity", "age_band"]
INSTITUTIONS = ["district_centre", "school", "centre", "south_school"]
SENDERS = ["old_commune", "district", "new_commune", "north", "south_commune"]
PROGRAMMES = ["so_cap", "trung_cap", "cap_nhat", "chuyen_de", "nhan_thuc_ve_dang"]
STATUSES = [s.value for s in EnrolmentStatus]
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
    units["south_school"] = add_unit(
        tree["south"], "NH-TCT", "Trường Chính trị Nam Hà", Tier.PROVINCE, kind=UnitKind.PROVINCIAL_SCHOOL
    )
    units["programmes"] = {p.code: p for p in Programme.objects.all()}
    return units


learners = st.lists(
    st.tuples(
        st.sampled_from(SENDERS),
        st.sampled_from(STATUSES),
        st.sampled_from(["nam", "nu"]),
        st.sampled_from(["Kinh", "Tày", ""]),
        st.one_of(st.none(), st.dates(dt.date(1960, 1, 1), dt.date(2004, 12, 31))),
    ),
    max_size=4,
)
classes = st.lists(
    st.tuples(
        st.sampled_from(INSTITUTIONS),
        st.sampled_from(PROGRAMMES),
        st.dates(dt.date(2019, 1, 1), dt.date(2026, 12, 31)),
        st.integers(0, 200),
        learners,
    ),
    max_size=6,
)
briefings = st.lists(
    st.tuples(
        st.sampled_from(["centre", "north", "school"]),
        st.dates(dt.date(2019, 1, 1), dt.date(2026, 12, 31)),
        st.lists(
            st.tuples(st.sampled_from(SENDERS), st.integers(1, 500)), max_size=3, unique_by=lambda r: r[0]
        ),
    ),
    max_size=3,
)
queries = st.fixed_dictionaries(
    {
        "indicators": st.lists(
            st.sampled_from([*ADDITIVE, "pass_rate"]), min_size=1, max_size=3, unique=True
        ),
        "dims": st.lists(st.sampled_from(DIMENSIONS), min_size=1, max_size=3, unique=True),
        "split": st.integers(0, 2),
        "units": st.sampled_from(["as_then", "as_now"]),
        "unit": st.sampled_from(["", "BS", "NH", "BS-H1"]),
    }
)


def _make(world, drawn_classes, drawn_briefings) -> None:
    for institution, programme, starts, days, people in drawn_classes:
        n = next(_codes)
        klass = TrainingClass.objects.create(
            institution=world[institution],
            code=f"P{n}",
            name=f"Lớp {n}",
            programme=world["programmes"][programme],
            mode="tap_trung" if n % 2 else "",
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=days),
            capacity=50,
        )
        for sender, status, sex, ethnicity, born in people:
            cadre = Cadre.objects.create(
                code=f"H{next(_codes)}",
                full_name="Học viên",
                sex=sex,
                ethnicity=ethnicity,
                birth_date=born,
                unit=world[sender],
            )
            Enrolment.objects.create(
                training_class=klass, cadre=cadre, sending_unit=world[sender], status=status
            )
    for organiser, day, rows in drawn_briefings:
        briefing = Briefing.objects.create(
            date=day, topic="Quán triệt", kind="quan_triet", organiser=world[organiser]
        )
        for unit, attendees in rows:
            BriefingAttendance.objects.create(briefing=briefing, unit=world[unit], attendees=attendees)


def _query(q, **changes) -> StatisticsQuery:
    dims = q["dims"]
    split = min(q["split"], len(dims) - 1)
    fields = dict(
        indicators=tuple(q["indicators"]),
        rows=tuple(dims[: len(dims) - split]),
        columns=tuple(dims[len(dims) - split :]),
        units=q["units"],
        unit=q["unit"],
    )
    return StatisticsQuery(**(fields | changes))


def _check_sums(table) -> None:
    for ind in table.indicators:
        if (not ind.is_base and ind.kind != "parts") or not table.carries(ind):
            continue
        total = table.value(ind)
        columns = table.column_keys if table.column_dims else [None]
        cells = [table.value(ind, r, c) for r in table.row_keys for c in columns]
        assert sum(cells) == total, ind.code
        row_totals = [table.value(ind, r) for r in table.row_keys]
        assert sum(row_totals) == total, ind.code
        for depth in range(1, len(table.row_dims)):
            for prefix in {r[:depth] for r in table.row_keys}:
                children = [table.value(ind, r) for r in table.row_keys if r[:depth] == prefix]
                assert table.value(ind, prefix) == sum(children), (ind.code, prefix)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn_classes=classes, drawn_briefings=briefings, q=queries)
def test_breakdowns_add_up_and_units_then_and_now_agree(world, drawn_classes, drawn_briefings, q):
    with transaction.atomic():
        _make(world, drawn_classes, drawn_briefings)
        table = statistics_table(_query(q), ("",))
        _check_sums(table)
        other = "as_now" if q["units"] == "as_then" else "as_then"
        flipped = statistics_table(_query(q, units=other), ("",))
        for ind in table.indicators:
            assert table.value(ind) == flipped.value(ind), ind.code
        plain = statistics_table(_query(q, rows=(), columns=(), unit=""), ("",))
        country = statistics_table(_query(q, rows=(), columns=(), unit="", units=other), ("",))
        for ind in plain.indicators:
            assert plain.value(ind) == country.value(ind), ind.code
        transaction.set_rollback(True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    drawn_classes=classes,
    drawn_briefings=briefings,
    code=st.sampled_from(ADDITIVE),
    units=st.sampled_from(["as_then", "as_now"]),
)
def test_a_parent_unit_is_the_sum_of_its_children_and_of_its_subtree(
    world, drawn_classes, drawn_briefings, code, units
):
    with transaction.atomic():
        _make(world, drawn_classes, drawn_briefings)
        ind = indicators()[code]
        provinces = statistics_table(StatisticsQuery(indicators=(code,), rows=("unit",), units=units), ("",))
        below = statistics_table(
            StatisticsQuery(indicators=(code,), rows=("unit",), units=units, depth=3), ("",)
        )
        paths = {u.code: u.path for u in Unit.objects.all()}
        for (province,) in provinces.row_keys:
            children = [
                below.value(ind, (child,))
                for (child,) in below.row_keys
                if paths[child].startswith(paths[province])
            ]
            assert provinces.value(ind, (province,)) == sum(children), province
            subtree = statistics_table(StatisticsQuery(indicators=(code,), unit=province, units=units), ("",))
            assert subtree.value(ind) == provinces.value(ind, (province,)), province
        transaction.set_rollback(True)
