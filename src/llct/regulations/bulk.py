"""The bulk path: a whole roster frame screened with Polars (conditions.py, the `_expr` twins of the scalar
checks), the same decisions and sentences as `decide`.

A million rows repeat a few thousand situations, so nothing is written per row:
1. post cells are matched once per distinct (titles, tier, sector) — a "combo" — and every other input is
   coded as a small integer ("facts": party status, education, ratings, sex, age …);
2. per level, each row gets the codes that its explanation depends on and nothing else (the inputs of a
   standard only when the standard is shown, the age only when the person is eligible …);
3. the distinct code combinations — a few thousand — get their decision and sentence, and every row takes
   its combination's by index. Text columns are categorical, so the output holds each sentence once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from .checks import cite
from .conditions import (
    STANDARD_INPUTS,
    STANDARD_LABELS,
    SUBJECT_INPUTS,
    excluded_value_expr,
    open_modes_expr,
    post_value_expr,
    posts_described_expr,
    standard_met_expr,
    standard_text_expr,
    subject_fits_expr,
    subject_value_expr,
)
from .decide import (
    already_holds_text,
    competent,
    excluded_text,
    institution_ended_text,
    not_offered_text,
    not_subject_text,
)
from .frames import ROSTER_COLUMNS, TitleProblem, resolve_posts
from .model import (
    EDUCATION_ORDER,
    INSTITUTION_KINDS,
    LEVEL_LABELS,
    LEVELS,
    PARTY_STATUSES,
    RATING_ORDER,
    REASON_SEPARATOR,
    SEXES,
    STATUSES,
    THEORY_ORDER,
    Citation,
)
from .overlays import OverlaySpec, both_text
from .schema import LecturerYearsGroup, LevelSpec, PostGroup, VersionSpec
from .texts import (
    ASSUMED,
    MISSING_BIRTH_DATE,
    MISSING_SEX,
    THEORY_LABELS,
    UNJUDGED,
    completed_years_expr,
    is_minority_expr,
)

if TYPE_CHECKING:
    from .rulebook import Rulebook

OUTPUT_COLUMNS = ("code", "level", "eligible", "modes", "regulation", "institution", "reasons")
_DATES = {"birth_date", "grade_since", "lecturer_since"}
_POST_KEYS = ["position", "tier", "sector", "planned_position", "planned_tier"]
_STATUS = pl.Enum(STATUSES)
_INSTITUTION = pl.Enum(INSTITUTION_KINDS)
_CODE = pl.Int16
_DECIDED = ("eligible", "modes", "regulation", "institution", "reasons", "status", "assumed")


def screen(
    book: Rulebook,
    frame: pl.DataFrame,
    on: dt.date,
    levels: Sequence[str] | None = None,
    *,
    age_on: dt.date | None = None,
    with_status: bool = False,
    province: str | None = None,
) -> pl.DataFrame:
    """Screen every row for every level (canonical order whatever the order asked); see Rulebook.screen."""
    result, _ = screen_with_titles(book, frame, on, levels, age_on=age_on, province=province)
    return result if with_status else result.drop("status", "assumed")


def screen_with_titles(
    book: Rulebook,
    frame: pl.DataFrame,
    on: dt.date,
    levels: Sequence[str] | None = None,
    *,
    age_on: dt.date | None = None,
    province: str | None = None,
) -> tuple[pl.DataFrame, list[tuple[TitleProblem, pl.Series]]]:
    """`screen` with the status and assumed columns, and every title that names no single post with the
    frame rows (0-based) where it was written. Every row is a cadre of `province` when given."""
    wanted = set(levels or LEVELS)
    chosen = [level for level in LEVELS if level in wanted]
    n = frame.height
    version = book.version_on(on)
    overlay = book.overlay_on(province, on) if version else None
    codes, facts, combos, problems = _facts(book, frame, on, age_on or on)
    tables, indices = [], []
    for level in chosen:
        spec = book.level_spec(version, overlay, level) if version else None
        if version is None or spec is None or not spec.offered:
            table, index = _not_offered(version, spec, level, on, n)
        else:
            both = overlay if overlay is not None and level in overlay.levels else None
            table, index = _judged(book, version, both, spec, level, on, age_on, facts, combos)
        indices.append(index.to_numpy() + sum(t.height for t in tables))
        tables.append(table)
    # Each level's rows point into its table of decisions; the output lists each person's levels together.
    where = pl.Series(np.stack(indices, axis=1).ravel() if n else np.zeros(0, dtype=np.uint32))
    count = len(chosen)
    decided = pl.concat([t.select(_DECIDED) for t in tables], how="vertical").with_columns(
        pl.col("modes", "regulation", "reasons").cast(pl.Categorical),
        pl.col("institution").cast(_INSTITUTION),
        pl.col("status").cast(_STATUS),
    )
    position = pl.int_range(n * count, dtype=pl.UInt32, eager=True)
    result = pl.concat(
        [
            pl.DataFrame(
                {
                    "code": codes.gather(position // count),
                    "level": pl.Series(chosen, dtype=pl.Enum(LEVELS)).gather(position % count),
                }
            ),
            decided.select(pl.all().gather(where)),
        ],
        how="horizontal",
    ).select(*OUTPUT_COLUMNS, "status", "assumed")
    return result, _title_rows(facts["combo"], problems)


def _title_rows(
    combo: pl.Series, problems: list[Sequence[TitleProblem]]
) -> list[tuple[TitleProblem, pl.Series]]:
    bad = [i for i, found in enumerate(problems) if found]
    if not bad:
        return []
    rows = (
        combo.to_frame("combo")
        .with_row_index("row")
        .filter(pl.col("combo").is_in(bad))
        .group_by("combo")
        .agg("row")
    )
    return [
        (problem, row_list)
        for i, row_list in zip(rows["combo"], rows["row"], strict=True)
        for problem in problems[i]
    ]


# ── facts: what the rules read, coded ──────────────────────────────────────────────────────────────


def _codes(column: pl.Expr, vocabulary: Sequence[str], default: int | None = None) -> pl.Expr:
    return column.replace_strict(
        {key: i for i, key in enumerate(vocabulary)}, default=default, return_dtype=_CODE
    )


def _on_distinct(series: pl.Series, expr: Callable[[pl.Expr], pl.Expr], dtype: pl.DataType) -> pl.Series:
    """`expr` evaluated once per distinct value of a low-cardinality text column and spread back."""
    values = series.unique().drop_nulls()
    mapped = values.to_frame("v").select(expr(pl.col("v")).cast(dtype)).to_series()
    out = series.replace_strict(values, mapped, default=None, return_dtype=dtype)
    empty = pl.select(expr(pl.lit(None, pl.String)).cast(dtype)).item() if series.has_nulls() else None
    return out if empty is None else out.fill_null(empty)


def _facts(
    book: Rulebook, frame: pl.DataFrame, on: dt.date, age_on: dt.date
) -> tuple[pl.Series, pl.DataFrame, pl.DataFrame, list[Sequence[TitleProblem]]]:
    """The rows' codes (Mã cán bộ), their coded columns (conditions.py names them), the table of distinct
    post cells ("combos", indexed by the rows' `combo`: held and planned post codes, title problems, the
    posts described) and each combo's titles that name no single post."""
    base = frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None))
        .cast(pl.Date if name in _DATES else pl.String)
        .alias(name)
        for name in ROSTER_COLUMNS
    )
    combo, first = _group(base.select(pl.col(_POST_KEYS).cast(pl.Categorical).to_physical()))
    combos, problems = _combos(book, base.select(_POST_KEYS)[first])
    grade_codes = sorted(book.catalogue.grades)
    grade_keys = _on_distinct(
        base["grade"],
        lambda v: v.map_elements(book.catalogue.grade_key, return_dtype=pl.String, skip_nulls=True),
        pl.String,
    )
    lecturer = pl.col("lecturer_since")
    facts = pl.concat(
        [
            pl.DataFrame({"combo": combo}),
            base.with_columns(grade_keys.alias("grade")).select(
                _codes(pl.col("party_status").fill_null(""), PARTY_STATUSES, 0).alias("party"),
                _codes(pl.col("education"), EDUCATION_ORDER).alias("education"),
                _codes(pl.col("rating_last"), RATING_ORDER).alias("rating_last"),
                _codes(pl.col("rating_before_last"), RATING_ORDER).alias("rating_before_last"),
                _codes(pl.col("sex"), SEXES).alias("sex"),
                _codes(pl.col("theory_level").fill_null(""), THEORY_ORDER, 0).alias("theory"),
                _codes(pl.col("grade"), grade_codes).alias("grade"),
                completed_years_expr(pl.col("birth_date"), age_on).cast(_CODE).alias("age"),
                pl.col("birth_date").is_null().alias("birth_null"),
                completed_years_expr(pl.col("grade_since"), on).cast(_CODE).alias("grade_years"),
                pl.when(lecturer <= pl.lit(on))
                .then(completed_years_expr(lecturer, on))
                .cast(_CODE)
                .alias("lecturer_years"),
            ),
            _on_distinct(base["ethnicity"], is_minority_expr, pl.Boolean).alias("minority").to_frame(),
        ],
        how="horizontal",
    )
    return base["code"], facts, combos, problems


