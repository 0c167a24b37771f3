"""The cadre list and page: search, filters, order, pages, masking, query counts."""

import datetime as dt
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from llct.accounts.models import Role
from llct.registry import views
from llct.registry.models import Assignment

LIST = "registry:cadre_list"


def names(response) -> list[str]:
    return [c.full_name for c in response.context["page"].object_list]


@pytest.fixture
def board(client, tree, make_user):
    user = make_user(Role.ORG_BOARD, tree["north"])
    client.force_login(user)
    return user


@pytest.fixture
def people(tree, make_cadre):
    north, commune = tree["north"], tree["new_commune"]
    return {
        "an": make_cadre(commune, "Nguyễn Văn An", citizen_id="001085012345", theory_level="trung_cap"),
        "anh": make_cadre(
            north,
            "Lê Thị Ánh",
            party_status="chinh_thuc",
            party_admitted_on=dt.date(2000, 1, 1),
            party_official_on=dt.date(2001, 1, 1),
        ),
        "binh": make_cadre(north, "Trần Bình"),
        "dung": make_cadre(north, "Phạm Dũng"),
        "dung2": make_cadre(north, "Phạm Đức"),
        "south": make_cadre(tree["south"], "Nguyễn Văn An", code="NH0001"),
    }


@pytest.mark.parametrize(
    "query",
    [
        "nguyen van an",
        "NGUYEN VAN AN",
        "Nguyễn Văn An",
        unicodedata.normalize("NFD", "Nguyễn Văn An"),
        "van an",
    ],
)
def test_search_ignores_accents_case_and_normal_form(client, board, people, query):
    response = client.get(reverse(LIST), {"q": query})
    assert response.status_code == 200
    assert [c.pk for c in response.context["page"].object_list] == [people["an"].pk]


def test_search_finds_code_and_never_outside_scope(client, board, people):
    response = client.get(reverse(LIST), {"q": people["binh"].code.lower()})
    assert names(response) == ["Trần Bình"]
    assert client.get(reverse(LIST), {"q": "NH0001"}).context["page"].paginator.count == 0


def test_list_sorted_the_vietnamese_way(client, board, people):
    # Given name first: An < Ánh < Bình < Dũng < Đức ("Đ" after "D"), whatever the family name.
    assert names(client.get(reverse(LIST))) == [
        "Nguyễn Văn An",
        "Lê Thị Ánh",
        "Trần Bình",
        "Phạm Dũng",
        "Phạm Đức",
    ]


def test_filters(client, board, tree, people, posts):
    url = reverse(LIST)
    assert names(client.get(url, {"unit": tree["new_commune"].pk})) == ["Nguyễn Văn An"]
    assert names(client.get(url, {"theory_level": "trung_cap"})) == ["Nguyễn Văn An"]
    assert names(client.get(url, {"theory_level": "none", "q": "an"})) == ["Lê Thị Ánh"]  # not "Trần"
    assert names(client.get(url, {"party_status": "chinh_thuc"})) == ["Lê Thị Ánh"]
    assert "Lê Thị Ánh" not in names(client.get(url, {"party_status": "none"}))
    Assignment.objects.create(cadre=people["binh"], post=posts["ptp_tinh"], valid_from=dt.date(2020, 1, 1))
    Assignment.objects.create(
        cadre=people["dung"],
        post=posts["ptp_tinh"],
        valid_from=dt.date(2010, 1, 1),
        valid_to=dt.date(2015, 1, 1),
    )
    assert names(client.get(url, {"post": posts["ptp_tinh"].pk})) == ["Trần Bình"]


def test_unit_filter_offers_only_units_in_scope(client, board, tree, people):
    response = client.get(reverse(LIST), {"unit": tree["south"].pk})
    offered = set(response.context["filters"].fields["unit"].queryset.values_list("code", flat=True))
    assert "NH" not in offered and "BS-X1" in offered
    # An out-of-scope unit is refused by the form and never widens the list.
    assert response.context["page"].paginator.count == 5


