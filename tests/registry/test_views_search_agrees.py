"""The list's fast search (`cadre_search`) and the plain scoped selector (`cadre_list`) keep the same rows."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llct.accounts.models import Role
from llct.registry import selectors

NAMES = ["Nguyễn Văn An", "Lê Thị Ánh", "Trần Bình", "Phạm Đức", "Đỗ Thị Hương", "Nguyễn Hữu Ân", "Hoàng Anh"]
FRAGMENTS = ["an", "AN", "ánh", "duc", "đức", "thi", "nguyen van", "huong", "ân", "x", "", "hoang anh"]


@pytest.fixture
def registry(tree, make_user, make_cadre):
    units = [tree["north"], tree["new_commune"], tree["school"], tree["south"], tree["south_commune"]]
    for i, name in enumerate(NAMES * 3):
        make_cadre(units[i % len(units)], name, code=f"CB{i:04d}")
    return {
        "board": make_user(Role.ORG_BOARD, tree["north"]),
        "commune": make_user(Role.INSPECTOR, tree["new_commune"]),
        "admin": make_user(Role.ADMIN, tree["central"]),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    who=st.sampled_from(["board", "commune", "admin"]),
    fragment=st.sampled_from(FRAGMENTS) | st.sampled_from([f"cb{i:04d}" for i in range(0, 21, 4)]),
    form=st.sampled_from(["NFC", "NFD"]),
)
def test_fast_search_keeps_the_same_rows_in_the_same_order(registry, who, fragment, form):
    user = registry[who]
    query = unicodedata.normalize(form, fragment)
    fast = list(selectors.cadre_search(user, q=query).values_list("pk", flat=True))
    plain = list(selectors.cadre_list(user, q=query).values_list("pk", flat=True))
    assert sorted(fast) == sorted(plain)
    keys = dict(selectors.cadre_list(user).values_list("pk", "name_sort_key"))
    assert [keys[pk] for pk in fast] == sorted(keys[pk] for pk in fast)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("an nguyen van", {"Nguyễn Văn An"}),  # issue 7, defect 10: reversed order
        ("Văn An Nguyễn", {"Nguyễn Văn An"}),
        ("CB2", {"Trần Bình"}),  # zeros missing from the number: CB0002 (index 2 of the names)
        ("cb00009", {"Trần Bình"}),  # one zero too many: CB0009
        ("an", {"Nguyễn Văn An", "Lê Thị Ánh", "Nguyễn Hữu Ân", "Hoàng Anh"}),  # words begin so: not Trần
        ("tran an", set()),  # every typed word must begin a word of the name
    ],
)
def test_search_finds_reversed_names_and_codes_without_their_zeros(registry, typed, expected):
    found = selectors.cadre_search(registry["admin"], q=typed)
    assert {c.full_name for c in found} == expected
    assert set(selectors.cadre_list(registry["admin"], q=typed).values_list("pk", flat=True)) == {
        c.pk for c in found
    }
