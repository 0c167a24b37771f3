"""Post-title matching (issue 3, "Post-title matching"): real-world titles as organisation boards write them,
what they must match, and the look-alikes that must be reported rather than guessed."""

import unicodedata

import pytest

from llct.regulations import Rulebook, shipped_texts
from llct.regulations.titles import TitleMatcher, normalise_title

# (title as written, Cấp, Khối, expected post code — or None —, expected problem when None)
MATCHES = [
    ("PCT UBND xã", None, None, "xa_ubnd_pho_chu_tich"),
    ("Phó chủ tịch Ủy ban nhân dân xã Tiên Du", None, None, "xa_ubnd_pho_chu_tich"),
    ("PHÓ CHỦ TỊCH UỶ BAN NHÂN DÂN", "xa", None, "xa_ubnd_pho_chu_tich"),
    ("Pho chu tich UBND", "xa", None, "xa_ubnd_pho_chu_tich"),
    ("phó chủ tịch ubnd phường Hoà Khánh", None, None, "xa_ubnd_pho_chu_tich"),
    ("Phó Chủ tịch Thường trực HĐND tỉnh", None, None, "tinh_hdnd_pho_chu_tich"),
    ("Chủ tịch UBND TP Huế", "tinh", None, "tinh_ubnd_chu_tich"),
    ("Chủ tịch UBND thành phố Huế", "tinh", None, "tinh_ubnd_chu_tich"),
    ("Chủ tịch xã Tiên Du", None, None, "xa_ubnd_chu_tich"),
    ("Chủ tịch UBMTTQ xã", None, None, "xa_mttq_chu_tich"),
    ("Chủ tịch Ủy ban MTTQ Việt Nam xã Đông Lâm", None, None, "xa_mttq_chu_tich"),
    ("Chủ tịch Hội Nông dân xã Tiên Phong", None, None, "xa_nong_dan_chu_tich"),
    ("Phó Chủ tịch Hội LHPN", "xa", "mat_tran_doan_the", "xa_phu_nu_pho_chu_tich"),
    ("PBT Đoàn TNCS Hồ Chí Minh xã", None, None, "xa_doan_pho_bi_thu"),
    ("P.Bí thư Đoàn TNCS Hồ Chí Minh xã", None, None, "xa_doan_pho_bi_thu"),  # issue 7, defect 9
    ("P. Chủ tịch UBND xã", None, None, "xa_ubnd_pho_chu_tich"),
    ("P.CT UBND xã", None, None, "xa_ubnd_pho_chu_tich"),
    ("Phó CT UBND xã", None, None, "xa_ubnd_pho_chu_tich"),
    ("P.TP Kinh tế", "xa", None, "xa_pho_truong_phong"),
    ("Chủ tịch UBND P. Tân Định", "xa", None, "xa_ubnd_chu_tich"),  # P. before a place: a phường
    ("Bí thư Đoàn thanh niên cộng sản Hồ Chí Minh xã Ea Tu", None, None, "xa_doan_bi_thu"),
    ("Bí thư Chi đoàn", "xa", None, "xa_chi_hoi_truong"),
    ("Phó Bí thư Chi bộ thôn Đông", "xa", "dang", "xa_pho_bi_thu_chi_bo"),
    ("Ủy viên BCH Đảng bộ xã", None, None, "xa_dang_uy_vien"),
    ("Uỷ viên Ban Thường vụ Đảng uỷ xã", None, None, "xa_uv_btv"),
    ("Huyện ủy viên", "xa", "dang", "huyen_uy_vien"),  # a commune secretary's second post names its tier
    ("Bí thư Tỉnh ủy", None, None, "tinh_bi_thu"),
    ("Trưởng Ban Tuyên giáo và Dân vận Đảng ủy xã", None, None, "xa_truong_ban_dang"),
    ("Trưởng Ban Tuyên giáo Đảng ủy xã", "tinh", None, "xa_truong_ban_dang"),  # the title's "xã" wins
    ("Trưởng thôn Đông Lâm", "xa", None, "xa_truong_thon"),
    ("Bí thư Chi bộ ấp 3", "xa", "dang", "xa_bi_thu_chi_bo"),
    ("Trưởng ban Kinh tế - Xã hội HĐND", "xa", None, "xa_hdnd_truong_ban"),
    ("Trưởng bản", "xa", None, "xa_truong_thon"),
    ("Trưởng thôn", "xa", None, "xa_truong_thon"),
    ("Công chức Văn hóa - Xã hội", "xa", None, "xa_van_hoa_xa_hoi"),
    ("Công chức Văn hoá - Xã hội", "xa", None, "xa_van_hoa_xa_hoi"),
    ("Phó Trưởng phòng Nội vụ", "huyen", "chinh_quyen", "huyen_pho_truong_phong"),
    ("Phó trưởng phòng Tài chính - Kế hoạch huyện Gia Lâm", None, "chinh_quyen", "huyen_pho_truong_phong"),
    ("PTP Tư pháp", "tinh", "chinh_quyen", "tinh_pho_truong_phong"),
    ("Phó TP Kinh tế", "xa", None, "xa_pho_truong_phong"),
    ("TP Kinh tế", "xa", None, "xa_truong_phong"),
    ("Phó trưởng phòng", "tinh", "cong_an", "tinh_ca_pho_truong_phong"),
    ("Trưởng phòng", "tinh", "doanh_nghiep", "tinh_dn_truong_ban"),
    ("Giám đốc Sở Nội vụ", "tinh", None, "tinh_giam_doc_so"),
    ("Giám đốc Trung tâm Y tế tỉnh", "tinh", "su_nghiep", "tinh_sn_giam_doc"),
    ("Giám đốc Trung tâm Chính trị huyện Tiên Du", None, None, "huyen_ttct_giam_doc"),
    ("Phó Vụ trưởng Vụ Tổ chức - Biên chế", "trung_uong", "chinh_quyen", "tw_pho_vu_truong"),
    ("Tiểu đoàn trưởng Tiểu đoàn 3", "tinh", "quan_doi", "qd_tieu_doan_truong"),
    ("Chỉ huy trưởng BCH Quân sự xã", None, None, "xa_chqs_chi_huy_truong"),
    ("Chỉ huy trưởng CHQS xã", None, None, "xa_chqs_chi_huy_truong"),
    ("CHT BCHQS xã", None, None, "xa_chqs_chi_huy_truong"),
    ("CHT Quân sự xã Tiên Phong", None, None, "xa_chqs_chi_huy_truong"),
    ("Phó Trưởng Công an xã", None, "cong_an", "xa_ca_pho"),
    ("Trưởng CA phường", None, None, "xa_ca_truong"),
    ("Tổ trưởng TDP", "xa", None, "xa_to_truong_tdp"),
]
NOT_MATCHES = [
    # "Chủ tịch" + an organisation the catalogue does not name is not the UBND chair.
    ("Chủ tịch Hội Khuyến học", "xa", None, "unknown"),
    ("Chủ tịch Hội Khuyến học xã", None, None, "unknown"),
    ("Phó Chủ tịch Hội Chữ thập đỏ", "xa", "mat_tran_doan_the", "unknown"),
    ("Phó Bí thư Chi đoàn", "xa", None, "unknown"),
    ("Chủ tịch", "xa", "chinh_quyen", "unknown"),
    ("Phó Chủ tịch", "xa", None, "unknown"),
    # "Trưởng ban …" is not "Trưởng bản" (a village head) once accents are compared.
    ("Trưởng ban Kinh tế - Xã hội HĐND", "tinh", None, "tier"),
    ("Trưởng Ban Tuyên giáo Đảng ủy", "tinh", None, "tier"),
    ("Chủ tịch thôn Đông", "xa", None, "unknown"),
    ("Truong ban", "xa", "chinh_quyen", "ambiguous"),
    # One post alone has the name, at another tier.
    ("Giám đốc Trung tâm Y tế huyện", "huyen", None, "tier"),
    ("Giám đốc Trung tâm Y tế", "huyen", "su_nghiep", "tier"),
    # Several posts fit: reported with the candidates.
    ("Phó Trưởng phòng", "tinh", None, "ambiguous"),
    ("Trưởng phòng", None, None, "ambiguous"),
    ("Chủ tịch UBND TP Huế", None, None, "ambiguous"),
    ("Hoà giải viên", "xa", None, "unknown"),
    ("Tạp vụ kiêm bảo vệ", "xa", None, "unknown"),
]


