"""Shared fixtures: the shipped rulebook and a builder of canonical roster frames (llct.roster's shape)."""

import datetime as dt

import polars as pl
import pytest

from llct.regulations import load_shipped

SCHEMA = {
    "code": pl.String,
    "full_name": pl.String,
    "birth_date": pl.Date,
    "sex": pl.String,
    "ethnicity": pl.String,
    "party_status": pl.String,
    "education": pl.String,
    "theory_level": pl.String,
    "position": pl.String,
    "tier": pl.String,
    "sector": pl.String,
    "unit": pl.String,
    "planned_position": pl.String,
    "planned_tier": pl.String,
    "grade": pl.String,
    "grade_since": pl.Date,
    "lecturer_since": pl.Date,
    "rating_last": pl.String,
    "rating_before_last": pl.String,
}

BASE = {
    "code": "X",
    "full_name": "Nguyễn Văn A",
    "birth_date": dt.date(1980, 1, 1),
    "sex": "nam",
    "ethnicity": "Kinh",
    "party_status": "chinh_thuc",
    "education": "dai_hoc",
    "theory_level": None,
    "position": None,
    "tier": "xa",
    "sector": "chinh_quyen",
    "unit": None,
    "planned_position": None,
    "planned_tier": None,
    "grade": None,
    "grade_since": None,
    "lecturer_since": None,
    "rating_last": "tot",
    "rating_before_last": "tot",
}


def frame(rows: list[dict]) -> pl.DataFrame:
    """A canonical roster frame; each row starts from BASE."""
    return pl.DataFrame([{**BASE, "code": f"R{i}", **row} for i, row in enumerate(rows)], schema=SCHEMA)


@pytest.fixture(scope="session")
def book():
    return load_shipped()
