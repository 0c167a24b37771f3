"""Boundary cases the scenario files do not spell out: birthdays and 29 February, the age reference date,
the QĐ 57 → QĐ 350 switch on 2025-08-28/29, and dates before any version."""

import datetime as dt

import pytest

from .conftest import frame

D57 = dt.date(2024, 5, 1)
D350 = dt.date(2026, 6, 1)


def test_missing_sex_cannot_be_judged_at_any_offered_level(book):
    roster = frame([{"sex": None, "position": "PCT UBND xã"}])
    for on in (D57, D350):
        screened = book.screen(roster, on, with_status=True)
        profile = book.profile(roster.row(0, named=True), on)
        for row in screened.iter_rows(named=True):
            decision = book.decide(profile, row["level"], on)
            assert row["status"] == decision.status
            assert decision.status == ("not_offered" if not decision.offered else "not_judged")


@pytest.mark.parametrize(
    ("age_on", "age", "modes"),
    [
        (None, 32, ("tap_trung",)),  # the decision date
        (dt.date(2024, 6, 1), 33, ("tap_trung", "khong_tap_trung")),  # the birthday has passed then
        (dt.date(2024, 5, 31), 32, ("tap_trung",)),
    ],
)
def test_age_reference_date_QD57_D5_is_configurable(book, age_on, age, modes):
    """REGULATIONS.md §3.2: age in completed years on the decision date [I] — the date can be set."""
    roster = frame([{"position": "PCT UBND xã", "sex": "nu", "birth_date": dt.date(1991, 6, 1)}])
    decision = book.decide(book.profile(roster.row(0, named=True), D57), "trung_cap", D57, age_on)
    assert decision.modes == modes
    note = f" (tính đến ngày {age_on:%d/%m/%Y})" if age_on else ""
    assert f"Nữ, {age} tuổi{note} " in decision.summary
    mode_reason = next(r for r in decision.reasons if r.condition == "modes")
    assert (mode_reason.value, mode_reason.threshold) == (f"Nữ, {age} tuổi{note}", "Nữ từ 33 tuổi")
    screened = book.screen(roster, D57, ["trung_cap"], age_on=age_on).row(0, named=True)
    assert (screened["modes"], screened["reasons"]) == (";".join(modes), decision.summary)


def test_not_judged_and_not_offered_flags(book):
    roster = frame([{"birth_date": None}])
    profile = book.profile(roster.row(0, named=True), D57)
    assert not book.decide(profile, "trung_cap", D57).judged
    assert not book.decide(profile, "so_cap", D350).offered


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (dt.date(1991, 5, 1), dt.date(2024, 5, 1), 33),  # birthday: the year is completed
        (dt.date(1991, 5, 2), dt.date(2024, 5, 1), 32),  # the day before
        (dt.date(1992, 2, 29), dt.date(2025, 2, 28), 32),  # 29 February, common year: not yet
        (dt.date(1992, 2, 29), dt.date(2025, 3, 1), 33),
        (dt.date(1992, 2, 29), dt.date(2024, 2, 29), 32),  # leap year: on the day
    ],
)
def test_age_on_birthday_QD57_D5_part_time_from_33(book, birth, on, age):
    roster = frame([{"position": "PCT UBND xã", "sex": "nu", "birth_date": birth}])
    decision = book.decide(book.profile(roster.row(0, named=True), on), "trung_cap", on)
    assert f"Nữ, {age} tuổi" in decision.summary
    assert ("khong_tap_trung" in decision.modes) is (age >= 33)
    assert book.screen(roster, on, ["trung_cap"])["modes"][0] == ";".join(decision.modes)


@pytest.mark.parametrize(
    ("on", "regulation", "so_cap_offered"),
    [(dt.date(2025, 8, 28), "57-QĐ/TW", True), (dt.date(2025, 8, 29), "350-QĐ/TW", False)],
)
def test_version_switch_2025_08_28_29(book, on, regulation, so_cap_offered):
    assert book.version_on(on).number == regulation
    decision = book.decide(book.profile(frame([{}]).row(0, named=True), on), "so_cap", on)
    assert decision.offered is so_cap_offered and decision.regulation == regulation
    # The district centre is gone from 01/07/2025 (the district tier ended): no institution on either day.
    assert book.competent_institution("so_cap", on) is None


def test_before_any_version(book):
    on = dt.date(2020, 1, 1)
    decision = book.decide(book.profile(frame([{}]).row(0, named=True), on), "trung_cap", on)
    assert not decision.eligible and decision.regulation == ""
