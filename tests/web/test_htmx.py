"""Pages that htmx swaps answer a fragment only to htmx's swaps, and say they vary on it."""

from llct.accounts.models import Role


def test_fragment_only_for_htmx_swaps_and_vary_header(client, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    full = client.get("/cadres/?q=an")
    fragment = client.get("/cadres/?q=an", headers={"HX-Request": "true"})
    restoring = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    restore = client.get("/cadres/?q=an", headers=restoring)
    for response in (full, fragment, restore):
        assert "HX-Request" in response["Vary"]
    assert 'class="mainnav"' in full.content.decode()
    assert 'class="mainnav"' not in fragment.content.decode()
    assert 'class="mainnav"' in restore.content.decode()