def _combos(book: Rulebook, cells: pl.DataFrame) -> tuple[pl.DataFrame, list[Sequence[TitleProblem]]]:
    held, planned, problems = [], [], []
    for row in cells.iter_rows():
        h, p, bad = resolve_posts(book.catalogue, *row)
        held.append(h)
        planned.append(p)
        problems.append(bad)
    table = pl.DataFrame(
        {
            "held": _lists(held),
            "planned": _lists(planned),
            "problems": pl.Series(
                ["; ".join(problem.text for problem in bad) or None for bad in problems], dtype=pl.String
            ),
        }
    ).with_columns(posts_described_expr(book.catalogue.titles).alias("described"))
    return table, problems


def _lists(values: list[Sequence[str]]) -> pl.Series:
    """A list column from Python lists, built from the flat items (element-wise conversion is slow)."""
    owner = [i for i, items in enumerate(values) for _ in items]
    flat = pl.DataFrame(
        {"i": pl.Series(owner, dtype=pl.UInt32), "code": [code for items in values for code in items]},
        schema={"i": pl.UInt32, "code": pl.String},
    )
    lists = flat.group_by("i").agg("code")
    every = pl.DataFrame({"i": pl.int_range(len(values), dtype=pl.UInt32, eager=True)})
    joined = every.join(lists, on="i", how="left", maintain_order="left")["code"]
    return joined.fill_null(pl.lit([], dtype=pl.List(pl.String)))


