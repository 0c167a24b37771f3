"""The menu: every link it shows answers (no dead link, no debug 404 page), and each link is there only for
the roles that may use it (issue 7, defect 2)."""

import re

import pytest

from llct.accounts.models import Role
from llct.accounts.permissions import Action, can


def _menu_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="mainnav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'href="([^"]+)"', nav)


@pytest.mark.parametrize("role", list(Role))
def test_every_menu_link_answers(client, tree, make_user, role):
    user = make_user(role, tree["north"] if role != Role.DIRECTOR else tree["centre"])
    client.force_login(user)
    links = _menu_links(client.get("/").content.decode())
    assert links
    for href in links:
        assert client.get(href).status_code == 200, href
    assert ("/roster/import/" in links) == can(user, Action.EDIT_REGISTRY)
