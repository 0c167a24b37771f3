"""What the loader holds every data file to beyond its shape (schema.py): each post and grade it names is in
the catalogue, and each citation names parts its document has (citations.py). Every problem names the file,
the item as the shape errors do ("levels → trung_cap → subjects → 5 (cong_an) → posts") and the reason."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .citations import DocumentStructure, citation_problem
from .model import Citation

if TYPE_CHECKING:
    from .rulebook import Catalogue
    from .schema import AllocationSpec, LevelSpec


def level_items(levels: Mapping[str, LevelSpec]) -> Iterator[tuple[str, str, Any]]:
    """Every item of a file's levels, with its level and its location: the level itself, its subject
    groups, exclusions, standards, study modes and institution."""
    for level, spec in levels.items():
        yield level, f"levels → {level}", spec
        for part in ("subjects", "exclusions", "standards"):
            for i, item in enumerate(getattr(spec, part, None) or [], start=1):
                yield level, f"levels → {level} → {part} → {i} ({item.id})", item
        for part in ("modes", "institution"):
            item = getattr(spec, part, None)
            if item is not None:
                yield level, f"levels → {level} → {part}", item


def cite(spec: Any, document: str) -> Citation:
    """A data file's citation with the file's document filled in."""
    return Citation(
        spec.document or document, spec.article, spec.clause, spec.point, spec.chapter, spec.subclause
    )


def reference_problems(levels: Mapping[str, LevelSpec], catalogue: Catalogue, source: str) -> list[str]:
    """Every post and grade the items name must exist in the catalogue."""
    problems = []
    for _, where, item in level_items(levels):
        for field_name, known, what in (
            ("posts", catalogue.posts, "chức vụ"),
            ("exclude", catalogue.posts, "chức vụ"),
            ("at_posts", catalogue.posts, "chức vụ"),
            ("grades", catalogue.grades, "ngạch"),
        ):
            problems += [
                f"{source}: {where} → {field_name}: {what} '{code}' không có trong danh mục"
                for code in getattr(item, field_name, None) or []
                if code not in known
            ]
    return problems


def unevaluable_problems(levels: Mapping[str, LevelSpec], catalogue: Catalogue, source: str) -> list[str]:
    """A post group that names no list and whose bounds no catalogue post meets cannot be evaluated (a
    typing slip such as min_rank: 400); an open group is written as an empty list (`posts: []`)."""
    from .conditions import post_fits
    from .schema import PostGroup

    return [
        f"{source}: {where}: không chức vụ nào trong danh mục thỏa điều kiện (khối, cấp, bậc) — điều kiện "
        "không xét được; nếu văn bản chưa rõ danh sách, hãy ghi posts: []"
        for _, where, item in level_items(levels)
        if isinstance(item, PostGroup)
        and item.posts is None
        and not any(post_fits(item, post) for post in catalogue.posts.values())
    ]


def citation_problems(
    levels: Mapping[str, LevelSpec], document: str, documents: Mapping[str, DocumentStructure], source: str
) -> list[str]:
    """Every citation of the items must name parts its document has."""
    problems = []
    for _, where, item in level_items(levels):
        problem = citation_problem(cite(item.citation, document), documents)
        if problem:
            problems.append(f"{source}: {where} → citation: {problem}")
    return problems


def allocation_problems(
    spec: AllocationSpec, documents: Mapping[str, DocumentStructure], source: str
) -> list[str]:
    problems = []
    for i, entry in enumerate(spec.entries, start=1):
        problem = citation_problem(cite(entry.citation, ""), documents)
        if problem:
            problems.append(f"{source}: entries → {i} ({entry.programme}) → citation: {problem}")
    for i, ended in enumerate(spec.ended, start=1):
        problem = citation_problem(cite(ended.citation, ""), documents)
        if problem:
            problems.append(f"{source}: ended → {i} ({ended.kind}) → citation: {problem}")
    return problems
