"""Every API list endpoint refuses a negative or huge limit or offset with 422 and the reason."""

import pytest

from llct.accounts.models import Role
from llct.api_paging import MAX_OFFSET

LISTS = ["/api/registry/cadres", "/api/training/classes", "/api/training/nominations"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    ("query", "word"),
    [
        ({"limit": -1}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": MAX_OFFSET + 1}, "offset"),
        ({"offset": 10**30}, "offset"),
        ({"limit": -(10**30)}, "limit"),
    ],
)
def test_bad_paging_answers_422_with_the_reason(url, query, word, client, tree, make_user):
    client.force_login(make_user(Role.ADMIN, tree["north"]))
    response = client.get(url, query)
    assert response.status_code == 422
    assert f"Tham số {word}" in response.json()["detail"]


@pytest.mark.parametrize("url", LISTS)
def test_a_huge_limit_gives_the_largest_page(url, client, tree, make_user):
    client.force_login(make_user(Role.ADMIN, tree["north"]))
    assert client.get(url, {"limit": 10**30, "offset": MAX_OFFSET}).status_code == 200