# ── grouping rows by their codes ───────────────────────────────────────────────────────────────────

_KEY_BITS = 62


def _group(frame: pl.DataFrame) -> tuple[pl.Series, pl.Series]:
    """The distinct combination of `frame`'s columns (integers or booleans, with nulls) each row has, as a
    dense index, and the first row of each combination (so that `frame[first]` lists the combinations in
    index order). The columns are packed into as few 62-bit integer keys as they need, in one pass."""
    columns = [pl.col(c).cast(pl.UInt8) if t == pl.Boolean else pl.col(c) for c, t in frame.schema.items()]
    stats = frame.select(
        *(e.min().cast(pl.Int64).alias(f"lo{i}") for i, e in enumerate(columns)),
        *(e.max().cast(pl.Int64).alias(f"hi{i}") for i, e in enumerate(columns)),
        *(e.null_count().alias(f"nulls{i}") for i, e in enumerate(columns)),
    ).row(0)
    width = len(columns)
    words: list[pl.Expr] = []
    word: pl.Expr | None = None
    bits = 0
    for i, expr in enumerate(columns):
        low, high, nulls = stats[i], stats[width + i], stats[2 * width + i]
        if low is None:
            continue  # all null: tells no row apart
        size = high - low + 1 + (nulls > 0)  # null takes the value after the largest
        step = max(size - 1, 1).bit_length()
        if word is not None and bits + step > _KEY_BITS:
            words.append(word)
            word, bits = None, 0
        code = expr.cast(pl.Int64) - low if low else expr
        code = (code.fill_null(size - 1) if nulls else code).cast(pl.UInt64)
        word = code if word is None else word * (1 << step) + code
        bits += step
    # Every column null: one combination, a key of 0 for each row (a bare literal would give one row).
    words.append(pl.repeat(0, pl.len(), dtype=pl.UInt64) if word is None else word)
    keys = frame.select(w.alias(f"k{i}") for i, w in enumerate(words))
    if keys.width == 1:
        return _dense(keys.to_series())
    table = keys.with_row_index("first").unique(subset=keys.columns, keep="first").with_row_index("i")
    index = keys.join(table, on=keys.columns, how="left", maintain_order="left")["i"]
    return index, table["first"]


