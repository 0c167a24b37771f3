"""Provincial implementing regulations (REGULATIONS.md §8): an overlay on the national version in force
changes decisions only for its province's cadres, cites both documents and says which decided; a bad
overlay (unknown post, citation part the structure lacks, overlapping or outside dates, a condition the
engine cannot evaluate, looser rules) is refused with the file, the item and the reason, and nothing of
it is loaded."""

import datetime as dt

import pytest

from llct.regulations import RegulationDataError, Rulebook, shipped_texts

from .conftest import frame

TEXTS = shipped_texts()
VERSIONS = {n.removeprefix("versions/"): t for n, t in TEXTS.items() if n.startswith("versions/")}
EXAMPLE = TEXTS["overlays/vi-du-hoa-son.yaml"]
ON = dt.date(2026, 6, 1)


def load(**overlays: str) -> Rulebook:
    return Rulebook.from_sources(TEXTS["posts.yaml"], VERSIONS, overlay_texts=overlays)


def refusal(text: str, name: str = "tinh.yaml", **others: str) -> str:
    with pytest.raises(RegulationDataError) as exc:
        load(**{name: text}, **others)
    return str(exc.value)


def test_the_example_is_marked_as_an_example_and_loads():
    book = load(**{"vi-du.yaml": EXAMPLE})
    (overlay,) = book.overlays["HSN"]
    assert overlay.example is True and "ví dụ" in overlay.document and "VÍ DỤ" in overlay.title


def test_the_example_changes_decisions_only_for_its_province(book):
    with_overlay = load(**{"vi-du.yaml": EXAMPLE})
    roster = frame([{"position": "PCT UBND xã", "education": "cao_dang"}])
    profile = with_overlay.profile(roster.row(0, named=True), ON)
    national = book.decide(profile, "trung_cap", ON)
    assert national.eligible and not national.overlay
    assert with_overlay.decide(profile, "trung_cap", ON, province="BS") == national
    provincial = with_overlay.decide(profile, "trung_cap", ON, province="HSN")
    assert not provincial.eligible and provincial.overlay == "00-QĐ/TU (ví dụ)"
    assert str(provincial.deciding.citation) == "Điều 2, khoản 2, QĐ 00-QĐ/TU (ví dụ)"
    assert provincial.summary.endswith(
        "Áp dụng đồng thời QĐ 350-QĐ/TW và QĐ 00-QĐ/TU (ví dụ) (Tỉnh Hòa Sơn (ví dụ)); "
        "căn cứ quyết định: QĐ 00-QĐ/TU (ví dụ)"
    )


def test_an_unknown_post_is_refused():
    bad = EXAMPLE.replace("posts: [xa_bi_thu_chi_bo]", "posts: [xa_bi_thu_chi_bo_cu]")
    assert refusal(bad) == (
        "tinh.yaml (00-QĐ/TU (ví dụ)): levels → trung_cap → subjects → 1 (hsn_bi_thu_chi_bo) → posts: "
        "chức vụ 'xa_bi_thu_chi_bo_cu' không có trong danh mục"
    )


def test_a_citation_part_the_structure_lacks_is_refused():
    bad = EXAMPLE.replace('citation: {article: "2", clause: "3"}', 'citation: {article: "2", clause: "4"}')
    assert refusal(bad) == (
        "tinh.yaml (00-QĐ/TU (ví dụ)): levels → trung_cap → modes → citation: Điều 2, QĐ 00-QĐ/TU (ví dụ) "
        "không có khoản 4 (đã biết: 1, 2, 3)"
    )


def test_overlapping_dates_of_one_province_are_refused():
    later = EXAMPLE.replace("number: 00-QĐ/TU (ví dụ)", "number: 01-QĐ/TU (ví dụ)").replace(
        "in_force_from: 2025-10-01", "in_force_from: 2026-01-01"
    )
    message = refusal(EXAMPLE, name="a.yaml", **{"b.yaml": later})
    assert message == (
        "a.yaml (00-QĐ/TU (ví dụ)) và b.yaml (01-QĐ/TU (ví dụ)): thời gian hiệu lực chồng lên nhau "
        "(không có ngày hết hiệu lực ≥ 2026-01-01)"
    )
    other_province = later.replace("province: HSN", "province: BS")
    assert load(**{"a.yaml": EXAMPLE, "b.yaml": other_province}).overlays.keys() == {"HSN", "BS"}


def test_dates_outside_the_national_version_are_refused():
    bad = EXAMPLE.replace("in_force_from: 2025-10-01", "in_force_from: 2025-08-01")
    assert "nằm ngoài thời gian hiệu lực của QĐ 350-QĐ/TW (29/08/2025 – nay)" in refusal(bad)
    assert "base: không có phiên bản quy định quốc gia số hiệu «351-QĐ/TW»" in refusal(
        EXAMPLE.replace("base: 350-QĐ/TW", "base: 351-QĐ/TW")
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            ("minimum: dai_hoc,", "minimum: dai_hoc, years: 2,"),
            "trường không được phép",
        ),
        (
            ("- {kind: education, id: hsn_hoc_van, minimum: dai_hoc, minority_minimum: cao_dang,",
             "- {kind: ratings, id: hsn_xep_loai, minimum: tot, years: 3,"),
            "3 năm xếp loại không xét được — danh sách cán bộ chỉ có 2 năm gần nhất",
        ),
        (
            ("        posts: [xa_bi_thu_chi_bo]", "        sectors: [dang]\n        min_rank: 400"),
            "không chức vụ nào trong danh mục thỏa điều kiện (khối, cấp, bậc) — điều kiện không xét được",
        ),
        (("kind: post", "kind: nguyen_vong"), "loại điều kiện không có trong danh sách"),
        (("  cao_cap:\n", "  so_cap:\n"), "QĐ 350-QĐ/TW không mở bậc Sơ cấp, nên quy định của tỉnh"),
    ],
)  # fmt: skip
def test_a_condition_the_engine_cannot_evaluate_is_refused(change, reason):
    assert reason in refusal(EXAMPLE.replace(*change))


def test_rules_looser_than_the_national_ones_are_refused():
    bad = EXAMPLE.replace("part_time_min_age: {nu: 30, nam: 32}", "part_time_min_age: {nu: 25, nam: 32}")
    assert refusal(bad) == (
        "tinh.yaml (00-QĐ/TU (ví dụ)): levels → trung_cap → modes → part_time_min_age → nu: 25 thấp hơn 28 "
        "của QĐ 350-QĐ/TW (quy định của tỉnh chỉ được chặt hơn)"
    )
    reused = EXAMPLE.replace("id: hsn_hoc_van", "id: hoc_van")
    assert "levels → trung_cap → standards → 1 (hoc_van): mã «hoc_van» đã dùng trong QĐ 350-QĐ/TW" in (
        refusal(reused)
    )
