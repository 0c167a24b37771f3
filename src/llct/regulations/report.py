"""What a screening run reports besides its rows (roster-format.md "Screening output"; issue 3, "Command
line"): per level the people eligible, not eligible, for whom the level is not offered and who cannot be
judged; and every title that names no single catalogue post, with its rows and the posts it could be."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import polars as pl

from .frames import TitleProblem
from .model import LEVEL_LABELS, LEVELS, CataloguePost
from .texts import SECTOR_LABELS, TIER_LABELS

SHOWN_ROWS = 10  # rows listed per title in the printed summary; all are kept in `UnmatchedTitle.rows`


@dataclass
class LevelCounts:
    eligible: int = 0
    not_eligible: int = 0
    not_offered: int = 0
    not_judged: int = 0

    @property
    def total(self) -> int:
        return self.eligible + self.not_eligible + self.not_offered + self.not_judged


@dataclass
class UnmatchedTitle:
    """A title (as written) that names no single post, the sentence its rows carry, the spreadsheet rows,
    and the posts it could be: the candidates when ambiguous or at another tier, else the closest ones."""

    title: str
    planned: bool
    problem: str  # "unknown", "ambiguous" or "tier" (titles.TitleMatch)
    text: str
    rows: list[int]
    posts: list[CataloguePost]


@dataclass
class Summary:
    people: int
    levels: dict[str, LevelCounts]
    unmatched: list[UnmatchedTitle] = field(default_factory=list)
    problems: int = 0  # cells the reader did not accept (left empty for the rules)
    seconds: float = 0.0


def level_counts(result: pl.DataFrame, into: dict[str, LevelCounts] | None = None) -> dict[str, LevelCounts]:
    """Counts per level of a screening result with its `status` column, added to `into` when given."""
    counts = into if into is not None else {}
    for level, status, n in (
        result.group_by("level", "status")
        .len()
        .select(pl.col("level").cast(pl.String), "status", "len")
        .iter_rows()
    ):
        entry = counts.setdefault(level, LevelCounts())
        setattr(entry, status, getattr(entry, status) + n)
    return counts


def unmatched_titles(
    matcher, found: Iterable[tuple[TitleProblem, Sequence[int]]], rows: pl.Series | None = None
) -> list[UnmatchedTitle]:
    """Group the titles that name no single post by the sentence they give (title, kind, candidates),
    with the spreadsheet rows (`rows[i]` for frame row i; i + 2 when not given: row 1 is the header) and
    the posts each could be; most frequent first."""
    by_text: dict[str, UnmatchedTitle] = {}
    for problem, frame_rows in found:
        entry = by_text.get(problem.text)
        if entry is None:
            posts = list(problem.match.candidates) or matcher.suggest(
                problem.title, problem.tier, problem.sector
            )
            entry = by_text[problem.text] = UnmatchedTitle(
                problem.title, problem.planned, problem.match.problem, problem.text, [], posts
            )
        indices = pl.Series(frame_rows, dtype=pl.UInt32)
        entry.rows += (rows.gather(indices) if rows is not None else indices + 2).to_list()
    for entry in by_text.values():
        entry.rows.sort()
    return sorted(by_text.values(), key=lambda e: (-len(e.rows), e.title))


def _rows(rows: list[int]) -> str:
    shown = ", ".join(f"{r:,}".replace(",", ".") for r in rows[:SHOWN_ROWS])
    if len(rows) > SHOWN_ROWS:
        return f"{len(rows):,} dòng".replace(",", ".") + f", đầu tiên: {shown} …"
    return f"dòng {shown}"


def _post(post: CataloguePost) -> str:
    return f"{post.title} ({TIER_LABELS[post.tier]}, {SECTOR_LABELS[post.sector]})"


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Vietnamese thousands separator


def format_summary(summary: Summary) -> str:
    """The end-of-run summary in Vietnamese."""
    lines = [f"Tổng số người: {_number(summary.people)}"]
    for level in LEVELS:
        c = summary.levels.get(level)
        if c is not None:
            lines.append(
                f"{LEVEL_LABELS[level]}: đủ điều kiện {_number(c.eligible)} · không đủ điều kiện "
                f"{_number(c.not_eligible)} · không mở bậc này {_number(c.not_offered)} · không xét được "
                f"{_number(c.not_judged)}"
            )
    if summary.unmatched:
        lines.append(f"Chức vụ không xác định được trong danh mục ({_number(len(summary.unmatched))} tên):")
        for entry in summary.unmatched:
            what = "gần nhất" if entry.problem == "unknown" else "có thể là"
            hint = "; ".join(_post(p) for p in entry.posts)
            lines.append(f"  {entry.text} — {_rows(entry.rows)}" + (f" — {what}: {hint}" if hint else ""))
        lines.append(
            "  Hãy sửa tên chức vụ (và cột Cấp, Khối) theo danh mục, hoặc đề nghị quản trị viên thêm tên gọi "
            "khác vào danh mục chức vụ."
        )
    if summary.problems:
        lines.append(f"Ô dữ liệu không hợp lệ (để trống khi xét): {_number(summary.problems)}")
    lines.append(f"Thời gian: {summary.seconds:.1f} giây".replace(".", ","))
    return "\n".join(lines)
