"""The data files and the Rulebook around them: loading, readable rejection of malformed files, building
from database rows, allocation (phân cấp), the title matcher, and the no-Django rule of the package."""

import datetime as dt
import subprocess
import sys

import pytest

from llct.regulations import RegulationDataError, Rulebook, shipped_texts


def _versions():
    texts = shipped_texts()
    return {n.removeprefix("versions/"): t for n, t in texts.items() if n.startswith("versions/")}


def test_package_does_not_import_django():
    code = "import sys, llct.regulations, llct.regulations.cli; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_malformed_version_names_file_item_and_problem():
    bad = _versions()["qd57.yaml"].replace(
        "min_rank: 40\n        max_rank: 40",
        "min_rank: bốn mươi\n        max_rank: 40",
        1,
    )
    with pytest.raises(RegulationDataError) as exc:
        Rulebook.from_sources(shipped_texts()["posts.yaml"], {"qd57-sua.yaml": bad})
    message = str(exc.value)
    assert "qd57-sua.yaml" in message and "pho_truong_phong_huyen_tinh" in message and "min_rank" in message
    assert "phải là số nguyên" in message


def test_unknown_kind_and_unknown_post_are_rejected():
    bad = _versions()["qd350.yaml"].replace("kind: lecturer_years", "kind: giang_vien_nam", 1)
    with pytest.raises(RegulationDataError, match=r"qd350\.yaml: levels → trung_cap → subjects → 6"):
        Rulebook.from_sources(shipped_texts()["posts.yaml"], {"qd350.yaml": bad})
    bad = _versions()["qd350.yaml"].replace("posts: [xa_ca_truong]", "posts: [xa_ca_truong_cu]")
    with pytest.raises(RegulationDataError) as exc:
        Rulebook.from_sources(shipped_texts()["posts.yaml"], {"qd350-sua.yaml": bad})
    assert str(exc.value) == (
        "qd350-sua.yaml (350-QĐ/TW): levels → cao_cap → subjects → 5 (cong_an_xa) → posts: "
        "chức vụ 'xa_ca_truong_cu' không có trong danh mục"
    )


def test_dates_carry_their_own_confidence():
    """QĐ 57 is in force from signing [T]; its end, the day before QĐ 350, is inferred [I]."""
    versions = {
        v.number: v for v in Rulebook.from_sources(shipped_texts()["posts.yaml"], _versions()).versions
    }
    assert (versions["57-QĐ/TW"].from_confidence, versions["57-QĐ/TW"].to_confidence) == ("T", "I")
    assert (versions["350-QĐ/TW"].from_confidence, versions["350-QĐ/TW"].to_confidence) == ("I", None)
    single = _versions()["qd57.yaml"].replace("dates_confidence: {from: T, to: I}", "dates_confidence: S")
    spec = Rulebook.from_sources(shipped_texts()["posts.yaml"], {"qd57.yaml": single}).versions[0]
    assert (spec.from_confidence, spec.to_confidence) == ("S", "S")
    missing = _versions()["qd57.yaml"].replace("{from: T, to: I}", "{from: T}")
    with pytest.raises(
        RegulationDataError, match=r"qd57\.yaml: .*dates_confidence: thiếu 'to' cho in_force_to"
    ):
        Rulebook.from_sources(shipped_texts()["posts.yaml"], {"qd57.yaml": missing})


def test_overlapping_versions_are_rejected():
    versions = _versions()
    versions["qd57.yaml"] = versions["qd57.yaml"].replace(
        "in_force_to: 2025-08-28", "in_force_to: 2025-09-30"
    )
    with pytest.raises(RegulationDataError, match="chồng lên nhau"):
        Rulebook.from_sources(shipped_texts()["posts.yaml"], versions)


def test_from_database_rows(book):
    rows = [
        {
            "code": p.code,
            "title": p.title,
            "aliases": list(p.aliases),
            "sector": p.sector,
            "tier": p.tier,
            "rank": p.rank,
            "note": "",
            "active": True,
        }
        for p in book.catalogue.posts.values()
    ]
    rebuilt = Rulebook.from_sources(rows, _versions())
    assert rebuilt.catalogue.posts.keys() == book.catalogue.posts.keys()
    with pytest.raises(RegulationDataError, match="rank"):
        Rulebook.from_sources([{**rows[0], "rank": "cao"}], _versions())


