"""Synthetic cadre rosters in the interchange format (spec/roster-format.md), from 10 rows to millions.

Everything is drawn column-wise with NumPy and Polars, so a million rows take a few seconds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from llct.regulations.texts import SECTOR_LABELS, TIER_LABELS
from llct.roster.writer import write_roster

from .catalogue import demo_posts
from .draw import Table, choice, pick, pick_index
from .names import REGIONS
from .people import LEADER, draw_people
from .places import LOCALITIES, PROVINCES

# The columns in the order of the format, with the citizen ID the registry keeps.
HEADERS: dict[str, str] = {
    "code": "Mã cán bộ",
    "full_name": "Họ và tên",
    "citizen_id": "Số CCCD",
    "birth_date": "Ngày sinh",
    "sex": "Giới tính",
    "ethnicity": "Dân tộc",
    "party_status": "Đảng viên",
    "education": "Trình độ học vấn",
    "theory_level": "Trình độ LLCT",
    "position": "Chức vụ",
    "tier": "Cấp",
    "sector": "Khối",
    "unit": "Đơn vị",
    "planned_position": "Chức vụ quy hoạch",
    "planned_tier": "Cấp quy hoạch",
    "grade": "Ngạch",
    "grade_since": "Ngày giữ ngạch",
    "lecturer_since": "Giảng viên LLCT từ",
    "rating_last": "Xếp loại năm trước",
    "rating_before_last": "Xếp loại năm trước nữa",
}
TIERS: tuple[str, ...] = ("trung_uong", "tinh", "huyen", "xa")
REGION_SHARES = (0.42, 0.23, 0.35)
CHUNK = 100_000

PROBLEM_KINDS: tuple[str, ...] = (
    "unknown_title",
    "missing_birth_date",
    "bad_date_format",
    "nfd_name",
    "stray_spaces",
    "citizen_id_lost_zero",
)
# Titles people write that no catalogue holds: contract staff, neighbourhood roles, vague duties.
UNKNOWN_TITLES: tuple[str, ...] = (
    "Phụ trách chung",
    "Cộng tác viên",
    "Kiêm nhiệm công tác khác",
    "Đang chờ bố trí công tác",
    "Thủ quỹ kiêm văn thư",
    "Lái xe cơ quan",
)


def synthetic_roster(
    n: int, seed: int = 0, problems: float = 0.01, *, region: str | None = None
) -> pl.DataFrame:
    """A plausible roster of `n` cadres with the format's Vietnamese headers, all cells text
    (dates dd/mm/yyyy, empty = null), deterministic for `seed`.

    People: names by region and ethnic group (`llct.demo.names`), about 45 % women (fewer among leaders,
    army and police), born 1965–2002 (leaders older). Posts are drawn from the post catalogue, staff far
    more often than leaders, written as people write them (catalogue title or an alias, "Ủy" or "Uỷ",
    the division after "Trưởng phòng"); Cấp, Khối and Đơn vị follow from the post; a few hold two posts
    ("…; …"). Leaders are full Party members with a university degree and trung cấp or cao cấp theory;
    staff vary. About a fifth are planned for a higher post of their tier and sector. Civil servants have
    a grade and the date they took it; lecturers and heads of political schools have `lecturer_since`.
    `region` ("bac", "trung", "nam") puts everyone in one region; by default the regions mix.

    At rate `problems`, each row independently carries one data-quality problem, evenly one of
    PROBLEM_KINDS: an `unknown_title` (Chức vụ from UNKNOWN_TITLES), a `missing_birth_date`, a
    `bad_date_format` (Ngày sinh with a two-digit year, dd/mm/yy), an `nfd_name` (Họ và tên in Unicode
    NFD), `stray_spaces` (around and inside Họ và tên) or a `citizen_id_lost_zero` (the ID's leading
    zeros dropped, as a spreadsheet does to a number: 10 or 11 digits). Citizen IDs are otherwise 12
    digits (province code, century-and-sex digit, birth year, serial), unique for up to 1,000,000 rows.
    """
    # Chunks bound the memory the intermediate columns take; each chunk has its own stream of the seed,
    # so the roster depends only on `seed` and `n`.
    serials = np.random.default_rng([seed, 0]).permutation(1_000_000)
    width = max(7, len(str(n)))
    chunks = [
        _chunk(
            np.random.default_rng([seed, 1 + k]),
            start,
            min(CHUNK, n - start),
            serials,
            problems,
            region,
            width,
        )
        for k, start in enumerate(range(0, max(n, 1), CHUNK))
    ]
    return pl.concat(chunks, rechunk=False)


def _chunk(
    rng: np.random.Generator,
    start: int,
    n: int,
    serials: np.ndarray,
    problems: float,
    region: str | None,
    width: int,
) -> pl.DataFrame:
    """Rows start … start + n − 1 of a roster."""
    posts = demo_posts()
    zeros = np.zeros(n, dtype=np.int64)

    region_idx = (
        rng.choice(len(REGIONS), n, p=REGION_SHARES) if region is None else zeros + REGIONS.index(region)
    )
    by_region = [[i for i, p in enumerate(PROVINCES) if p[1] == r] for r in REGIONS]
    province = np.array([i for ids in by_region for i in ids])[
        np.cumsum([0] + [len(ids) for ids in by_region[:-1]])[region_idx]
        + pick_index(rng, region_idx, [[1.0] * len(ids) for ids in by_region])
    ]

    post = pick_index(rng, zeros, [[p.weight for p in posts]])
    seniority = np.array([p.seniority for p in posts])[post]
    tier = np.array([TIERS.index(p.post.tier) for p in posts])[post]

    province_codes = pl.Series([p[2] for p in PROVINCES]).gather(province)
    rows = np.arange(start, start + n)
    people = draw_people(rng, posts, post, region_idx, province_codes, serials[rows % len(serials)])
    position, unit = _positions(rng, posts, post, province, seniority >= LEADER, tier)
    planned, planned_tier = _planning(rng, posts, post, seniority)

    frame = pl.DataFrame(
        {
            "code": pl.Series(rows + 1).cast(pl.String).str.zfill(width),
            "position": position,
            "tier": pl.Series([TIER_LABELS[p.post.tier] for p in posts]).gather(post),
            "sector": pl.Series([SECTOR_LABELS[p.post.sector] for p in posts]).gather(post),
            "unit": unit,
            "planned_position": planned,
            "planned_tier": planned_tier,
            "problem": np.where(rng.random(n) < problems, rng.integers(0, len(PROBLEM_KINDS), n), -1),
        }
    )
    return pl.concat([frame, people], how="horizontal").select(_columns()).rename(HEADERS)


def _columns() -> list[pl.Expr]:
    problem = pl.col("problem")
    empty = pl.lit(None, dtype=pl.String)
    name = pl.col("full_name")
    birth = pl.col("birth").dt.strftime("%d/%m/%Y")
    citizen_id = pl.col("citizen_id")
    return [
        pl.concat_str(pl.lit("CB"), pl.col("code")).alias("code"),
        pl.when(problem == PROBLEM_KINDS.index("nfd_name"))
        .then(name.str.normalize("NFD"))
        .when(problem == PROBLEM_KINDS.index("stray_spaces"))
        .then(pl.concat_str(pl.lit(" "), name.str.replace(" ", "  "), pl.lit("  ")))
        .otherwise(name)
        .alias("full_name"),
        pl.when(problem == PROBLEM_KINDS.index("citizen_id_lost_zero"))
        .then(citizen_id.str.strip_chars_start("0"))
        .otherwise(citizen_id)
        .alias("citizen_id"),
        pl.when(problem == PROBLEM_KINDS.index("missing_birth_date"))
        .then(empty)
        .when(problem == PROBLEM_KINDS.index("bad_date_format"))
        .then(pl.col("birth").dt.strftime("%d/%m/%y"))
        .otherwise(birth)
        .alias("birth_date"),
        pl.when(pl.col("female")).then(pl.lit("Nữ")).otherwise(pl.lit("Nam")).alias("sex"),
        pl.col("ethnicity"),
        *(_blank_null(c) for c in ("party_status", "education", "theory_level")),
        pl.when(problem == PROBLEM_KINDS.index("unknown_title"))
        .then(
            (pl.int_range(pl.len()) % len(UNKNOWN_TITLES)).replace_strict(
                range(len(UNKNOWN_TITLES)), UNKNOWN_TITLES, return_dtype=pl.String
            )
        )
        .otherwise(pl.col("position"))
        .alias("position"),
        pl.col("tier"),
        pl.col("sector"),
        pl.col("unit"),
        _blank_null("planned_position"),
        _blank_null("planned_tier"),
        _blank_null("grade"),
        pl.col("grade_since").dt.strftime("%d/%m/%Y"),
        pl.col("lecturer_since").dt.strftime("%d/%m/%Y"),
        pl.col("rating_last"),
        pl.col("rating_before_last"),
    ]


def _blank_null(column: str) -> pl.Expr:
    return pl.when(pl.col(column) == "").then(None).otherwise(pl.col(column)).alias(column)


def _positions(rng: np.random.Generator, posts, post: np.ndarray, province: np.ndarray, leader: np.ndarray,
               tier: np.ndarray) -> tuple[pl.Series, pl.Series]:  # fmt: skip
    """The title(s) as written and the unit's name, for each row's post."""
    n = len(post)
    # The catalogue title is the most common way to write it; each other spelling or alias less so.
    form = pick_index(rng, post, [[3.0] + [1.0] * (len(p.written) - 1) for p in posts])
    at = np.cumsum([0] + [len(p.written) for p in posts[:-1]])[post] + form
    written = pl.Series([w for p in posts for w in p.written]).gather(at)
    divisions = pick(rng, post, [(p.divisions or ("",), [1.0] * max(1, len(p.divisions))) for p in posts])
    names_division = np.array([d for p in posts for d in p.names_division])[at] & (rng.random(n) < 0.7)
    locality = choice(rng, n, (LOCALITIES, [1.0] * len(LOCALITIES)))
    province_name = pl.Series([p[0] for p in PROVINCES]).gather(province)
    place = pl.select(
        pl.when(pl.lit(pl.Series(tier == TIERS.index("tinh"))))
        .then(province_name)
        .when(pl.lit(pl.Series(tier == TIERS.index("trung_uong"))))
        .then(pl.lit(""))
        .otherwise(locality)
    ).to_series()

    # Some leaders hold a second post of their tier at once (Bí thư Đảng ủy and Chủ tịch HĐND …).
    political = ("dang", "chinh_quyen", "mat_tran_doan_the")
    leaders = [
        [
            i
            for i, p in enumerate(posts)
            if p.post.tier == t and p.seniority >= 0.3 and p.post.sector in political
        ]
        or [i for i, p in enumerate(posts) if p.post.tier == t]
        or [0]
        for t in TIERS
    ]
    second = np.array([i for ids in leaders for i in ids])[
        np.cumsum([0] + [len(ids) for ids in leaders[:-1]])[tier]
        + pick_index(rng, tier, [[1.0] * len(ids) for ids in leaders])
    ]
    in_politics = np.array([p.post.sector in political for p in posts])[post]
    concurrent = leader & in_politics & (rng.random(n) < 0.08) & (second != post)
    second_title = pl.Series([p.distinct_title for p in posts]).gather(second)

    frame = pl.DataFrame(
        {
            "written": written,
            "division": divisions,
            "names_division": names_division,
            "prefix": pl.Series([p.unit_prefix for p in posts]).gather(post),
            "infix": pl.Series([p.unit_infix for p in posts]).gather(post),
            "place": place,
            "concurrent": concurrent,
            "second": second_title,
        }
    )
    title = pl.when(pl.col("names_division")).then(pl.concat_str("written", pl.lit(" "), "division"))
    title = title.otherwise(pl.col("written"))
    title = pl.when(pl.col("concurrent")).then(pl.concat_str(title, pl.lit("; "), "second")).otherwise(title)
    unit = pl.concat_str("prefix", "division", "infix", "place").str.strip_chars()
    out = frame.select(title.alias("position"), unit.alias("unit"))
    return out["position"], out["unit"]


def _planning(
    rng: np.random.Generator, posts, post: np.ndarray, seniority: np.ndarray
) -> tuple[pl.Series, pl.Series]:
    """A planned post for about a fifth of the rows: one of the next posts up in the same tier and sector."""
    n = len(post)
    ups: list[Table] = []
    for p in posts:
        same_line = [q for q in posts if (q.post.tier, q.post.sector) == (p.post.tier, p.post.sector)]
        higher = sorted((q for q in same_line if q.post.rank > p.post.rank), key=lambda q: q.post.rank)[:3]
        ups.append(([q.distinct_title for q in higher] or [""], [1.0] * max(1, len(higher))))
    planned = pick(rng, post, ups)
    chosen = rng.random(n) < 0.3 * (1 - seniority)
    tier_label = pl.Series([TIER_LABELS[p.post.tier] for p in posts]).gather(post)
    frame = pl.DataFrame(
        {"planned": planned, "chosen": chosen, "tier": tier_label, "explicit": rng.random(n) < 0.25}
    )
    has = pl.col("chosen") & (pl.col("planned") != "")
    out = frame.select(
        pl.when(has).then(pl.col("planned")).otherwise(pl.lit("")).alias("planned"),
        pl.when(has & pl.col("explicit")).then(pl.col("tier")).otherwise(pl.lit("")).alias("tier"),
    )
    return out["planned"], out["tier"]


def write_synthetic_roster(path: str | Path, n: int, seed: int = 0, problems: float = 0.01) -> Path:
    """Write `synthetic_roster(n, seed, problems)` to `path` (.parquet, .csv or .xlsx, by its suffix)
    through the roster writer, so the file is what an organisation board would upload."""
    path = Path(path)
    write_roster(synthetic_roster(n, seed=seed, problems=problems), path)
    return path
