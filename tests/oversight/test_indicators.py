"""Every indicator of the catalogue counted over the known history of tests/oversight/conftest.py and
checked against a hand count: the whole country, province Bắc Sơn's scope, and by year."""

from decimal import Decimal

import pytest

from llct.oversight.statistics.catalogue import CatalogueError, Indicator, indicators
from llct.oversight.statistics.engine import StatisticsQuery, statistics_table
from llct.registry.scope import scope_paths

# code: (whole country, Bắc Sơn, {year: whole country})
HAND_COUNTS = {
    "classes_opened": (4, 3, {"2023": 1, "2024": 2, "2025": 1}),
    "classes_closed": (4, 3, {"2023": 1, "2024": 1, "2025": 2}),
    "learner_places": (11, 9, {"2023": 3, "2024": 4, "2025": 4}),
    "learners_assessed": (11, 9, {"2023": 3, "2024": 2, "2025": 6}),
    "completed": (9, 7, {"2023": 2, "2024": 2, "2025": 5}),
    "not_completed": (1, 1, {"2023": 1}),
    "expelled": (1, 1, {"2025": 1}),
    "pass_rate": (81.8, 77.8, {"2023": 66.7, "2024": 100.0, "2025": 83.3}),
    "credentials_issued": (2, 2, {"2023": 2}),
    "credentials_reissued": (0, 0, {}),
    "credentials_revoked": (1, 1, {"2024": 1}),
    "credentials_late": (1, 1, {"2023": 1}),
    "days_to_issue": (28, 28, {"2023": 28}),
    "mean_days_to_issue": (14.0, 14.0, {"2023": 14.0}),
    "briefings_held": (1, 1, {"2025": 1}),
    "briefing_headcount": (150, 150, {"2025": 150}),
    "update_class_places": (4, 4, {"2025": 4}),
    "briefing_attendance": (154, 154, {"2025": 154}),
    "nominations_submitted": (3, 3, {"2024": 2, "2025": 1}),
    "nominations_approved": (1, 1, {"2024": 1}),
    "nominations_rejected": (1, 1, {"2024": 1}),
    "plan_quota": (5, 5, {"2024": 5}),
    "plan_nominated": (1, 1, {"2024": 1}),
    "plan_admitted": (1, 1, {"2024": 1}),
    "plan_completed": (1, 1, {"2024": 1}),
    "plan_fulfilment": (20.0, 20.0, {"2024": 20.0}),
    "lecturer_hours": (9, 9, {"2023": 9}),
    # Phạm Thị Hoa, full time at the district centre: 4 + 5 periods in 2023; 270 hours a year from her
    # first session's year while the centre was in force (2023–2025).
    "full_time_hours": (9, 9, {"2023": 9}),
    "lecturer_norm": (810, 810, {"2023": 270, "2024": 270, "2025": 270}),
    "lecturer_norm_share": (Decimal("1.1"), Decimal("1.1"), {"2023": Decimal("3.3")}),
    # Nobody of the history holds a post the rules name (tests/oversight/test_computed.py counts some).
    "training_backlog": (0, 0, {}),
}


def test_every_indicator_has_a_hand_count():
    assert set(HAND_COUNTS) == set(indicators())


@pytest.mark.parametrize("code", list(HAND_COUNTS))
def test_indicator_counts_what_it_says(history, code):
    country, province, by_year = HAND_COUNTS[code]
    whole = statistics_table(StatisticsQuery(indicators=(code,)), ("",))
    assert whole.value(whole.indicators[0]) == country
    scoped = statistics_table(StatisticsQuery(indicators=(code,)), scope_paths(history.board))
    assert scoped.value(scoped.indicators[0]) == province
    yearly = statistics_table(StatisticsQuery(indicators=(code,), rows=("year",)), ("",))
    found = {row[0]: yearly.value(yearly.indicators[0], row) for row in yearly.row_keys}
    assert {y: v for y, v in found.items() if v} == {y: v for y, v in by_year.items() if v}


def test_a_year_filter_counts_that_year_only(history):
    table = statistics_table(
        StatisticsQuery(indicators=("learner_places",), year_from=2024, year_to=2024), ("",)
    )
    assert table.value(table.indicators[0]) == 4