def test_every_item_has_a_confidence_and_citation(book):
    for version in book.versions:
        for spec in version.levels.values():
            for item in [*spec.subjects, *spec.standards]:
                assert item.confidence in {"T", "S", "I", "?"} and item.citation is not None


def test_catalogue_names_are_unambiguous(book):
    for key, posts in book.catalogue.matcher.keys().items():
        seen = {(p.tier, p.sector) for p in posts}
        assert len(seen) == len(posts), f"{key}: {[p.code for p in posts]}"


@pytest.mark.parametrize(
    ("programme", "on", "kinds"),
    [
        ("so_cap", dt.date(2025, 8, 28), {"trung_tam_chinh_tri_huyen"}),
        ("so_cap", dt.date(2025, 8, 29), set()),
        ("dang_vien_moi", dt.date(2025, 8, 28), {"trung_tam_chinh_tri_huyen"}),
        ("dang_vien_moi", dt.date(2025, 8, 29), {"trung_tam_chinh_tri_xa"}),
        ("dang_vien_moi", dt.date(2025, 12, 1), {"trung_tam_chinh_tri_xa"}),
        ("cap_nhat", dt.date(2026, 1, 1), {"trung_tam_chinh_tri_xa"}),
        ("trung_cap", dt.date(2026, 1, 1), {"truong_chinh_tri_tinh"}),
        ("cao_cap", dt.date(2023, 1, 1), {"hoc_vien_ctqg", "hoc_vien_khu_vuc", "truong_chinh_tri_tinh"}),
    ],
)
def test_allocation_QD57_chIII_QD208_QD1147_art4(book, programme, on, kinds):
    assert book.institution_kinds_for(programme, on) == kinds
    assert bool(book.allocation_citations(programme, on)) == bool(kinds)


@pytest.mark.parametrize(
    ("on", "document"),
    [
        (dt.date(2025, 8, 29), "Điều ?, QĐ 360-QĐ/TW"),
        (dt.date(2025, 11, 30), "Điều ?, QĐ 360-QĐ/TW"),
        (dt.date(2025, 12, 1), "Điều 4, khoản 2, QĐ 1147-QĐ/BTGDVTW"),
    ],
)
def test_commune_centres_cite_QD360_from_29_08_2025_and_QD1147_from_01_12_2025(book, on, document):
    """REGULATIONS.md §8: between 29/08/2025 and 30/11/2025 the commune centres worked under QĐ 360 alone."""
    assert [str(c) for c in book.allocation_citations("dang_vien_moi", on)] == [document]


@pytest.mark.parametrize(
    ("on", "institution"),
    [
        (dt.date(2025, 6, 30), "trung_tam_chinh_tri_huyen"),
        (dt.date(2025, 7, 1), None),
        (dt.date(2025, 8, 28), None),
    ],
)
def test_QD57_chIII_district_centre_ends_with_the_district_tier_01_07_2025(book, on, institution):
    assert book.competent_institution("so_cap", on) == institution


def test_a_condition_the_engine_cannot_evaluate_is_refused():
    """A post group whose bounds no catalogue post meets (a slip such as min_rank: 400) is refused; a
    group the text leaves open is written posts: [] and loads."""
    bad = _versions()["qd350.yaml"].replace("min_rank: 60\n", "min_rank: 600\n", 1)
    with pytest.raises(RegulationDataError) as exc:
        Rulebook.from_sources(shipped_texts()["posts.yaml"], {"qd350-sua.yaml": bad})
    assert str(exc.value) == (
        "qd350-sua.yaml (350-QĐ/TW): levels → cao_cap → subjects → 4 (quan_doi): không chức vụ nào trong "
        "danh mục thỏa điều kiện (khối, cấp, bậc) — điều kiện không xét được; nếu văn bản chưa rõ danh "
        "sách, hãy ghi posts: []"
    )
