"""Citations follow the structure of each text (REGULATIONS.md §8): every citation of every shipped file
(versions, the example overlay, the allocation) names parts its document has, "?" where a part is not
known, and a file that invents a part is refused with the file, the item and the reason."""

import re

import pytest

from llct.regulations import Citation, RegulationDataError, Rulebook, shipped_texts
from llct.regulations.checks import cite, level_items
from llct.regulations.citations import citation_problem
from llct.regulations.overlays import OverlaySpec
from llct.regulations.rulebook import shipped_documents
from llct.regulations.schema import AllocationSpec, VersionSpec, parse

DOCUMENTS = shipped_documents()
TEXTS = shipped_texts()
VERSIONS = {n: t for n, t in TEXTS.items() if n.startswith("versions/")}


def _citations():
    for name, text in VERSIONS.items():
        spec = parse(VersionSpec, text, name)
        for _, where, item in level_items(spec.levels):
            yield f"{name}: {where}", cite(item.citation, spec.document), DOCUMENTS
    for name, text in ((n, t) for n, t in TEXTS.items() if n.startswith("overlays/")):
        overlay = parse(OverlaySpec, text, name)
        documents = {**DOCUMENTS, **overlay.documents}
        for _, where, item in level_items(overlay.levels):
            yield f"{name}: {where}", cite(item.citation, overlay.document), documents
    allocation = parse(AllocationSpec, TEXTS["allocation.yaml"], "allocation.yaml")
    for i, entry in enumerate(allocation.entries, start=1):
        yield f"allocation.yaml: entries → {i}", cite(entry.citation, ""), DOCUMENTS
    for i, ended in enumerate(allocation.ended, start=1):
        yield f"allocation.yaml: ended → {i}", cite(ended.citation, ""), DOCUMENTS


CITATIONS = list(_citations())


@pytest.mark.parametrize(("where", "citation", "documents"), CITATIONS, ids=[w for w, _, _ in CITATIONS])
def test_every_shipped_citation_names_parts_its_document_has(where, citation, documents):
    assert citation_problem(citation, documents) is None, where


def test_QD57_D5_k1_t1_1_b_is_written_with_every_part():
    citation = Citation("QĐ 57-QĐ/TW", "5", "1", "b", subclause="1.1")
    assert str(citation) == "Điều 5, khoản 1, tiết 1.1, điểm b, QĐ 57-QĐ/TW"
    assert citation_problem(citation, DOCUMENTS) is None


@pytest.mark.parametrize(
    ("citation", "problem"),
    [
        (Citation("QĐ 57-QĐ/TW", "5", point="d"), "thiếu khoản trước điểm d"),
        (Citation("QĐ 57-QĐ/TW", "5", "1", "d", subclause="1.1"), "không có điểm d (đã biết: a, b, c)"),
        (Citation("QĐ 57-QĐ/TW", "4", "1", "đ"), "không có điểm đ"),
        (Citation("QĐ 57-QĐ/TW", "4", "2", "a"), "không chia thành điểm"),
        (Citation("QĐ 57-QĐ/TW", "13"), "không có Điều 13"),
        (Citation("QĐ 57-QĐ/TW", "5", "1", subclause="1.3"), "không có tiết 1.3"),
        (Citation("QĐ 57-QĐ/TW", "5", "1", "a", subclause="?"), "chưa rõ, nên không ghi được điểm a"),
        (Citation("QĐ 57-QĐ/TW", chapter="V"), "không có Chương V"),
        (Citation("QĐ 350-QĐ/TW", "3"), "không có Điều 3"),
        (Citation("QĐ 999-QĐ/TW", "1"), "không có trong danh mục cấu trúc văn bản"),
    ],
)
def test_a_part_the_structure_lacks_is_named(citation, problem):
    assert problem in (citation_problem(citation, DOCUMENTS) or "")


@pytest.mark.parametrize(
    "citation",
    [
        Citation("QĐ 57-QĐ/TW", "5", "1", subclause="?"),  # Điều 5, khoản 1, tiết ?
        Citation("QĐ 57-QĐ/TW", "5", "?"),  # Điều 5, khoản ?
        Citation("QĐ 57-QĐ/TW", "6", "1", subclause="1.5"),
        Citation("QĐ 350-QĐ/TW", "?"),
        Citation("QĐ 208-QĐ/TW", "?", "1, 4"),
        Citation("QĐ 57-QĐ/TW", chapter="III"),
    ],
)
def test_unknown_parts_are_written_with_a_question_mark(citation):
    assert citation_problem(citation, DOCUMENTS) is None


def test_version_with_an_invented_point_is_refused_with_file_item_and_reason():
    bad = VERSIONS["versions/qd57.yaml"].replace(
        'citation: {article: "5", clause: "1", subclause: "1.2"}', 'citation: {article: "5", point: d}', 1
    )
    with pytest.raises(RegulationDataError) as exc:
        Rulebook.from_sources(TEXTS["posts.yaml"], {"qd57-sua.yaml": bad})
    assert re.fullmatch(
        r"qd57-sua\.yaml \(57-QĐ/TW\): levels → trung_cap → subjects → \d+ \(quan_doi\) → citation: "
        r"thiếu khoản trước điểm d \(Điều 5, QĐ 57-QĐ/TW\)",
        str(exc.value),
    )


def test_a_version_may_describe_the_structure_of_a_new_document():
    text = (
        VERSIONS["versions/qd350.yaml"]
        .replace("levels:", 'documents:\n  QĐ 350-QĐ/TW: {articles: {"3": {}}}\nlevels:', 1)
        .replace('citation: {article: "?"}', 'citation: {article: "3"}')
    )
    book = Rulebook.from_sources(TEXTS["posts.yaml"], {"qd350.yaml": text})
    assert str(book.versions[0].levels["trung_cap"].subjects[0].citation.article) == "3"
