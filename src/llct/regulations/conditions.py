"""The closed set of condition kinds, each written twice: a scalar function that reads a Profile and
explains itself, and a Polars expression for whole rosters. Both build their sentence from the same
pieces (texts.py); tests/regulations/test_property.py holds them equal.

Subject kinds (who may be trained): post, party_member, grade_years, lecturer_years, anyone.
Standard kinds (what they must meet): party_status, education, ratings.
Study modes: part-time opens at an age by sex (modes spec).

The Polars twins read the coded columns the bulk path builds (bulk.py, "facts"): `party`, `education`,
`rating_last`, `rating_before_last`, `sex`, `theory` and `grade` as positions in their vocabularies
(model.py: PARTY_STATUSES, EDUCATION_ORDER, RATING_ORDER, SEXES, THEORY_ORDER; grades in the catalogue's
order), `minority` (bool), `age` (completed years on the age reference date), `grade_years` and
`lecturer_years` (completed years on the decision date; lecturer years null before the start). Post
groups read `held` and `planned`, the lists of post codes of each distinct set of post cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import polars as pl

from .model import (
    EDUCATION_ORDER,
    MODES,
    PARTY_STATUSES,
    RATING_ORDER,
    SEXES,
    CataloguePost,
    PostRef,
    Profile,
)
from .schema import (
    AnyoneGroup,
    EducationStandard,
    ExclusionSpec,
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
    is_minority,
)


def _labels(vocabulary: Sequence[str], labels: Mapping[str, str]) -> dict[int, str]:
    return {i: labels[key] for i, key in enumerate(vocabulary)}


def _label(column: str, vocabulary: Sequence[str], labels: Mapping[str, str], missing: str) -> pl.Expr:
    """The label of a coded column, `missing` where it is null."""
    return (
        pl.col(column)
        .replace_strict(_labels(vocabulary, labels), default=missing, return_dtype=pl.String)
        .fill_null(missing)
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
        if any(post.code in group.exclude for post in profile.held):
            return None
        if profile.lecturer_since is not None and profile.lecturer_since <= on:
            years = completed_years(profile.lecturer_since, on)
            if years >= group.years:
                return f"giảng viên LLCT {years} năm"
        return None
    if isinstance(group, AnyoneGroup):
        return "giả định có nguyện vọng học"
    raise TypeError(f"unknown subject kind: {group!r}")


def _first_title(column: str, codes: Sequence[str], catalogue: Mapping[str, CataloguePost]) -> pl.Expr:
    """The title of the first post of the list column `column` that is one of `codes` (null if none)."""
    if not codes:
        return pl.lit(None, pl.String)
    titles = {code: catalogue[code].title for code in codes}
    first = pl.col(column).list.eval(pl.element().filter(pl.element().is_in(list(codes)))).list.first()
    return first.replace_strict(titles, default=None, return_dtype=pl.String)


def post_value_expr(group: PostGroup, catalogue: Mapping[str, CataloguePost]) -> pl.Expr:
    """`subject_value` of a post group over the columns `held` and `planned` (lists of post codes)."""
    codes = sorted(code for code, post in catalogue.items() if post_fits(group, post))
    parts = []
    for column, prefix, wanted in (
        ("held", "", ("held", "held_or_planned")),
        ("planned", "quy hoạch ", ("planned", "held_or_planned")),
    ):
        if group.which in wanted and codes:
            parts.append(pl.lit(prefix) + _first_title(column, codes, catalogue))
    return pl.coalesce(parts) if parts else pl.lit(None, pl.String)


def excluded_value(exclusion: ExclusionSpec, profile: Profile, titles: Mapping[str, str]) -> str | None:
    """The title of the excluded post the person holds (QĐ 57 Điều 4 khoản 1 điểm b), or None."""
    for post in profile.held:
        if post.code in exclusion.posts:
            return titles.get(post.code, post.code)
    return None


def excluded_value_expr(posts: Sequence[str], catalogue: Mapping[str, CataloguePost]) -> pl.Expr:
    """`excluded_value` (or, for a lecturer group, whether a post of `exclude` is held) over `held`."""
    return _first_title("held", sorted(code for code in posts if code in catalogue), catalogue)


SUBJECT_INPUTS = {
    "party_member": ("party",),
    "grade_years": ("grade", "grade_years"),
    "lecturer_years": ("lecturer_years",),
    "anyone": (),
}


def subject_fits_expr(group: object, grade_codes: Sequence[str]) -> pl.Expr:
    """Whether a row belongs to a subject group other than a post group (never null)."""
    if isinstance(group, PartyMemberGroup):
        return pl.col("party").is_in([PARTY_STATUSES.index(s) for s in group.statuses])
    if isinstance(group, GradeYearsGroup):
        wanted = [grade_codes.index(g) for g in group.grades if g in grade_codes]
        return (pl.col("grade").is_in(wanted) & (pl.col("grade_years") >= group.years)).fill_null(False)
    if isinstance(group, LecturerYearsGroup):
        return (pl.col("lecturer_years") >= group.years).fill_null(False)
    if isinstance(group, AnyoneGroup):
        return pl.lit(True)
    raise TypeError(f"unknown subject kind: {group!r}")


def subject_value_expr(group: object, grade_codes: Sequence[str], grades: Mapping[str, str]) -> pl.Expr:
    """`subject_value` of a group other than a post group, for rows that belong to it."""
    if isinstance(group, PartyMemberGroup):
        return pl.lit("đảng viên ") + _label("party", PARTY_STATUSES, PARTY_LABELS, UNKNOWN)
    if isinstance(group, GradeYearsGroup):
        names = {i: grades.get(code, code) for i, code in enumerate(grade_codes)}
        label = pl.col("grade").replace_strict(names, default=None, return_dtype=pl.String)
        return pl.format("{}, {} năm", label, pl.col("grade_years"))
    if isinstance(group, LecturerYearsGroup):
        return pl.format("giảng viên LLCT {} năm", pl.col("lecturer_years"))
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
    """`posts_described` over the columns `held` and `planned`."""

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
STANDARD_INPUTS = {
    "party_status": ("party",),
    "education": ("education", "minority"),
    "ratings": ("rating_last", "rating_before_last"),
}


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


def standard_met_expr(standard: object) -> pl.Expr:
    """The `met` of `standard_check` over the coded columns (never null)."""
    if isinstance(standard, PartyStatusStandard):
        return pl.col("party").is_in([PARTY_STATUSES.index(s) for s in standard.statuses])
    if isinstance(standard, EducationStandard):
        plain = EDUCATION_ORDER.index(_education_threshold(standard, False)[0])
        minority = EDUCATION_ORDER.index(_education_threshold(standard, True)[0])
        minimum = pl.when(pl.col("minority")).then(minority).otherwise(plain)
        return (pl.col("education") >= minimum).fill_null(False)
    if isinstance(standard, RatingsStandard):
        floor = RATING_ORDER.index(standard.minimum)
        columns = ["rating_last", "rating_before_last"][: standard.years]
        return pl.all_horizontal((pl.col(c) >= floor).fill_null(False) for c in columns)
    raise TypeError(f"unknown standard kind: {standard!r}")


def standard_text_expr(standard: object, on: dt.date) -> tuple[pl.Expr, pl.Expr]:
    """The `value` and `threshold` of `standard_check` over the coded columns."""
    if isinstance(standard, PartyStatusStandard):
        threshold = " hoặc ".join(PARTY_LABELS[s] for s in standard.statuses)
        return _label("party", PARTY_STATUSES, PARTY_LABELS, UNKNOWN), pl.lit(threshold)
    if isinstance(standard, EducationStandard):
        value = _label("education", EDUCATION_ORDER, EDUCATION_LABELS, UNKNOWN)
        threshold = (
            pl.when(pl.col("minority"))
            .then(pl.lit(_education_threshold(standard, True)[1]))
            .otherwise(pl.lit(_education_threshold(standard, False)[1]))
        )
        return value, threshold
    if isinstance(standard, RatingsStandard):
        columns = ["rating_last", "rating_before_last"][: standard.years]
        years = _rating_years(standard, on)
        value = pl.concat_str(
            [
                pl.lit(f"{year}: ") + _label(c, RATING_ORDER, RATING_LABELS, MISSING_RATING)
                for year, c in zip(years, columns, strict=True)
            ],
            separator="; ",
        )
        threshold = f"{RATING_LABELS[standard.minimum]} trở lên {standard.years} năm liền trước"
        return value, pl.lit(threshold)
    raise TypeError(f"unknown standard kind: {standard!r}")


# ── study modes ─────────────────────────────────────────────────────────────────────────────────────


def _modes_sentence(modes: tuple[str, ...]) -> str:
    return " hoặc ".join(MODE_LABELS[m] for m in modes)


def _age_note(on: dt.date, age_on: dt.date | None) -> str:
    """Said when age is counted on another day than the decision date (REGULATIONS.md §3.2 [I])."""
    return f" (tính đến ngày {age_on:%d/%m/%Y})" if age_on is not None and age_on != on else ""


def open_modes(
    spec: ModesSpec, profile: Profile, on: dt.date, age_on: dt.date | None = None
) -> tuple[tuple[str, ...], str, str, str]:
    """Open modes, the age read, the age threshold and the sentence: "Nữ, 32 tuổi < 33: chỉ học tập
    trung" (part-time by age and sex; age in completed years on `age_on`, by default the decision date)."""
    listed = tuple(m for m in MODES if m in spec.modes)
    if spec.part_time_min_age is None:
        return listed, "", "", "Hình thức học: " + _modes_sentence(listed)
    assert profile.birth_date is not None and profile.sex is not None
    age = completed_years(profile.birth_date, age_on or on)
    threshold = spec.part_time_min_age[profile.sex]
    sex = SEX_LABELS[profile.sex]
    value = f"{sex}, {age} tuổi{_age_note(on, age_on)}"
    limit = f"{sex} từ {threshold} tuổi"
    if age >= threshold:
        return listed, value, limit, f"{value} ≥ {threshold}: được học " + _modes_sentence(listed)
    full_time = tuple(m for m in listed if m != "khong_tap_trung")
    return full_time, value, limit, f"{value} < {threshold}: chỉ học " + _modes_sentence(full_time)