def _dense(key: pl.Series) -> tuple[pl.Series, pl.Series]:
    first = key.arg_unique()
    table = pl.DataFrame({"k": key.gather(first)}).with_row_index("i")
    index = key.to_frame("k").join(table, on="k", how="left", maintain_order="left")["i"]
    return index, first


# ── one level ──────────────────────────────────────────────────────────────────────────────────────


def _not_offered(
    version: VersionSpec | None, spec: LevelSpec | None, level: str, on: dt.date, n: int
) -> tuple[pl.DataFrame, pl.Series]:
    """A level the version in force does not offer (or no version): one decision for every row."""
    if version is None:
        text = f"Không có quy định nào có hiệu lực ngày {on:%d/%m/%Y}"
    else:
        citation = cite(spec.citation, version.document) if spec else Citation(version.document)
        text = f"{not_offered_text(level)} — {citation}"
    table = pl.DataFrame(
        {
            "eligible": [False],
            "modes": [""],
            "regulation": [version.number if version else ""],
            "institution": pl.Series([None], dtype=pl.String),
            "reasons": [text],
            "status": ["not_offered"],
            "assumed": [False],
        }
    )
    return table, pl.repeat(0, n, dtype=pl.UInt32, eager=True)


def _judged(
    book: Rulebook,
    version: VersionSpec,
    overlay: OverlaySpec | None,
    spec: LevelSpec,
    level: str,
    on: dt.date,
    age_on: dt.date | None,
    facts: pl.DataFrame,
    combos: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.Series]:
    """An offered level: the table of distinct decisions, and for each row the index of its decision."""
    catalogue = book.catalogue
    grade_codes = sorted(catalogue.grades)
    groups = list(spec.subjects)
    post_groups = [i for i, g in enumerate(groups) if isinstance(g, PostGroup)]
    not_subject = len(groups)
    exclusions = list(spec.exclusions)
    excluded = [not_subject + 1 + k for k in range(len(exclusions))]  # "first" of an excluded person
    lecturer_exclude = [i for i, g in enumerate(groups) if isinstance(g, LecturerYearsGroup) and g.exclude]

    # Post groups and exclusions, once per combo: each one's value, the first group that holds, the first
    # exclusion that holds (it overrides every group: QĐ 57 Điều 4 khoản 1 điểm b), and for lecturer
    # groups whether the person holds a post where teaching does not count.
    values = combos.with_columns(
        *(post_value_expr(groups[i], catalogue.posts).alias(f"v{i}") for i in post_groups),
        *(excluded_value_expr(x.posts, catalogue.posts).alias(f"e{k}") for k, x in enumerate(exclusions)),
    ).select(*(f"v{i}" for i in post_groups), *(f"e{k}" for k in range(len(exclusions))))
    post_first = pl.min_horizontal(
        pl.lit(None, _CODE),
        *(pl.when(pl.col(f"v{i}").is_not_null()).then(pl.lit(i, _CODE)) for i in post_groups),
    )
    excluded_first = pl.min_horizontal(
        pl.lit(None, _CODE),
        *(
            pl.when(pl.col(f"e{k}").is_not_null()).then(pl.lit(code, _CODE))
            for k, code in enumerate(excluded)
        ),
    )
    combo_facts = pl.concat(
        [
            values.select(post_first.alias("post_first"), excluded_first.alias("excluded_first")),
            combos.select(
                pl.col("problems").is_not_null().alias("title_problems"),
                *(
                    excluded_value_expr(groups[i].exclude, catalogue.posts).is_not_null().alias(f"lx{i}")
                    for i in lecturer_exclude
                ),
            ),
        ],
        how="horizontal",
    )

    def fits(i: int, group: object) -> pl.Expr:
        held_elsewhere = pl.col(f"lx{i}") if i in lecturer_exclude else pl.lit(False)
        return subject_fits_expr(group, grade_codes) & ~held_elsewhere

    # Per row: the codes the explanation depends on, null where it does not. What several codes share
    # is computed once, as columns.
    already = pl.col("theory") >= THEORY_ORDER.index(level)
    unjudged = ~already & (pl.col("birth_null") | pl.col("sex").is_null() | pl.col("title_problems"))
    first = pl.coalesce(
        pl.col("excluded_first"),
        pl.min_horizontal(
            pl.col("post_first"),
            *[
                pl.when(fits(i, g)).then(pl.lit(i, _CODE))
                for i, g in enumerate(groups)
                if i not in post_groups
            ],
        ),
    ).fill_null(not_subject)
    rows = pl.concat([facts, combo_facts.select(pl.all().gather(facts["combo"]))], how="horizontal")
    rows = rows.with_columns(
        already.alias("_already"),
        unjudged.alias("_unjudged"),
        first.alias("_first"),
        *(standard_met_expr(s).alias(f"_met{k}") for k, s in enumerate(spec.standards)),
    ).with_columns((~pl.col("_already") & ~pl.col("_unjudged")).alias("_judged"))
    already, unjudged, judged, first = (pl.col(c) for c in ("_already", "_unjudged", "_judged", "_first"))
    met = [pl.col(f"_met{k}") for k in range(len(spec.standards))]
    eligible = judged & (first < not_subject) & pl.all_horizontal([pl.lit(True), *met])
    reads_combo = first.is_in([*post_groups, not_subject, *excluded])
    keys = [
        pl.when(already).then(0).when(unjudged).then(1).otherwise(2).cast(_CODE).alias("state"),
        pl.when(already).then(pl.col("theory")).alias("theory"),
        pl.when(unjudged).then(pl.col("birth_null")).alias("u_birth"),
        pl.when(unjudged).then(pl.col("sex").is_null()).alias("u_sex"),
        pl.when(unjudged & pl.col("title_problems"))
        .then(pl.col("combo"))
        .when(judged & reads_combo)
        .then(pl.col("combo"))
        .alias("combo"),
        pl.when(judged).then(first).alias("first"),
    ]
    for i, group in enumerate(groups):
        for name in SUBJECT_INPUTS.get(getattr(group, "kind", ""), ()) if i not in post_groups else ():
            keys.append(pl.when(judged & (first == i)).then(pl.col(name)).alias(f"g{i}_{name}"))
    for k, standard in enumerate(spec.standards):
        assumed = standard.assumption or standard.confidence == "?"
        keys.append(pl.when(judged).then(met[k]).alias(f"s{k}_met"))
        shown = judged if assumed else judged & ~met[k]
        for name in STANDARD_INPUTS[standard.kind]:
            keys.append(pl.when(shown).then(pl.col(name)).alias(f"s{k}_{name}"))
    assert spec.modes is not None
    if spec.modes.part_time_min_age is not None:
        rows = rows.with_columns(eligible.alias("_eligible"))
        keys += [pl.when(pl.col("_eligible")).then(pl.col(c)).alias(f"m_{c}") for c in ("sex", "age")]
    coded = rows.select(keys)
    index, first_rows = _group(coded)
    table = _explain(book, version, overlay, spec, level, on, age_on, coded[first_rows], combos, values)
    return table.with_columns(
        pl.lit(version.number).alias("regulation"),
        pl.lit(competent(book, spec, on)[0], pl.String).alias("institution"),
    ), index


