"""The bulk path: a whole roster frame screened with Polars expressions (conditions.py, the `_expr`
twins of the scalar checks). Post titles are matched once per distinct (titles, tier, sector) and
joined back, so a million rows cost a few thousand title matches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import polars as pl

from .conditions import (
    STANDARD_LABELS,
    open_modes_expr,
    posts_described_expr,
    standard_check_expr,
    subject_value_expr,
)
from .decide import already_holds_text, not_offered_text, not_subject_text
from .frames import ROSTER_COLUMNS, resolve_posts
from .model import LEVEL_LABELS, LEVELS, REASON_SEPARATOR, THEORY_ORDER, Citation
from .schema import PostGroup
from .texts import ASSUMED, MISSING_BIRTH_DATE, MISSING_SEX, THEORY_LABELS, UNJUDGED

if TYPE_CHECKING:
    from .rulebook import Rulebook

OUTPUT_COLUMNS = ("code", "level", "eligible", "modes", "regulation", "institution", "reasons")
_DATES = {"birth_date", "grade_since", "lecturer_since"}
_POST_KEYS = ["position", "tier", "sector", "planned_position", "planned_tier"]


def _canonical(frame: pl.DataFrame) -> pl.DataFrame:
    """The columns the rules read, typed; a missing column is all empty."""
    columns = []
    for name in ROSTER_COLUMNS:
        dtype = pl.Date if name in _DATES else pl.String
        expr = pl.col(name) if name in frame.columns else pl.lit(None)
        columns.append(expr.cast(dtype).alias(name))
    return frame.select(columns).with_row_index("_row")


def _posts(book: Rulebook, frame: pl.DataFrame) -> pl.DataFrame:
    """Per distinct post cells: held and planned codes, and the unmatched-title problems."""
    combos = frame.select(_POST_KEYS).unique()
    held, planned, problems = [], [], []
    for row in combos.iter_rows():
        h, p, bad = resolve_posts(book.catalogue, *row)
        held.append(h)
        planned.append(p)
        problems.append("; ".join(bad) or None)
    return combos.with_columns(
        pl.Series("held", held, dtype=pl.List(pl.String)),
        pl.Series("planned", planned, dtype=pl.List(pl.String)),
        pl.Series("_title_problems", problems, dtype=pl.String),
    )


def _tail(citation: Citation, assumed: bool = False) -> str:
    return f" — {citation}"


def screen(
    book: Rulebook, frame: pl.DataFrame, on: dt.date, levels: Sequence[str] | None = None
) -> pl.DataFrame:
    """Screen every row for every level; see Rulebook.screen. Same decisions and sentences as `decide`."""
    from .rulebook import cite

    levels = tuple(levels or LEVELS)
    base = _canonical(frame)
    posts = _posts(book, base)
    grades = {raw: book.catalogue.grade_key(raw) for raw in base["grade"].unique().drop_nulls()}
    version = book.version_on(on)

    level_frames = []
    post_columns: list[pl.Expr] = []
    plans = []
    for level in levels:
        spec = version.levels.get(level) if version else None
        plans.append((level, spec))
        if spec is None or not spec.offered:
            continue
        for i, group in enumerate(spec.subjects):
            if isinstance(group, PostGroup):
                expr = subject_value_expr(group, on, book.catalogue.posts, book.catalogue.grade_titles)
                post_columns.append(expr.alias(f"_{level}_{i}"))
    post_columns.append(posts_described_expr(book.catalogue.titles).alias("_described"))
    posts = posts.with_columns(post_columns)
    posts = posts.drop(["held", "planned"])
    data = base.join(posts, on=_POST_KEYS, how="left", nulls_equal=True).with_columns(
        pl.col("grade").replace_strict(grades, default=None, return_dtype=pl.String),
        pl.col("party_status").fill_null(""),
        pl.col("theory_level").fill_null(""),
    )

    for order, (level, spec) in enumerate(plans):
        out = [
            pl.col("_row"),
            pl.lit(order, pl.Int8).alias("_level"),
            pl.col("code"),
            pl.lit(level).alias("level"),
        ]
        if version is None or spec is None or not spec.offered:
            if version is None:
                text = f"Không có quy định nào có hiệu lực ngày {on:%d/%m/%Y}"
            else:
                citation = cite(spec.citation, version.document) if spec else Citation(version.document)
                text = f"{not_offered_text(level)} — {citation}"
            out += [
                pl.lit(False).alias("eligible"),
                pl.lit("").alias("modes"),
                pl.lit(version.number if version else "").alias("regulation"),
                pl.lit(None, pl.String).alias("institution"),
                pl.lit(text).alias("reasons"),
            ]
            level_frames.append(data.select(out))
            continue
        data, exprs = _decide_exprs(book, version, spec, level, on, data)
        level_frames.append(data.select(out + exprs))

    result = pl.concat(level_frames).sort(["_row", "_level"]).drop(["_row", "_level"])
    return result.select(OUTPUT_COLUMNS)


def _via_distinct(data: pl.DataFrame, keys: list[str], exprs: list[pl.Expr]) -> pl.DataFrame:
    """Evaluate `exprs` once per distinct value of their input columns `keys` and spread the results back
    to every row: a roster has few distinct (sex, birth date) or (education, ethnicity) pairs, and building
    sentences is the dear part. Only the key columns are joined; the results are gathered by index."""
    distinct = data.select(keys).unique().with_row_index("_k")
    index = data.select(keys).join(distinct, on=keys, how="left", nulls_equal=True, maintain_order="left")[
        "_k"
    ]
    results = distinct.with_columns(exprs)
    names = [name for name in results.columns if name not in distinct.columns]
    return data.with_columns(results[name].gather(index) for name in names)


_STANDARD_INPUTS = {
    "party_status": ["party_status"],
    "education": ["education", "ethnicity"],
    "ratings": ["rating_last", "rating_before_last"],
}
_SUBJECT_INPUTS = {
    "party_member": ["party_status"],
    "grade_years": ["grade", "grade_since"],
    "lecturer_years": ["lecturer_since"],
}


def _decide_exprs(book: Rulebook, version, spec, level: str, on: dt.date, data: pl.DataFrame):
    from .rulebook import cite

    level_cite = cite(spec.citation, version.document)
    label = LEVEL_LABELS[level]

    # The first group that holds gives the sentence; heads and tails are looked up by group number so
    # that one string is built per row, not one per group.
    values, heads, tails = [], {}, {}
    for i, group in enumerate(spec.subjects):
        value = pl.col(f"_{level}_{i}")
        if not isinstance(group, PostGroup):
            expr = subject_value_expr(group, on, book.catalogue.posts, book.catalogue.grade_titles)
            if group.kind in _SUBJECT_INPUTS:
                data = _via_distinct(data, _SUBJECT_INPUTS[group.kind], [expr.alias(f"_{level}_{i}")])
            else:
                value = expr
        c = cite(group.citation, version.document)
        assumed = group.assumption or group.confidence == "?"
        heads[i] = f"{ASSUMED if assumed else ''}Thuộc đối tượng {label}: {group.label} ("
        tails[i] = f"){_tail(c)}"
        values.append(value)
    not_text, not_assumed = not_subject_text(spec, level, "\x00")
    before, after = not_text.split("\x00")
    heads[-1] = f"{ASSUMED if not_assumed else ''}{before}"
    tails[-1] = f"{after}{_tail(level_cite)}"
    if values:
        first = pl.coalesce(
            [pl.when(v.is_not_null()).then(pl.lit(i, pl.Int16)) for i, v in enumerate(values)]
        )
        first = first.fill_null(-1)
        value = pl.coalesce([*values, pl.col("_described")])
    else:
        first, value = pl.lit(-1, pl.Int16), pl.col("_described")
    subject_met = first >= 0
    subject_text = pl.concat_str(
        [
            first.replace_strict(heads, return_dtype=pl.String),
            value,
            first.replace_strict(tails, return_dtype=pl.String),
        ]
    )

    eligible = subject_met
    standard_texts = []
    for k, standard in enumerate(spec.standards):
        met, value, threshold = standard_check_expr(standard, on)
        c = cite(standard.citation, version.document)
        assumed = standard.assumption or standard.confidence == "?"
        text = pl.concat_str(
            [
                pl.lit(f"{ASSUMED if assumed else ''}{STANDARD_LABELS[standard.kind]}: "),
                value,
                pl.lit(", yêu cầu "),
                threshold,
                pl.lit(": "),
                pl.when(met).then(pl.lit("đạt")).otherwise(pl.lit("không đạt")),
                pl.lit(_tail(c)),
            ]
        )
        shown = text if assumed else pl.when(~met).then(text)
        data = _via_distinct(
            data,
            _STANDARD_INPUTS[standard.kind],
            [met.alias(f"_{level}_m{k}"), shown.alias(f"_{level}_t{k}")],
        )
        standard_texts.append(pl.col(f"_{level}_t{k}"))
        eligible = eligible & pl.col(f"_{level}_m{k}")

    modes, mode_text = open_modes_expr(spec.modes, on)
    c = cite(spec.modes.citation, version.document)
    m_assumed = spec.modes.assumption or spec.modes.confidence == "?"
    mode_text = pl.lit(ASSUMED if m_assumed else "") + mode_text + pl.lit(_tail(c))
    data = _via_distinct(
        data, ["sex", "birth_date"], [modes.alias(f"_{level}_modes"), mode_text.alias(f"_{level}_mt")]
    )
    modes, mode_text = pl.col(f"_{level}_modes"), pl.col(f"_{level}_mt")

    reasons = pl.concat_str(
        [subject_text, *standard_texts, pl.when(eligible).then(mode_text)],
        separator=REASON_SEPARATOR,
        ignore_nulls=True,
    )
    theory_rank = {key: i for i, key in enumerate(THEORY_ORDER)}
    already = (
        pl.col("theory_level").replace_strict(theory_rank, default=0, return_dtype=pl.Int8)
        >= theory_rank[level]
    )
    already_text = (
        pl.lit("Đã có trình độ LLCT ")
        + pl.col("theory_level").replace_strict(THEORY_LABELS, default="")
        + pl.lit(already_holds_text("", level).removeprefix(f"Đã có trình độ LLCT {THEORY_LABELS['']}"))
        + pl.lit(_tail(level_cite))
    )
    problems = pl.concat_str(
        [
            pl.when(pl.col("birth_date").is_null()).then(pl.lit(MISSING_BIRTH_DATE)),
            pl.when(~pl.col("sex").is_in(["nam", "nu"]).fill_null(False)).then(pl.lit(MISSING_SEX)),
            pl.col("_title_problems"),
        ],
        separator="; ",
        ignore_nulls=True,
    )
    unjudged = problems != ""
    final_eligible = pl.when(already | unjudged).then(False).otherwise(eligible.fill_null(False))
    return data, [
        final_eligible.alias("eligible"),
        pl.when(final_eligible).then(modes).otherwise(pl.lit("")).alias("modes"),
        pl.lit(version.number).alias("regulation"),
        pl.lit(spec.institution.kind).alias("institution"),
        pl.when(already)
        .then(already_text)
        .when(unjudged)
        .then(pl.lit(UNJUDGED) + problems + pl.lit(_tail(level_cite)))
        .otherwise(reasons)
        .alias("reasons"),
    ]
