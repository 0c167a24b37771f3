"""The closed set of condition kinds, each written twice: a scalar function that reads a Profile and
explains itself, and a Polars expression for whole rosters. Both build their sentence from the same
pieces (texts.py); tests/regulations/test_property.py holds them equal.

Subject kinds (who may be trained): post, party_member, grade_years, lecturer_years, anyone.
Standard kinds (what they must meet): party_status, education, ratings.
Study modes: part-time opens at an age by sex (modes spec).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import polars as pl

from .model import EDUCATION_ORDER, MODES, RATING_ORDER, CataloguePost, PostRef, Profile
from .schema import (
    AnyoneGroup,
    EducationStandard,
    GradeYearsGroup,
    LecturerYearsGroup,
    ModesSpec,
    PartyMemberGroup,
    PartyStatusStandard,
    PostGroup,
    RatingsStandard,
)
from .texts import (
    EDUCATION_LABELS,
    MISSING_RATING,
    MODE_LABELS,
    PARTY_LABELS,
    RATING_LABELS,
    SEX_LABELS,
    UNKNOWN,
    completed_years,
    completed_years_expr,
    is_minority,
    is_minority_expr,
)

# ── subjects ────────────────────────────────────────────────────────────────────────────────────────


def post_fits(group: PostGroup, post: PostRef | CataloguePost) -> bool:
    """Whether one post belongs to a post group: listed (or rank within bounds), in the sectors and tiers."""
    return (
        (group.posts is None or post.code in group.posts)
        and post.code not in group.exclude
        and (not group.sectors or post.sector in group.sectors)
        and (not group.tiers or post.tier in group.tiers)
        and (group.min_rank is None or post.rank >= group.min_rank)
        and (group.max_rank is None or post.rank <= group.max_rank)
    )


def subject_value(
    group: object, profile: Profile, on: dt.date, titles: Mapping[str, str], grades: Mapping[str, str]
) -> str | None:
    """What makes the person a member of the group (e.g. the post title), or None when they are not."""
    if isinstance(group, PostGroup):
        if group.which in ("held", "held_or_planned"):
            for post in profile.held:
                if post_fits(group, post):
                    return titles.get(post.code, post.code)
        if group.which in ("planned", "held_or_planned"):
            for post in profile.planned:
                if post_fits(group, post):
                    return "quy hoạch " + titles.get(post.code, post.code)
        return None
    if isinstance(group, PartyMemberGroup):
        return (
            "đảng viên " + PARTY_LABELS[profile.party_status]
            if profile.party_status in group.statuses
            else None
        )
    if isinstance(group, GradeYearsGroup):
        if profile.grade in group.grades and profile.grade_since is not None:
            years = completed_years(profile.grade_since, on)
            if years >= group.years:
                return f"{grades.get(profile.grade, profile.grade)}, {years} năm"
        return None
    if isinstance(group, LecturerYearsGroup):
        if profile.lecturer_since is not None and profile.lecturer_since <= on:
            years = completed_years(profile.lecturer_since, on)
            if years >= group.years:
                return f"giảng viên LLCT {years} năm"
        return None
    if isinstance(group, AnyoneGroup):
        return "giả định có nguyện vọng học"
    raise TypeError(f"unknown subject kind: {group!r}")


def subject_value_expr(
    group: object, on: dt.date, catalogue: Mapping[str, CataloguePost], grades: Mapping[str, str]
) -> pl.Expr:
    """`subject_value` over a frame with columns held/planned (lists of post codes), party_status, grade,
    grade_since, lecturer_since. Null where the person is not in the group."""
    if isinstance(group, PostGroup):
        codes = sorted(code for code, post in catalogue.items() if post_fits(group, post))
        titles = {code: catalogue[code].title for code in codes}
        parts = []
        for column, prefix, wanted in (
            ("held", "", ("held", "held_or_planned")),
            ("planned", "quy hoạch ", ("planned", "held_or_planned")),
        ):
            if group.which in wanted and codes:
                first = pl.col(column).list.eval(pl.element().filter(pl.element().is_in(codes))).list.first()
                parts.append(
                    pl.lit(prefix) + first.replace_strict(titles, default=None, return_dtype=pl.String)
                )
        return pl.coalesce(parts) if parts else pl.lit(None, pl.String)
    if isinstance(group, PartyMemberGroup):
        status = pl.col("party_status")
        return (
            pl.when(status.is_in(group.statuses))
            .then(pl.lit("đảng viên ") + status.replace_strict(PARTY_LABELS, default=UNKNOWN))
            .otherwise(pl.lit(None, pl.String))
        )
    if isinstance(group, GradeYearsGroup):
        years = completed_years_expr(pl.col("grade_since"), on)
        fits = (
            pl.col("grade").is_in(group.grades) & pl.col("grade_since").is_not_null() & (years >= group.years)
        )
        label = pl.col("grade").replace_strict(dict(grades), default=pl.col("grade"))
        return pl.when(fits).then(pl.format("{}, {} năm", label, years)).otherwise(pl.lit(None, pl.String))
    if isinstance(group, LecturerYearsGroup):
        since = pl.col("lecturer_since")
        years = completed_years_expr(since, on)
        fits = since.is_not_null() & (since <= pl.lit(on)) & (years >= group.years)
        return (
            pl.when(fits).then(pl.format("giảng viên LLCT {} năm", years)).otherwise(pl.lit(None, pl.String))
        )
    if isinstance(group, AnyoneGroup):
        return pl.lit("giả định có nguyện vọng học")
    raise TypeError(f"unknown subject kind: {group!r}")


def posts_described(held: list[str], planned: list[str]) -> str:
    """The posts read, for a "not a subject" reason: "chức vụ: A, B; quy hoạch: C"."""
    parts = []
    if held:
        parts.append("chức vụ: " + ", ".join(held))
    if planned:
        parts.append("quy hoạch: " + ", ".join(planned))
    return "; ".join(parts) or "không có chức vụ thuộc danh mục"


def posts_described_expr(titles: Mapping[str, str]) -> pl.Expr:
    def joined(column: str, head: str) -> pl.Expr:
        names = pl.col(column).list.eval(pl.element().replace_strict(dict(titles), default=pl.element()))
        return pl.when(pl.col(column).list.len() > 0).then(pl.lit(head) + names.list.join(", "))

    described = pl.concat_str(
        [joined("held", "chức vụ: "), joined("planned", "quy hoạch: ")], separator="; ", ignore_nulls=True
    )
    return pl.when(described == "").then(pl.lit("không có chức vụ thuộc danh mục")).otherwise(described)


# ── standards ───────────────────────────────────────────────────────────────────────────────────────
# Each standard gives (met, value, threshold); the sentence is "<label>: <value>, yêu cầu <threshold>: đạt".

STANDARD_LABELS = {"party_status": "Đảng viên", "education": "Trình độ học vấn", "ratings": "Xếp loại"}


def _education_threshold(standard: EducationStandard, minority: bool) -> tuple[str, str]:
    if minority and standard.minority_minimum:
        return (
            standard.minority_minimum,
            f"{EDUCATION_LABELS[standard.minority_minimum]} trở lên (dân tộc thiểu số)",
        )
    return standard.minimum, f"{EDUCATION_LABELS[standard.minimum]} trở lên"


def _rating_years(standard: RatingsStandard, on: dt.date) -> list[int]:
    return [on.year - 1 - i for i in range(standard.years)]


def standard_check(standard: object, profile: Profile, on: dt.date) -> tuple[bool, str, str]:
    if isinstance(standard, PartyStatusStandard):
        threshold = " hoặc ".join(PARTY_LABELS[s] for s in standard.statuses)
        return profile.party_status in standard.statuses, PARTY_LABELS[profile.party_status], threshold
    if isinstance(standard, EducationStandard):
        minimum, threshold = _education_threshold(standard, is_minority(profile.ethnicity))
        value = EDUCATION_LABELS.get(profile.education or "", UNKNOWN)
        met = profile.education in EDUCATION_ORDER and (
            EDUCATION_ORDER.index(profile.education) >= EDUCATION_ORDER.index(minimum)
        )
        return met, value, threshold
    if isinstance(standard, RatingsStandard):
        floor = RATING_ORDER.index(standard.minimum)
        years = _rating_years(standard, on)
        got = [profile.ratings.get(year) for year in years]
        met = all(r in RATING_ORDER and RATING_ORDER.index(r) >= floor for r in got)
        value = "; ".join(
            f"{y}: {RATING_LABELS.get(r or '', MISSING_RATING)}" for y, r in zip(years, got, strict=True)
        )
        threshold = f"{RATING_LABELS[standard.minimum]} trở lên {standard.years} năm liền trước"
        return met, value, threshold
    raise TypeError(f"unknown standard kind: {standard!r}")


def standard_check_expr(standard: object, on: dt.date) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """`standard_check` over columns party_status, education, ethnicity, rating_last, rating_before_last."""
    if isinstance(standard, PartyStatusStandard):
        threshold = " hoặc ".join(PARTY_LABELS[s] for s in standard.statuses)
        status = pl.col("party_status")
        return (
            status.is_in(standard.statuses),
            status.replace_strict(PARTY_LABELS, default=UNKNOWN),
            pl.lit(threshold),
        )
    if isinstance(standard, EducationStandard):
        rank = {key: i for i, key in enumerate(EDUCATION_ORDER)}
        level = pl.col("education").replace_strict(rank, default=None, return_dtype=pl.Int8)
        minority = is_minority_expr(pl.col("ethnicity"))
        plain_min, plain_text = _education_threshold(standard, False)
        minority_min, minority_text = _education_threshold(standard, True)
        minimum = pl.when(minority).then(rank[minority_min]).otherwise(rank[plain_min])
        met = (level >= minimum).fill_null(False)
        value = pl.col("education").replace_strict(EDUCATION_LABELS, default=UNKNOWN).fill_null(UNKNOWN)
        threshold = pl.when(minority).then(pl.lit(minority_text)).otherwise(pl.lit(plain_text))
        return met, value, threshold
    if isinstance(standard, RatingsStandard):
        rank = {key: i for i, key in enumerate(RATING_ORDER)}
        floor = RATING_ORDER.index(standard.minimum)
        columns = ["rating_last", "rating_before_last"][: standard.years]
        years = _rating_years(standard, on)
        met = pl.all_horizontal(
            (pl.col(c).replace_strict(rank, default=None, return_dtype=pl.Int8) >= floor).fill_null(False)
            for c in columns
        )
        value = pl.concat_str(
            [
                pl.lit(f"{year}: ")
                + pl.col(c).replace_strict(RATING_LABELS, default=MISSING_RATING).fill_null(MISSING_RATING)
                for year, c in zip(years, columns, strict=True)
            ],
            separator="; ",
        )
        threshold = f"{RATING_LABELS[standard.minimum]} trở lên {standard.years} năm liền trước"
        return met, value, pl.lit(threshold)
    raise TypeError(f"unknown standard kind: {standard!r}")


# ── study modes ─────────────────────────────────────────────────────────────────────────────────────


def _modes_sentence(modes: tuple[str, ...]) -> str:
    return " hoặc ".join(MODE_LABELS[m] for m in modes)


def open_modes(spec: ModesSpec, profile: Profile, on: dt.date) -> tuple[tuple[str, ...], str]:
    """Open modes and the sentence: "Nữ, 32 tuổi < 33: chỉ học tập trung" (part-time by age and sex)."""
    listed = tuple(m for m in MODES if m in spec.modes)
    if spec.part_time_min_age is None:
        return listed, "Hình thức học: " + _modes_sentence(listed)
    assert profile.birth_date is not None and profile.sex is not None
    age = completed_years(profile.birth_date, on)
    threshold = spec.part_time_min_age[profile.sex]
    sex = SEX_LABELS[profile.sex]
    if age >= threshold:
        return listed, f"{sex}, {age} tuổi ≥ {threshold}: được học " + _modes_sentence(listed)
    full_time = tuple(m for m in listed if m != "khong_tap_trung")
    return full_time, f"{sex}, {age} tuổi < {threshold}: chỉ học " + _modes_sentence(full_time)


def open_modes_expr(spec: ModesSpec, on: dt.date) -> tuple[pl.Expr, pl.Expr]:
    """`open_modes` over columns birth_date and sex: (modes joined by ";", sentence)."""
    listed = tuple(m for m in MODES if m in spec.modes)
    if spec.part_time_min_age is None:
        return pl.lit(";".join(listed)), pl.lit("Hình thức học: " + _modes_sentence(listed))
    age = completed_years_expr(pl.col("birth_date"), on)
    threshold = pl.col("sex").replace_strict(spec.part_time_min_age, default=None, return_dtype=pl.Int32)
    sex = pl.col("sex").replace_strict(SEX_LABELS, default=UNKNOWN)
    full_time = tuple(m for m in listed if m != "khong_tap_trung")
    older = age >= threshold
    modes = pl.when(older).then(pl.lit(";".join(listed))).otherwise(pl.lit(";".join(full_time)))
    sentence = (
        pl.when(older)
        .then(pl.format("{}, {} tuổi ≥ {}: được học " + _modes_sentence(listed), sex, age, threshold))
        .otherwise(pl.format("{}, {} tuổi < {}: chỉ học " + _modes_sentence(full_time), sex, age, threshold))
    )
    return modes, sentence
