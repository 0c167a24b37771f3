"""The synthetic roster: deterministic, in the format's vocabularies, plausible, with the problems asked
for."""

import datetime as dt
import re
import unicodedata

import polars as pl
import pytest

from llct.demo.rosters import (
    CHUNK,
    HEADERS,
    PROBLEM_KINDS,
    UNKNOWN_TITLES,
    synthetic_roster,
    write_synthetic_roster,
)
from llct.regulations import load_shipped
from llct.roster.columns import VOCABULARIES
from llct.roster.reader import read_roster

DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")


@pytest.fixture(scope="module")
def clean() -> pl.DataFrame:
    return synthetic_roster(5_000, seed=11, problems=0.0)


def test_same_seed_same_roster_other_seed_other_roster():
    first = synthetic_roster(1_000, seed=5)
    assert first.equals(synthetic_roster(1_000, seed=5))
    assert not first.equals(synthetic_roster(1_000, seed=6))


def test_thousand_rows_with_the_format_headers_all_text():
    roster = synthetic_roster(1_000)
    assert roster.height == 1_000
    assert roster.columns == list(HEADERS.values())
    assert set(roster.schema.values()) == {pl.String}


def test_rosters_longer_than_a_chunk_keep_codes_and_citizen_ids_unique():
    roster = synthetic_roster(2 * CHUNK + 7, seed=1, problems=0.0)
    assert roster.height == 2 * CHUNK + 7
    assert roster["Mã cán bộ"].n_unique() == roster.height
    assert roster["Số CCCD"].n_unique() == roster.height
    assert roster["Mã cán bộ"][-1] == f"CB{2 * CHUNK + 7:07d}"


@pytest.mark.parametrize(
    ("header", "vocabulary"),
    [
        ("Giới tính", "sex"),
        ("Đảng viên", "party_status"),
        ("Trình độ học vấn", "education"),
        ("Trình độ LLCT", "theory_level"),
        ("Cấp", "tier"),
        ("Khối", "sector"),
        ("Cấp quy hoạch", "tier"),
        ("Xếp loại năm trước", "rating"),
        ("Xếp loại năm trước nữa", "rating"),
    ],
)
def test_categorical_values_are_labels_of_the_format(clean, header, vocabulary):
    values = set(clean[header].drop_nulls())
    assert values <= set(VOCABULARIES[vocabulary])
    assert values  # every column is used


def test_required_columns_filled_codes_and_citizen_ids_unique(clean):
    for header in ("Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Chức vụ", "Đơn vị"):
        assert clean[header].null_count() == 0, header
    assert clean["Mã cán bộ"].n_unique() == clean.height
    assert clean["Số CCCD"].n_unique() == clean.height
    assert clean["Số CCCD"].str.contains(r"^\d{12}$").all()


def test_people_are_plausible(clean):
    births = clean["Ngày sinh"].str.to_date("%d/%m/%Y")
    assert births.min() >= dt.date(1965, 1, 1)
    assert births.max() <= dt.date(2002, 12, 31)
    women = (clean["Giới tính"] == "Nữ").mean()
    assert 0.40 <= women <= 0.50
    family = clean["Họ và tên"].str.split(" ").list.first()
    assert 0.28 <= (family == "Nguyễn").mean() <= 0.42
    minorities = clean.filter(pl.col("Dân tộc") != "Kinh")
    assert 0.05 <= minorities.height / clean.height <= 0.2
    assert minorities["Dân tộc"].n_unique() >= 6
    # The citizen ID carries the birth year and the sex (digit 4: 0/2 men, 1/3 women).
    assert (clean["Số CCCD"].str.slice(4, 2) == clean["Ngày sinh"].str.slice(8, 2)).all()
    sex_digit = clean["Số CCCD"].str.slice(3, 1).cast(pl.Int32) % 2
    assert ((sex_digit == 1) == (clean["Giới tính"] == "Nữ")).all()


def test_minority_cadres_keep_their_naming():
    roster = synthetic_roster(30_000, seed=2, problems=0.0)
    ede = roster.filter(pl.col("Dân tộc") == "Ê Đê")["Họ và tên"]
    assert ede.str.contains(r"^(Y |H')").all()
    hmong = roster.filter((pl.col("Dân tộc") == "H'Mông") & (pl.col("Giới tính") == "Nam"))["Họ và tên"]
    assert hmong.str.split(" ").list.get(1).is_in(["A", "Seo", "Mí", "Chẩn", "Văn"]).all()
    south = synthetic_roster(5_000, seed=2, region="nam")
    north = synthetic_roster(5_000, seed=2, region="bac")
    share = {
        name: {
            r: (f["Họ và tên"].str.split(" ").list.first() == name).mean()
            for r, f in (("n", north), ("s", south))
        }
        for name in ("Huỳnh", "Vũ")
    }
    assert share["Huỳnh"]["s"] > 2 * share["Huỳnh"]["n"]
    assert share["Vũ"]["n"] > 2 * share["Vũ"]["s"]
    assert set(south["Dân tộc"]) - {"Kinh"} <= {"Khmer", "Hoa", "Chăm"}


def test_leaders_are_party_members_with_degrees(clean):
    leaders = clean.filter(pl.col("Chức vụ").str.contains("Bí thư Tỉnh ủy|Chủ tịch UBND tỉnh|Giám đốc Sở"))
    assert leaders.height > 0
    assert (leaders["Đảng viên"] == "Chính thức").all()
    assert leaders["Trình độ học vấn"].is_in(["Đại học", "Thạc sĩ", "Tiến sĩ"]).all()
    assert leaders["Trình độ LLCT"].is_in(["Trung cấp", "Cao cấp", "Cử nhân"]).all()


