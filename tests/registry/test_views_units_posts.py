"""The unit tree on a date, the unit page, and the post catalogue."""

import pytest
from django.urls import reverse

from llct.accounts.models import Role
from llct.registry.models import Post


@pytest.fixture
def board(client, tree, make_user):
    user = make_user(Role.ORG_BOARD, tree["north"])
    client.force_login(user)
    return user


def codes(response) -> set[str]:
    return {u.code for u in response.context["units"]}


def test_unit_tree_as_it_stood_on_a_date(client, board, tree):
    before = client.get(reverse("registry:unit_tree"), {"on": "01/01/2025"})
    assert codes(before) == {"BS", "BS-H1", "BS-H1-X1", "BS-TCT"}
    after = client.get(reverse("registry:unit_tree"), {"on": "01/09/2025"})
    assert codes(after) == {"BS", "BS-X1", "BS-TTCT1", "BS-TCT"}
    html = after.content.decode()
    assert "cơ sở đào tạo" in html and "← Xã Đông Lâm" in html
    assert "Cây đơn vị ngày 01/09/2025" in html


def test_unit_detail_and_scope(client, board, tree):
    response = client.get(reverse("registry:unit_detail", args=[tree["new_commune"].pk]))
    assert response.status_code == 200
    assert [u.code for u in response.context["predecessors"]] == ["BS-H1-X1"]
    assert client.get(reverse("registry:unit_detail", args=[tree["south"].pk])).status_code == 404
    centre = client.get(reverse("registry:unit_detail", args=[tree["centre"].pk]))
    assert [u.code for u in centre.context["served_communes"]] == ["BS-X1"]


def test_post_catalogue_search_and_filters(client, board, posts):
    url = reverse("registry:post_list")
    titles = lambda r: [p.title for p in r.context["page"].object_list]  # noqa: E731
    assert titles(client.get(url, {"q": "pho chu tich"})) == ["Phó Chủ tịch Ủy ban nhân dân"]
    assert titles(client.get(url, {"q": "ptp"})) == ["Phó Trưởng phòng"]
    assert titles(client.get(url, {"tier": "xa"})) == ["Phó Chủ tịch Ủy ban nhân dân", "Công chức"]
    assert client.get(url).context["can_edit"] is False
    assert client.get(reverse("registry:post_edit", args=[posts["ptp_tinh"].pk])).status_code == 403


def test_admin_edits_catalogue_with_history(client, tree, make_user, posts):
    admin = make_user(Role.ADMIN, tree["central"])
    client.force_login(admin)
    post = posts["ptp_tinh"]
    data = {
        "code": post.code,
        "title": "Phó Trưởng phòng",
        "aliases_text": "PTP\nPhó phòng\n",
        "sector": post.sector,
        "tier": post.tier,
        "rank": 46,
        "note": "",
        "active": "on",
    }
    assert client.post(reverse("registry:post_edit", args=[post.pk]), data).status_code == 302
    post = Post.objects.get(pk=post.pk)
    assert post.aliases == ["PTP", "Phó phòng"] and post.rank == 46
    assert post.history.latest().history_user == admin
    response = client.post(reverse("registry:post_create"), dict(data, code="PTP_TINH", rank=0))
    assert set(response.context["form"].errors) == {"code", "rank"}
