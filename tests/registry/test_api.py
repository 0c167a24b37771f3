import pytest

from llct.accounts.models import Role


def _client(client, user):
    client.force_login(user)
    return client


def test_api_lists_only_cadres_in_scope_and_finds_without_accents(client, tree, make_user, make_cadre):
    mine = make_cadre(tree["old_commune"], "Nguyễn Văn An", citizen_id="001085012345")
    make_cadre(tree["south_commune"], "Nguyễn Văn Anh")
    officer = make_user(Role.ORG_BOARD, tree["north"])
    rows = _client(client, officer).get("/api/registry/cadres", {"q": "nguyen van an"}).json()
    assert [r["code"] for r in rows] == [mine.code]
    assert rows[0]["citizen_id"] == "001085012345"


def test_api_masks_personal_data_for_roles_that_do_not_need_it(client, tree, make_user, make_cadre):
    cadre = make_cadre(tree["north"], citizen_id="001085012345")
    inspector = make_user(Role.INSPECTOR, tree["north"])
    row = _client(client, inspector).get(f"/api/registry/cadres/{cadre.pk}").json()
    assert row["citizen_id"].endswith("345") and "012" not in row["citizen_id"]
    assert row["birth_date"] == "1985"


def test_api_answers_404_outside_scope_and_401_signed_out(client, tree, make_user, make_cadre):
    outside = make_cadre(tree["south_commune"])
    assert client.get(f"/api/registry/cadres/{outside.pk}").status_code == 401
    officer = make_user(Role.ORG_BOARD, tree["north"])
    assert _client(client, officer).get(f"/api/registry/cadres/{outside.pk}").status_code == 404


def test_api_units_as_of_a_date(client, tree, make_user):
    officer = make_user(Role.ORG_BOARD, tree["north"])
    codes = {
        u["code"] for u in _client(client, officer).get("/api/registry/units", {"on": "2024-01-01"}).json()
    }
    assert "BS-H1" in codes and "BS-X1" not in codes and "NH" not in codes


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ({"limit": -1}, "limit"),
        ({"limit": 0}, "limit"),
        ({"offset": -5}, "offset"),
        ({"limit": -1, "offset": -1}, "limit"),
    ],
)
def test_api_refuses_bad_paging_with_422_and_says_why(client, tree, make_user, make_cadre, query, word):
    make_cadre(tree["north"])
    response = _client(client, make_user(Role.ORG_BOARD, tree["north"])).get("/api/registry/cadres", query)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert f"Tham số {word}" in detail and f"đã gửi {query[word]}" in detail


def test_api_paging_within_bounds(client, tree, make_user, make_cadre):
    for name in ("Lê An", "Lê Bình", "Lê Cường"):
        make_cadre(tree["north"], name)
    api = _client(client, make_user(Role.ORG_BOARD, tree["north"]))
    assert [r["full_name"] for r in api.get("/api/registry/cadres", {"limit": 1, "offset": 1}).json()] == [
        "Lê Bình"
    ]
    assert len(api.get("/api/registry/cadres", {"limit": 100_000}).json()) == 3
