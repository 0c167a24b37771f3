"""The menu: each role sees the links of its work, grouped, with the current page marked; every link it
shows answers (no dead link, no debug 404 page) — issue 7, defect 2 and "navigation by role"."""

import re

import pytest

from llct.accounts.models import Role
from llct.accounts.permissions import Action, can

# The links of each role's work (the oversight rooms add theirs when they are installed).
WORK = {
    Role.ADMIN: {
        "cadres",
        "import",
        "units",
        "posts",
        "eligibility",
        "plans",
        "nominations",
        "classes",
        "lecturers",
        "programmes",
        "registers",
        "overdue",
        "verify",
    },
    Role.ORG_BOARD: {
        "cadres",
        "import",
        "units",
        "posts",
        "eligibility",
        "plans",
        "nominations",
        "classes",
        "programmes",
        "verify",
    },
    Role.DIRECTOR: {
        "units",
        "plans",
        "nominations",
        "classes",
        "lecturers",
        "programmes",
        "registers",
        "overdue",
        "verify",
    },
    Role.ACADEMIC_OFFICER: {
        "units",
        "nominations",
        "classes",
        "lecturers",
        "programmes",
        "registers",
        "overdue",
        "verify",
    },
    Role.LECTURER: {"classes", "programmes", "verify"},
    Role.INSPECTOR: {
        "cadres",
        "units",
        "posts",
        "eligibility",
        "plans",
        "nominations",
        "classes",
        "lecturers",
        "programmes",
        "registers",
        "verify",
    },
}
OVERSIGHT = {"statistics", "inspection", "trail"}


def _menu(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="mainnav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return dict(re.findall(r'<a id="nav-([a-z_]+)" href="([^"]+)"', nav))


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_work_and_every_link_answers(client, tree, make_user, role):
    user = make_user(role, tree["north"] if role != Role.DIRECTOR else tree["centre"])
    client.force_login(user)
    links = _menu(client.get("/").content.decode())
    assert set(links) - OVERSIGHT == WORK[role]
    for href in links.values():
        assert client.get(href).status_code == 200, href
    assert ("import" in links) == can(user, Action.EDIT_REGISTRY)


def test_the_current_page_is_marked_once(client, tree, make_user):
    client.force_login(make_user(Role.ADMIN, tree["central"]))
    html = client.get("/credentials/qua-han/").content.decode()
    assert re.findall(r'id="nav-([a-z_]+)"[^>]*aria-current="page"', html) == ["overdue"]
    html = client.get("/credentials/").content.decode()
    assert re.findall(r'id="nav-([a-z_]+)"[^>]*aria-current="page"', html) == ["registers"]


@pytest.mark.parametrize("role", list(Role))
def test_the_help_page_opens_the_guide_of_ones_role(client, tree, make_user, role):
    client.force_login(make_user(role, tree["north"]))
    assert 'id="help-link"' in client.get("/").content.decode()
    page = client.get("/help/").content.decode()
    assert re.search(rf'<details class="guide" id="guide-{role.value}" open>', page)
    assert page.count(" open>") == 1 and page.count('class="guide"') == len(Role)