def open_modes_expr(spec: ModesSpec, on: dt.date, age_on: dt.date | None = None) -> tuple[pl.Expr, pl.Expr]:
    """`open_modes` over the coded columns `sex` and `age`: (modes joined by ";", sentence)."""
    listed = tuple(m for m in MODES if m in spec.modes)
    if spec.part_time_min_age is None:
        return pl.lit(";".join(listed)), pl.lit("Hình thức học: " + _modes_sentence(listed))
    ages = {SEXES.index(sex): age for sex, age in spec.part_time_min_age.items()}
    threshold = pl.col("sex").replace_strict(ages, default=None, return_dtype=pl.Int32)
    sex = _label("sex", SEXES, SEX_LABELS, UNKNOWN)
    age = pl.col("age")
    note = _age_note(on, age_on)
    full_time = tuple(m for m in listed if m != "khong_tap_trung")
    older = age >= threshold
    modes = pl.when(older).then(pl.lit(";".join(listed))).otherwise(pl.lit(";".join(full_time)))
    sentence = (
        pl.when(older)
        .then(
            pl.format(
                "{}, {} tuổi" + note + " ≥ {}: được học " + _modes_sentence(listed), sex, age, threshold
            )
        )
        .otherwise(
            pl.format(
                "{}, {} tuổi" + note + " < {}: chỉ học " + _modes_sentence(full_time), sex, age, threshold
            )
        )
    )
    return modes, sentence
