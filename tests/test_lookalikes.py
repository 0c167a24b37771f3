"""Look-alike characters compare equal (REGULATIONS.md §8, "Text look-alikes"): Ð/ð (Latin eth) for Đ/đ,
no-break and zero-width spaces, NFD, mixed case and stray punctuation — in llct.vntext.fold, the rules
engine's title and grade matching, the cadre search and the roster import."""

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llct.accounts.models import Role
from llct.registry import selectors
from llct.registry.models import Cadre
from llct.regulations import load_shipped
from llct.vntext import fold, name_sort_key, normalize

NAMES = ["Đặng Văn Đức", "Đinh Thị Hà", "Nguyễn Văn An", "Phó Chủ tịch UBND xã", "Bí thư Đảng ủy xã"]


def _eth(text: str) -> str:
    return text.replace("Đ", "\u00d0").replace("đ", "\u00f0")


VARIANTS = [
    _eth,
    lambda t: t.replace(" ", "\u00a0"),
    lambda t: t.replace(" ", " \u200b"),
    lambda t: unicodedata.normalize("NFD", t),
    str.upper,
    str.lower,
    lambda t: f" {t}. ",
    lambda t: t.replace(" ", ", ", 1),
]


@given(st.sampled_from(NAMES), st.lists(st.sampled_from(VARIANTS), min_size=1, max_size=4))
def test_fold_reads_look_alikes_as_the_letter(name, variants):
    typed = name
    for variant in variants:
        typed = variant(typed)
    assert fold(typed) == fold(name)


def test_stored_names_use_the_real_letter_and_sort_with_it():
    assert normalize("\u00d0ặng\u00a0Văn  \u00d0ức\u200b") == "Đặng Văn Đức"
    assert name_sort_key(_eth("Đặng Văn Đức")) == name_sort_key("Đặng Văn Đức")


@pytest.fixture(scope="module")
def book():
    return load_shipped()


@pytest.mark.parametrize(
    "typed",
    [
        _eth("Bí thư Đảng ủy xã"),
        "BÍ THƯ\u00a0ĐẢNG ỦY XÃ.",
        unicodedata.normalize("NFD", "bí thư đảng ủy xã,"),
    ],
)
def test_the_engine_matches_titles_written_with_look_alikes(book, typed):
    assert book.catalogue.matcher.resolve(typed, "xa", "dang").post.code == "xa_bi_thu"


def test_the_engine_reads_grades_written_with_look_alikes(book):
    assert book.catalogue.grade_key("Chuyên\u00a0viên  CHÍNH.") == "chuyen_vien_chinh"
    assert book.catalogue.grade_key("chuyen_vien_chinh") == "chuyen_vien_chinh"


@pytest.mark.parametrize("typed", [_eth("Đặng Văn Đức"), "ÐANG\u00a0VAN ÐUC", "dang, van duc."])
def test_the_cadre_search_finds_names_written_with_look_alikes(tree, make_cadre, make_user, typed):
    wanted = make_cadre(tree["north"], _eth("Đặng Văn Đức"))
    make_cadre(tree["north"], "Đặng Văn An")
    assert wanted.full_name == "Đặng Văn Đức"
    found = selectors.cadre_list(make_user(Role.ORG_BOARD, tree["north"]), q=typed)
    assert list(found.values_list("pk", flat=True)) == [wanted.pk]


def test_the_import_reads_names_titles_and_units_written_with_look_alikes(tree, posts, make_user):
    from llct.registry.roster_import.services import roster_import

    header = "Mã cán bộ,Họ và tên,Ngày sinh,Giới tính,Chức vụ,Cấp,Khối,Đơn vị"
    row = _eth("LA01,Đinh Thị Hà,17/05/1985,Nữ,PCT\u00a0UBND.,Xã,Chính quyền,XÃ TIÊN\u00a0PHONG.")
    result = roster_import(
        f"{header}\n{row}\n".encode(),
        "ds.csv",
        user=make_user(Role.ORG_BOARD, tree["north"]),
        unit=tree["north"],
        on=dt.date(2026, 3, 15),
    )
    assert result.problems == [] and result.written
    cadre = Cadre.objects.get(code="LA01")
    assert (cadre.full_name, cadre.name_search, cadre.unit) == (
        "Đinh Thị Hà",
        "dinh thi ha",
        tree["new_commune"],
    )
    assert list(cadre.assignments.values_list("post__code", flat=True)) == ["PCT_UBND_XA"]
