"""How each document divides itself (data/documents.yaml), and the check that a citation names only parts
the document has (REGULATIONS.md §8, "Structure of QĐ 57, for citations").

A document has chapters and articles (Điều); an article has clauses (khoản); a clause has sub-clauses
(tiết 1.1, 1.2 …) or points (điểm a, b …); a sub-clause has points. A part's number is "?" where the text
is not known here: allowed wherever the document has parts of that kind, or says it has parts not listed
(`open`). A citation never names a part the structure lacks, never skips a level the structure has, and
names nothing under a "?" the structure does not describe.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from .model import CITATION_PARTS as _LEVELS
from .model import Citation

UNKNOWN_PART = "?"


class Part(BaseModel):
    """One part (document, article, clause, sub-clause or point) and the parts it is divided into."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = ""
    open: bool = False  # it has parts not listed here: only "?" may name them
    articles: dict[str, Part] = {}
    clauses: dict[str, Part] = {}
    subclauses: dict[str, Part] = {}
    points: dict[str, Part] = {}

    def children(self, key: str) -> dict[str, Part]:
        return getattr(self, key)


class DocumentStructure(Part):
    """A document: its chapters (by number) and its articles."""

    chapters: list[str] = []
    note: str = ""


class StructuresSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    documents: dict[str, DocumentStructure]


def citation_problem(citation: Citation, documents: Mapping[str, DocumentStructure]) -> str | None:
    """Why `citation` names a part its document does not have (Vietnamese), or None when it does not."""
    structure = documents.get(citation.document)
    if structure is None:
        known = ", ".join(sorted(documents))
        return f"văn bản «{citation.document}» không có trong danh mục cấu trúc văn bản (có: {known})"
    if citation.chapter and citation.chapter != UNKNOWN_PART and citation.chapter not in structure.chapters:
        return f"{citation.document} không có Chương {citation.chapter}"
    node: Part | None = structure
    named = citation.document
    for depth, (field, word, key) in enumerate(_LEVELS):
        value = getattr(citation, field)
        if not value:
            continue
        if node is None:
            return f"{named} chưa rõ, nên không ghi được {word} {value}"
        skipped = [w for f, w, k in _LEVELS[:depth] if node.children(k) and not getattr(citation, f)]
        if skipped:
            return f"thiếu {skipped[-1]} trước {word} {value} ({named})"
        children = node.children(key)
        numbers = [v.strip() for v in value.split(",")]
        if not children and not node.open:
            return f"{named} không chia thành {word}: không ghi được {word} {value}"
        for number in numbers:
            if number == UNKNOWN_PART:
                continue
            if number not in children:
                listed = ", ".join(k for k in children if k != UNKNOWN_PART) or "chưa biết"
                return f"{named} không có {word} {number} (đã biết: {listed})"
        named = f"{word} {value}, {named}"
        node = children.get(value)
    return None