@pytest.mark.parametrize("fetch_all_below", [0, 2_000])  # ids paged by the database, or read all at once
def test_pagination(client, board, tree, make_cadre, monkeypatch, fetch_all_below):
    monkeypatch.setattr(views, "FETCH_ALL_IDS_BELOW", fetch_all_below)
    for i in range(55):
        make_cadre(tree["north"], f"Người Thứ {i:02d}")
    first = client.get(reverse(LIST))
    second = client.get(reverse(LIST), {"page": 2})  # past the middle: read from the end when paged in SQL
    assert len(names(first)) == 50 and len(names(second)) == 5
    assert names(first) + names(second) == [f"Người Thứ {i:02d}" for i in range(55)]
    assert b'rel="next"' in first.content


def test_htmx_gets_only_the_table(client, board, people):
    response = client.get(reverse(LIST), {"q": "binh"}, headers={"HX-Request": "true"})
    assert b"<html" not in response.content
    assert "Trần Bình" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "masked"), [(Role.ORG_BOARD, False), (Role.LECTURER, True), (Role.INSPECTOR, True)]
)
def test_personal_data_masked_for_roles_without_it(client, tree, make_user, people, role, masked):
    client.force_login(make_user(role, tree["north"]))
    for url in (reverse(LIST), reverse("registry:cadre_detail", args=[people["an"].pk])):
        html = client.get(url).content.decode()
        assert ("001085012345" in html) is not masked
        assert ("17/05/1985" in html) is not masked
        if masked:
            assert "•••••••••345" in html


def test_list_query_count_does_not_grow_with_rows(
    client, board, tree, make_cadre, posts, django_assert_max_num_queries
):
    # Baseline: session, user, scope discovery, whole-tree check, filter choices, count, page ids, page rows,
    # current posts, session save.
    def add(n):
        for i in range(n):
            cadre = make_cadre(tree["new_commune"], f"Cán Bộ {i:02d}")
            Assignment.objects.create(cadre=cadre, post=posts["chuyen_vien"], unit=tree["new_commune"])

    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(LIST), {"q": "can bo", "unit": tree["north"].pk})
    add(60)
    with django_assert_max_num_queries(18):
        response = client.get(reverse(LIST), {"q": "can bo", "unit": tree["north"].pk})
    assert len(names(response)) == 50
    with CaptureQueriesContext(connection) as many:
        client.get(reverse(LIST), {"q": "can bo", "unit": tree["north"].pk})
    assert len(many) == len(few)


def test_anonymous_is_sent_to_login(client, people):
    for url in (reverse(LIST), reverse("registry:cadre_detail", args=[people["an"].pk]), reverse("home")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_list_offers_the_export_of_what_it_shows(client, board, people):
    from html import unescape

    from llct.roster import read_roster

    response = client.get(reverse(LIST), {"q": "nguyen van an", "page": "1"})
    link = reverse("roster:cadre_export") + "?q=nguyen+van+an"
    html = unescape(response.content.decode())
    assert f'href="{link}"' in html and "Xuất danh sách (.xlsx)" in html
    assert f'href="{link}"' in unescape(
        client.get(reverse(LIST), {"q": "nguyen van an"}, HTTP_HX_REQUEST="true").content.decode()
    )
    exported = read_roster(client.get(link).content, "x.xlsx").frame
    assert exported["code"].to_list() == [people["an"].code]


def test_kept_unknown_columns_are_hidden_in_the_history_from_roles_without_personal_data(
    client, tree, make_user, make_cadre
):
    from llct.registry.services.cadres import cadre_save

    cadre = make_cadre(tree["north"], "Lê Văn Bí Mật")
    cadre.extra = {"Ghi chú": "điều bí mật"}
    cadre_save(cadre)
    url = reverse("registry:cadre_detail", args=[cadre.pk])
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    assert "điều bí mật" in client.get(url).content.decode()
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    html = client.get(url).content.decode()
    assert "điều bí mật" not in html and "•••" in html