def test_filters_on_learners_and_units(history):
    women = statistics_table(
        StatisticsQuery(indicators=("learner_places",), filters=(("sex", ("nu",)),)), ("",)
    )
    assert women.value(women.indicators[0]) == 3  # Hà Thị Cúc and two update-class learners
    minorities = statistics_table(
        StatisticsQuery(indicators=("completed",), filters=(("ethnicity", ("thieu_so",)),)), ("",)
    )
    assert minorities.value(minorities.indicators[0]) == 1
    schools = statistics_table(
        StatisticsQuery(
            indicators=("classes_opened",), filters=(("institution_kind", ("truong_chinh_tri_tinh",)),)
        ),
        ("",),
    )
    assert schools.value(schools.indicators[0]) == 2  # B and D


def test_a_dimension_the_records_do_not_carry_leaves_the_cell_empty(history):
    table = statistics_table(
        StatisticsQuery(indicators=("classes_opened", "learner_places"), rows=("sex",)), ("",)
    )
    classes, places = table.indicators
    assert [table.value(classes, row) for row in table.row_keys] == [None, None]
    assert [table.value(places, row) for row in table.row_keys] == [8, 3]
    assert table.value(classes) == 4  # the total stays


def test_age_bands_count_birthdays(history):
    table = statistics_table(
        StatisticsQuery(indicators=("learner_places",), rows=("age_band",), year_to=2023), ("",)
    )
    by_band = {row[0]: table.value(table.indicators[0], row) for row in table.row_keys}
    # On 2023-03-01: born 1980-06-01 → 42; 1985-05-17 → 37; 1995-01-02 → 28.
    assert by_band == {"duoi_30": 1, "30_39": 1, "40_49": 1}


def test_the_units_as_now_move_the_closed_units_records_to_their_successors(history):
    then = statistics_table(StatisticsQuery(indicators=("learner_places",), rows=("sending_unit",)), ("",))
    now = statistics_table(
        StatisticsQuery(indicators=("learner_places",), rows=("sending_unit",), units="as_now"), ("",)
    )
    ind = then.indicators[0]
    assert {r[0]: then.value(ind, r) for r in then.row_keys} == {
        "BS-H1-X1": 3,  # A: two, B: one
        "BS-H1": 1,
        "BS": 1,
        "BS-X1": 4,
        "NH-X1": 2,
    }
    # The old commune's learners count under the new commune; the district's under the province.
    assert {r[0]: now.value(ind, r) for r in now.row_keys} == {"BS-X1": 7, "BS": 2, "NH-X1": 2}


def test_a_unit_counts_its_subtree_and_what_its_predecessors_did(history):
    commune = statistics_table(
        StatisticsQuery(indicators=("learner_places",), rows=("sending_unit",), unit="BS-X1"), ("",)
    )
    # Nothing was run by institutions under the new commune.
    assert commune.value(commune.indicators[0]) == 0
    province = statistics_table(
        StatisticsQuery(indicators=("classes_opened",), rows=("unit",), unit="BS"), ("",)
    )
    ind = province.indicators[0]
    assert {r[0]: province.value(ind, r) for r in province.row_keys} == {
        "BS-H1": 1,
        "BS-TCT": 1,
        "BS-TTCT1": 1,
    }
    deeper = statistics_table(
        StatisticsQuery(indicators=("classes_opened",), rows=("unit",), unit="BS", depth=4), ("",)
    )
    assert {r[0]: deeper.value(ind, r) for r in deeper.row_keys} == {
        "BS-H1-TT": 1,
        "BS-TCT": 1,
        "BS-TTCT1": 1,
    }


def test_a_unit_outside_the_scope_is_refused(history):
    from llct.oversight.statistics.engine import UnitOutOfScope

    with pytest.raises(UnitOutOfScope):
        statistics_table(
            StatisticsQuery(indicators=("classes_opened",), unit="NH"), scope_paths(history.board)
        )


def test_the_catalogue_refuses_a_ratio_of_a_ratio():
    from llct.oversight.statistics.catalogue import _check

    known = dict(indicators())
    known["odd"] = Indicator(
        code="odd",
        label_vi="x",
        label_en="x",
        definition="x",
        unit="%",
        basis="x",
        kind="ratio",
        numerator="pass_rate",
        denominator="completed",
    )
    with pytest.raises(CatalogueError):
        _check(known)
