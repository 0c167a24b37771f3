"""The same person cannot be registered twice under two spellings of one citizen ID or code (issue 12,
items 6 and 8)."""

import pytest
from django.urls import reverse

from llct.accounts.models import Role
from llct.registry.models import Cadre
from llct.registry.roster_import.services import roster_import

from .test_views_forms import cadre_data

FULL_WIDTH = "００１１９００００１１１"  # 001190000111


def test_the_form_stores_ascii_and_refuses_the_second_spelling(client, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    client.post(reverse("registry:cadre_create"), cadre_data(tree["north"], citizen_id=FULL_WIDTH))
    assert Cadre.objects.get().citizen_id == "001190000111"
    again = cadre_data(tree["north"], code="CB-MOI-2", citizen_id="001190000111")
    response = client.post(reverse("registry:cadre_create"), again)
    assert "đã có trong sổ cán bộ" in response.content.decode()
    assert Cadre.objects.count() == 1


@pytest.mark.parametrize("cid", ["001190000111", FULL_WIDTH, "001 190 000 111"])
def test_an_import_finds_the_cadre_whatever_the_spelling(cid, tree, make_user, make_cadre):
    import datetime as dt

    make_cadre(tree["north"], "Hoàng Thị Mai", code="CB1", citizen_id="001190000111", sex="nu",
               birth_date=dt.date(1990, 2, 3))  # fmt: skip
    data = f"Mã cán bộ,Họ và tên,Ngày sinh,Giới tính,Số CCCD\nCB2,Hoàng Thị Mai,03/02/1990,Nữ,{cid}\n"
    board = make_user(Role.ORG_BOARD, tree["north"])
    result = roster_import(data.encode(), "a.csv", user=board, unit=tree["north"], dry_run=True)
    assert result.problems == []  # matched by citizen ID: an update of CB1, not a second person
    roster_import(data.encode(), "a.csv", user=board, unit=tree["north"])
    assert Cadre.objects.filter(citizen_id="001190000111").count() == 1
    assert Cadre.objects.count() == 1


def test_a_code_in_another_case_updates_the_cadre_and_keeps_its_code(tree, make_user, make_cadre):
    make_cadre(tree["north"], "Hoàng Thị Mai", code="CB-MAI")
    data = "Mã cán bộ,Họ và tên,Ngày sinh,Giới tính\ncb-mai,Hoàng Thị Mai Anh,17/05/1985,Nam\n"
    board = make_user(Role.ORG_BOARD, tree["north"])
    result = roster_import(data.encode(), "a.csv", user=board, unit=tree["north"])
    assert (result.created, result.updated, result.problems) == (0, 1, [])
    assert list(Cadre.objects.values_list("code", "full_name")) == [("CB-MAI", "Hoàng Thị Mai Anh")]