@pytest.fixture(scope="module")
def matcher(book):
    return book.catalogue.matcher


def _forms(title: str) -> list[str]:
    """The title as typed (NFC), decomposed (NFD), and with the other tone-mark placement (Uỷ/Ủy, Hoà/Hòa)."""
    swapped = title
    for new, old in (("Ủy", "Uỷ"), ("ủy", "uỷ"), ("Hòa", "Hoà"), ("hòa", "hoà"), ("hóa", "hoá")):
        swapped = swapped.replace(new, "\0").replace(old, new).replace("\0", old)
    return [title, unicodedata.normalize("NFD", title), swapped, unicodedata.normalize("NFD", swapped)]


@pytest.mark.parametrize(("title", "tier", "sector", "code"), MATCHES, ids=[m[0] for m in MATCHES])
def test_real_world_titles_match_their_post(matcher, title, tier, sector, code):
    for form in _forms(title):
        found = matcher.resolve(form, tier, sector)
        assert found.post is not None and found.post.code == code, (form, found)


@pytest.mark.parametrize(
    ("title", "tier", "sector", "problem"), NOT_MATCHES, ids=[f"{m[0]} ({m[1]})" for m in NOT_MATCHES]
)
def test_look_alikes_are_reported_not_guessed(matcher, title, tier, sector, problem):
    for form in _forms(title):
        found = matcher.resolve(form, tier, sector)
        assert found.post is None and found.problem == problem, (form, found)
        assert bool(found.candidates) is (problem != "unknown")