def _explain(
    book: Rulebook,
    version: VersionSpec,
    overlay: OverlaySpec | None,
    spec: LevelSpec,
    level: str,
    on: dt.date,
    age_on: dt.date | None,
    distinct: pl.DataFrame,
    combos: pl.DataFrame,
    values: pl.DataFrame,
) -> pl.DataFrame:
    """Decision and sentence of each distinct combination of codes (`distinct`, one row each), built from
    the same pieces as `decide`."""
    catalogue = book.catalogue
    grade_codes = sorted(catalogue.grades)
    groups = list(spec.subjects)
    label = LEVEL_LABELS[level]
    level_cite = cite(spec.citation, version.document)
    combo = distinct["combo"]

    def evaluate(prefix: str, names: Sequence[str], expr: pl.Expr) -> pl.Series:
        """`expr` over the key columns `prefix + name`, renamed to the names the conditions read."""
        inputs = distinct.select(pl.col("state"), *(pl.col(f"{prefix}{name}").alias(name) for name in names))
        return inputs.with_columns(expr.alias("_out"))["_out"]

    frame = distinct.select("state", "first", "u_birth", "u_sex").with_columns(
        distinct["theory"]
        .replace_strict(
            dict(enumerate(THEORY_LABELS[t] for t in THEORY_ORDER)), default=None, return_dtype=pl.String
        )
        .alias("theory"),
        combos["problems"].gather(combo).alias("title_problems"),
        combos["described"].gather(combo).alias("described"),
    )

    # The subject: the first group that holds, or "not a subject" (first == len(groups)).
    subject = pl.lit(None, pl.String)
    subject_assumed = [i for i, g in enumerate(groups) if g.assumption or g.confidence == "?"]
    for i, group in enumerate(groups):
        c = cite(group.citation, version.document)
        assumed = i in subject_assumed
        if isinstance(group, PostGroup):
            value = values[f"v{i}"].gather(combo)
        else:
            value = evaluate(
                f"g{i}_",
                SUBJECT_INPUTS[group.kind],
                subject_value_expr(group, grade_codes, catalogue.grade_titles),
            )
        frame = frame.with_columns(value.alias(f"v{i}"))
        head = f"{ASSUMED if assumed else ''}Thuộc đối tượng {label}: {group.label} ("
        piece = pl.lit(head) + pl.col(f"v{i}") + pl.lit(f") — {c}")
        subject = pl.when(pl.col("first") == i).then(piece).otherwise(subject)
    for k, exclusion in enumerate(spec.exclusions):
        c = cite(exclusion.citation, version.document)
        before, after = excluded_text(level, exclusion.label, "\x00").split("\x00")
        piece = pl.lit(before) + values[f"e{k}"].gather(combo) + pl.lit(f"{after} — {c}")
        subject = pl.when(pl.col("first") == len(groups) + 1 + k).then(piece).otherwise(subject)
    not_text, not_assumed = not_subject_text(spec, level, "\x00")
    subject_assumed += [len(groups)] if not_assumed else []
    before, after = not_text.split("\x00")
    not_piece = pl.lit(f"{ASSUMED if not_assumed else ''}{before}") + pl.col("described")
    subject = (
        pl.when(pl.col("first") == len(groups))
        .then(not_piece + pl.lit(f"{after} — {level_cite}"))
        .otherwise(subject)
    )

    # The standards: shown when not met or assumed.
    eligible = pl.col("first") < len(groups)
    standards = []
    for k, standard in enumerate(spec.standards):
        c = cite(standard.citation, version.document)
        assumed = standard.assumption or standard.confidence == "?"
        value, threshold = standard_text_expr(standard, on)
        text = pl.concat_str(
            [
                pl.lit(f"{ASSUMED if assumed else ''}{STANDARD_LABELS[standard.kind]}: "),
                value,
                pl.lit(", yêu cầu "),
                threshold,
                pl.lit(": "),
                pl.when(pl.col("met")).then(pl.lit("đạt")).otherwise(pl.lit("không đạt")),
                pl.lit(f" — {c}"),
            ]
        )
        met = pl.col(f"s{k}_met")
        shown = evaluate(
            f"s{k}_",
            [*STANDARD_INPUTS[standard.kind], "met"],
            pl.when(pl.col("met").is_not_null() & (pl.lit(assumed) | ~pl.col("met"))).then(text),
        )
        frame = frame.with_columns(shown.alias(f"s{k}"), distinct[f"s{k}_met"])
        standards.append(pl.col(f"s{k}"))
        eligible = eligible & met
    frame = frame.with_columns((eligible & (pl.col("state") == 2)).fill_null(False).alias("eligible"))

    # The study modes, said when the person is eligible.
    assert spec.modes is not None
    c = cite(spec.modes.citation, version.document)
    m_assumed = spec.modes.assumption or spec.modes.confidence == "?"
    modes, sentence = open_modes_expr(spec.modes, on, age_on)
    names = ("sex", "age") if spec.modes.part_time_min_age is not None else ()
    frame = frame.with_columns(
        pl.when(pl.col("eligible")).then(evaluate("m_", names, modes)).otherwise(pl.lit("")).alias("modes"),
        pl.when(pl.col("eligible"))
        .then(pl.lit(ASSUMED if m_assumed else "") + evaluate("m_", names, sentence) + pl.lit(f" — {c}"))
        .alias("mode_text"),
    )

    institution_text = pl.lit(None, pl.String)
    ended = competent(book, spec, on)[1]
    if ended is not None:
        assert spec.institution is not None
        c = cite(ended.citation, version.document)
        text = f"{institution_ended_text(spec.institution.kind, ended)} — {c}"
        institution_text = pl.when(pl.col("eligible")).then(pl.lit(text))

    already_tail = already_holds_text("", level).removeprefix(f"Đã có trình độ LLCT {THEORY_LABELS['']}")
    problems = pl.concat_str(
        [
            pl.when(pl.col("u_birth")).then(pl.lit(MISSING_BIRTH_DATE)),
            pl.when(pl.col("u_sex")).then(pl.lit(MISSING_SEX)),
            pl.col("title_problems"),
        ],
        separator="; ",
        ignore_nulls=True,
    )
    reasons = (
        pl.when(pl.col("state") == 0)
        .then(pl.lit("Đã có trình độ LLCT ") + pl.col("theory") + pl.lit(f"{already_tail} — {level_cite}"))
        .when(pl.col("state") == 1)
        .then(pl.lit(UNJUDGED) + problems + pl.lit(f" — {level_cite}"))
        .otherwise(
            pl.concat_str(
                [subject, *standards, pl.col("mode_text"), institution_text],
                separator=REASON_SEPARATOR,
                ignore_nulls=True,
            )
        )
    )
    if overlay is not None:
        reasons = reasons + pl.lit(REASON_SEPARATOR) + _both_text(version, overlay, spec, level_cite.document)
    status = (
        pl.when(pl.col("state") == 1)
        .then(pl.lit("not_judged"))
        .when(pl.col("eligible"))
        .then(pl.lit("eligible"))
        .otherwise(pl.lit("not_eligible"))
    )
    # Decision.assumed: an assumed subject group, any assumed standard (always shown), or assumed modes.
    standards_assumed = any(s.assumption or s.confidence == "?" for s in spec.standards)
    assumed = (pl.col("state") == 2) & (
        pl.col("first").is_in(subject_assumed)
        | pl.lit(standards_assumed)
        | (pl.col("eligible") & pl.lit(m_assumed))
    )
    return frame.select(
        "eligible", "modes", reasons.alias("reasons"), status.alias("status"), assumed.alias("assumed")
    )


def _both_text(version: VersionSpec, overlay: OverlaySpec, spec: LevelSpec, level_doc: str) -> pl.Expr:
    """`overlays.both_text` with the document of the reason that decides (Decision.deciding): the level's
    when the person is already trained, not judged, not a subject or excluded; else the first standard not
    met; else the subject group's."""
    groups = list(spec.subjects)

    def doc(item) -> pl.Expr:
        return pl.lit(cite(item.citation, version.document).document)

    first = pl.col("first")
    deciding = pl.when((pl.col("state") != 2) | (first == len(groups))).then(pl.lit(level_doc))
    for k, exclusion in enumerate(spec.exclusions):
        deciding = deciding.when(first == len(groups) + 1 + k).then(doc(exclusion))
    for k, standard in enumerate(spec.standards):
        deciding = deciding.when(~pl.col(f"s{k}_met")).then(doc(standard))
    for i, group in enumerate(groups):
        deciding = deciding.when(first == i).then(doc(group))
    head, tail = both_text(version, overlay, "\x00").split("\x00")
    return pl.lit(head) + deciding.otherwise(pl.lit(level_doc)) + pl.lit(tail)