TIER_KEYS = VOCABULARIES["tier"]
SECTOR_KEYS = VOCABULARIES["sector"]


def test_titles_match_the_catalogue_post_of_their_tier_and_sector(clean):
    """The engine's own title matcher (accents, abbreviations, a division after the title) finds every
    title written, and the post it finds has the row's Cấp and Khối."""
    matcher = load_shipped().catalogue.matcher
    for position, tier, sector in clean.select("Chức vụ", "Cấp", "Khối").unique().iter_rows():
        first, *others = position.split("; ")
        post = matcher.match_post(first, TIER_KEYS[tier], SECTOR_KEYS[sector])
        assert post is not None, position
        assert (post.tier, post.sector) == (TIER_KEYS[tier], SECTOR_KEYS[sector]), position
        for other in others:
            assert matcher.match_post(other, TIER_KEYS[tier], SECTOR_KEYS[sector]) is not None, position


def test_planned_titles_match_the_catalogue(clean):
    matcher = load_shipped().catalogue.matcher
    planned = clean.select("Chức vụ quy hoạch", "Cấp quy hoạch", "Cấp", "Khối").drop_nulls(
        "Chức vụ quy hoạch"
    )
    assert 0.05 <= planned.height / clean.height <= 0.4
    for title, planned_tier, tier, sector in planned.unique().iter_rows():
        assert matcher.match_post(title, TIER_KEYS[planned_tier or tier], SECTOR_KEYS[sector]) is not None, (
            title
        )


def test_unknown_titles_match_no_post():
    matcher = load_shipped().catalogue.matcher
    assert all(
        matcher.match_post(title, tier) is None for title in UNKNOWN_TITLES for tier in TIER_KEYS.values()
    )


def test_grades_and_lecturers(clean):
    graded = clean.filter(pl.col("Ngạch").is_not_null())
    assert graded["Ngày giữ ngạch"].str.contains(DATE.pattern).all()
    assert (
        clean.filter(pl.col("Ngạch").is_null())["Ngày giữ ngạch"].null_count()
        == clean.filter(pl.col("Ngạch").is_null()).height
    )
    lecturers = clean.filter(pl.col("Giảng viên LLCT từ").is_not_null())
    assert 0 < lecturers.height < clean.height * 0.05
    assert lecturers["Đơn vị"].str.contains("Trường Chính trị|Trung tâm Chính trị|Học viện").all()
    since = lecturers["Giảng viên LLCT từ"].str.to_date("%d/%m/%Y")
    born = lecturers["Ngày sinh"].str.to_date("%d/%m/%Y")
    assert ((since - born).dt.total_days() >= 22 * 365).all()


def _problem_kinds(roster: pl.DataFrame) -> pl.DataFrame:
    name = pl.col("Họ và tên")
    return roster.select(
        pl.col("Chức vụ").is_in(UNKNOWN_TITLES).alias("unknown_title"),
        pl.col("Ngày sinh").is_null().alias("missing_birth_date"),
        pl.col("Ngày sinh").str.contains(r"^\d{2}/\d{2}/\d{2}$").alias("bad_date_format"),
        name.map_elements(lambda s: unicodedata.normalize("NFC", s) != s, return_dtype=pl.Boolean).alias(
            "nfd_name"
        ),
        (name.str.starts_with(" ") & name.str.contains("  ")).alias("stray_spaces"),
        pl.col("Số CCCD").str.contains(r"^\d{9,11}$").alias("citizen_id_lost_zero"),
    )


def test_no_problems_when_none_asked(clean):
    assert _problem_kinds(clean).select(pl.any_horizontal(pl.all()).sum()).item() == 0
    assert clean["Ngày sinh"].str.contains(DATE.pattern).all()


def test_problem_rate_is_honoured_and_every_kind_occurs():
    n, rate = 20_000, 0.1
    kinds = _problem_kinds(synthetic_roster(n, seed=4, problems=rate))
    assert set(kinds.columns) == set(PROBLEM_KINDS)
    per_row = kinds.select(pl.sum_horizontal(pl.all().cast(pl.Int32))).to_series()
    assert per_row.max() == 1  # one problem per row
    sigma = (n * rate * (1 - rate)) ** 0.5
    assert abs(per_row.sum() - n * rate) < 4 * sigma
    counts = kinds.sum().row(0)
    assert min(counts) > n * rate / len(PROBLEM_KINDS) / 2


@pytest.mark.parametrize("suffix", ["csv", "parquet", "xlsx"])
def test_written_roster_reads_back_with_only_the_planted_problems(tmp_path, suffix):
    path = write_synthetic_roster(tmp_path / f"roster.{suffix}", 400, seed=9, problems=0.05)
    roster = synthetic_roster(400, seed=9, problems=0.05)
    read = read_roster(path)
    assert read.frame.height == 400
    kinds = _problem_kinds(roster)
    bad_dates = kinds["missing_birth_date"].sum() + kinds["bad_date_format"].sum()
    date_problems = [p for p in read.problems if p.column == "Ngày sinh"]
    assert len(date_problems) == bad_dates
    assert read.frame["full_name"].to_list() == [
        " ".join(unicodedata.normalize("NFC", name).split()) for name in roster["Họ và tên"]
    ]
