"""The data files and the Rulebook around them: loading, readable rejection of malformed files, building
from database rows, allocation (phân cấp), the title matcher, and the no-Django rule of the package."""

import datetime as dt
import subprocess
import sys

import pytest

from llct.regulations import RegulationDataError, Rulebook, shipped_texts
from llct.regulations.titles import normalise_title


def _versions():
    texts = shipped_texts()
    return {n.removeprefix("versions/"): t for n, t in texts.items() if n.startswith("versions/")}


def test_package_does_not_import_django():
    code = "import sys, llct.regulations, llct.regulations.cli; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_malformed_version_names_file_item_and_problem():
    bad = _versions()["qd57.yaml"].replace(
        'min_rank: 40\n        citation: {article: "5", point: b}',
        'min_rank: bốn mươi\n        citation: {article: "5", point: b}',
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
    with pytest.raises(RegulationDataError, match="xa_ca_truong_cu"):
        Rulebook.from_sources(shipped_texts()["posts.yaml"], {"qd350.yaml": bad})


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
    ("title", "tier", "sector", "code"),
    [
        ("PCT UBND xã", None, None, "xa_ubnd_pho_chu_tich"),
        ("Phó chủ tịch Ủy ban nhân dân xã Tiên Du", None, None, "xa_ubnd_pho_chu_tich"),
        ("PHÓ CHỦ TỊCH UỶ BAN NHÂN DÂN", "xa", None, "xa_ubnd_pho_chu_tich"),
        ("Pho chu tich UBND", "xa", None, "xa_ubnd_pho_chu_tich"),
        ("Phó Trưởng phòng Nội vụ", "huyen", "chinh_quyen", "huyen_pho_truong_phong"),
        ("PTP Tư pháp", "tinh", "chinh_quyen", "tinh_pho_truong_phong"),
        ("TP Kinh tế", "xa", None, "xa_truong_phong"),
        ("Phó trưởng phòng", "tinh", "cong_an", "tinh_ca_pho_truong_phong"),
        ("Trưởng phòng", "tinh", "doanh_nghiep", "tinh_dn_truong_ban"),
        ("Chủ tịch UBMTTQ xã", None, None, "xa_mttq_chu_tich"),
        ("Chỉ huy trưởng BCH Quân sự xã", None, None, "xa_chqs_chi_huy_truong"),
        ("Ủy viên BCH Đảng bộ xã", None, None, "xa_dang_uy_vien"),
        ("PBT Đoàn TNCS Hồ Chí Minh xã", None, None, "xa_doan_pho_bi_thu"),
        ("Bí thư Tỉnh ủy", None, None, "tinh_bi_thu"),
        ("Trưởng phòng", None, None, None),  # several tiers: needs Cấp
    ],
)
def test_title_matching(book, title, tier, sector, code):
    import unicodedata

    for form in ("NFC", "NFD"):
        ref = book.catalogue.matcher.match(unicodedata.normalize(form, title), tier, sector)
        assert (ref.code if ref else None) == code


def test_suggestions_for_an_unknown_title(book):
    suggested = book.catalogue.matcher.suggest("Pho truong fong", "xa", "chinh_quyen")
    assert suggested[0].code == "xa_pho_truong_phong"
    assert normalise_title("Uỷ viên") == normalise_title("Ủy viên") == "uy vien"


@pytest.mark.parametrize(
    ("programme", "on", "kinds"),
    [
        ("so_cap", dt.date(2025, 8, 28), {"trung_tam_chinh_tri_huyen"}),
        ("so_cap", dt.date(2025, 8, 29), set()),
        ("dang_vien_moi", dt.date(2025, 8, 28), {"trung_tam_chinh_tri_huyen"}),
        ("dang_vien_moi", dt.date(2025, 8, 29), {"trung_tam_chinh_tri_xa"}),
        ("cap_nhat", dt.date(2026, 1, 1), {"trung_tam_chinh_tri_xa"}),
        ("trung_cap", dt.date(2026, 1, 1), {"truong_chinh_tri_tinh"}),
        ("cao_cap", dt.date(2023, 1, 1), {"hoc_vien_ctqg", "hoc_vien_khu_vuc", "truong_chinh_tri_tinh"}),
    ],
)
def test_allocation_QD57_chIII_QD208_QD1147_art4(book, programme, on, kinds):
    assert book.institution_kinds_for(programme, on) == kinds
    assert bool(book.allocation_citations(programme, on)) == bool(kinds)