def test_ambiguous_titles_list_their_candidates(matcher):
    found = matcher.resolve("Phó Trưởng phòng", "tinh", None)
    codes = {p.code for p in found.candidates}
    assert {"tinh_pho_truong_phong", "tinh_dang_pho_truong_phong", "tinh_ca_pho_truong_phong"} <= codes
    assert all(p.tier == "tinh" for p in found.candidates)
    wrong_tier = matcher.resolve("Giám đốc Trung tâm Y tế huyện", "huyen", None)
    assert [p.code for p in wrong_tier.candidates] == ["tinh_sn_giam_doc"] and wrong_tier.tiers == {"huyen"}


def test_every_catalogue_name_matches_its_own_post_with_its_tier_and_sector(book, matcher):
    for post in book.catalogue.posts.values():
        for name in (post.title, *post.aliases):
            found = matcher.resolve(name, post.tier, post.sector)
            assert found.post == post, (name, found)


def test_accentless_names_count_only_when_one_spelling_stands_behind_them():
    from llct.regulations.model import CataloguePost

    posts = [
        CataloguePost("truong_ban", "Trưởng ban", "chinh_quyen", "xa", 40),
        CataloguePost("truong_ban_x", "Trưởng bàn", "chinh_quyen", "xa", 10),
        CataloguePost("pho_ban", "Phó ban", "chinh_quyen", "xa", 30),
    ]
    matcher = TitleMatcher(posts)
    assert matcher.match_post("Trưởng ban", "xa").code == "truong_ban"
    assert matcher.match_post("Trưởng bàn", "xa").code == "truong_ban_x"
    assert matcher.resolve("Truong ban", "xa").problem == "ambiguous"
    assert matcher.match_post("Pho ban", "xa").code == "pho_ban"


def test_tp_is_a_division_head_at_the_head_and_a_city_after_a_body():
    assert normalise_title("TP Nội vụ") == "truong phong noi vu"
    assert normalise_title("Phó TP Nội vụ") == "pho truong phong noi vu"
    assert normalise_title("Chủ tịch UBND TP Huế") == "chu tich uy ban nhan dan thanh pho hue"
    assert normalise_title("CHT BCHQS xã") == "chi huy truong ban chi huy quan su xa"
    assert normalise_title("Uỷ viên") == normalise_title("Ủy viên") == "uy vien"


def test_suggestions_for_an_unknown_title(matcher):
    suggested = matcher.suggest("Pho truong fong", "xa", "chinh_quyen")
    assert suggested[0].code == "xa_pho_truong_phong"


def test_a_database_catalogue_matches_like_the_shipped_one(book):
    """The rulebook built from catalogue rows (as the database-backed one is) matches the same way."""
    rows = [
        {"code": p.code, "title": p.title, "aliases": [*p.aliases, f"llctpost{i}"], "sector": p.sector,
         "tier": p.tier, "rank": p.rank, "note": p.note}
        for i, p in enumerate(book.catalogue.posts.values())
    ]  # fmt: skip
    texts = shipped_texts()
    versions = {n.removeprefix("versions/"): t for n, t in texts.items() if n.startswith("versions/")}
    rebuilt = Rulebook.from_sources(rows, versions).catalogue.matcher
    for title, tier, sector, code in MATCHES:
        assert rebuilt.match_post(title, tier, sector).code == code, title
    assert rebuilt.match_post("llctpost0").code == rows[0]["code"]
