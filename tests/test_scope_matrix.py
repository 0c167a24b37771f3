"""Every role over every URL that takes an object, with an object inside and one outside the user's scope.

The URL list comes from the resolver, so a URL added anywhere in the project is walked automatically. A URL
the matrix cannot fill FAILS: register a factory for it in OBJECT_URLS (url name → function returning the
kwargs of an object inside the scope and of one outside it, or None when the object is not unit-scoped),
and, when viewing it needs more than Action.VIEW, the action in REQUIRED_ACTION.

Expected, for users of every role attached to province Bắc Sơn:
  inside the scope  → 200, or 403 when the role lacks the action;
  outside the scope → 404 (403 only for a role refused the action whatever the object: that reveals
                      nothing);
  anonymous         → redirect to the login page (web) or 401 (API), except the URLs in PUBLIC_URLS.
"""

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from llct.accounts.models import Role
from llct.accounts.permissions import Action, can
from llct.eligibility.models import ProvincialRegulation, RegulationVersion
from llct.eligibility.services.rulebook import rulebook_seed
from llct.registry.models import Assignment, PlanningEntry
from llct.registry.roster_import.models import ImportJob
from tests.credentials.matrix import (
    CREDENTIALS_ACTIONS,
    CREDENTIALS_POST_URLS,
    CREDENTIALS_URLS,
    PUBLIC_VERIFICATION_URLS,
    credentials_url_kwargs,
    credentials_world,
    verification_kwargs,
)
from tests.oversight.inspection.matrix import INSPECTION_URLS, inspection_url_kwargs, inspection_world
from tests.oversight.matrix import (
    REPORT_JOB_URLS,
    STATISTICS_ACTIONS,
    STATISTICS_LIST_QUERIES,
    report_job_kwargs,
    statistics_url_kwargs,
)
from tests.training.matrix import TRAINING_ACTIONS, TRAINING_POST_URLS, TRAINING_URLS, training_url_kwargs

Kwargs = dict[str, object]
Factory = Callable[[SimpleNamespace], tuple[Kwargs, Kwargs | None]]

# Django's admin has its own staff permissions and object pages, tested by Django itself.
EXCLUDED_NAMESPACES = {"admin"}

# URLs anyone may open without logging in (credential verification, for instance).
PUBLIC_URLS: set[str] = set(PUBLIC_VERIFICATION_URLS)

OBJECT_URLS: dict[str, Factory] = {
    "registry:cadre_detail": lambda w: ({"pk": w.cadre.pk}, {"pk": w.other_cadre.pk}),
    "registry:cadre_edit": lambda w: ({"pk": w.cadre.pk}, {"pk": w.other_cadre.pk}),
    "registry:assignment_add": lambda w: ({"pk": w.cadre.pk}, {"pk": w.other_cadre.pk}),
    "registry:assignment_end": lambda w: (
        {"pk": w.cadre.pk, "assignment_pk": w.assignment.pk},
        {"pk": w.other_cadre.pk, "assignment_pk": w.other_assignment.pk},
    ),
    "registry:planning_add": lambda w: ({"pk": w.cadre.pk}, {"pk": w.other_cadre.pk}),
    "registry:planning_end": lambda w: (
        {"pk": w.cadre.pk, "entry_pk": w.planning.pk},
        {"pk": w.other_cadre.pk, "entry_pk": w.other_planning.pk},
    ),
    "registry:rating_add": lambda w: ({"pk": w.cadre.pk}, {"pk": w.other_cadre.pk}),
    "registry:unit_detail": lambda w: ({"pk": w.unit.pk}, {"pk": w.other_unit.pk}),
    "registry:post_edit": lambda w: ({"pk": w.post.pk}, None),
    "registry:post_detail": lambda w: ({"pk": w.post.pk}, None),
    "api:cadre_detail": lambda w: ({"cadre_id": w.cadre.pk}, {"cadre_id": w.other_cadre.pk}),
    "api:cadre_decisions": lambda w: ({"cadre_id": w.cadre.pk}, {"cadre_id": w.other_cadre.pk}),
    "eligibility:cadre_panel": lambda w: ({"cadre_id": w.cadre.pk}, {"cadre_id": w.other_cadre.pk}),
    "inspection:cadre_standards": lambda w: ({"cadre_id": w.cadre.pk}, {"cadre_id": w.other_cadre.pk}),
    "roster:import_detail": lambda w: ({"pk": w.import_job.pk}, {"pk": w.other_import_job.pk}),
    "roster:import_progress": lambda w: ({"pk": w.import_job.pk}, {"pk": w.other_import_job.pk}),
    "roster:import_confirm": lambda w: ({"pk": w.import_job.pk}, {"pk": w.other_import_job.pk}),
    "roster:import_problems": lambda w: ({"pk": w.import_job.pk}, {"pk": w.other_import_job.pk}),
    "roster:import_abandon": lambda w: ({"pk": w.import_job.pk}, {"pk": w.other_import_job.pk}),
    "eligibility:special_case_add": lambda w: ({"cadre_id": w.cadre.pk}, {"cadre_id": w.other_cadre.pk}),
    "eligibility:version_edit": lambda w: ({"version_id": w.version().pk}, None),
    "eligibility:provincial_edit": lambda w: (
        {"regulation_id": w.provincial(w.tree["north"]).pk},
        {"regulation_id": w.provincial(w.tree["south"]).pk},
    ),
    **{name: (lambda w, name=name: training_url_kwargs(w, name)) for name in TRAINING_URLS},
    **{name: (lambda w, name=name: credentials_url_kwargs(w, name)) for name in CREDENTIALS_URLS},
    **{name: (lambda w, name=name: inspection_url_kwargs(w, name)) for name in INSPECTION_URLS},
    **dict.fromkeys(PUBLIC_VERIFICATION_URLS, verification_kwargs),
    "statistics:briefing_detail": statistics_url_kwargs,
    **dict.fromkeys(REPORT_JOB_URLS, report_job_kwargs),
}

# URLs that only accept POST: the matrix posts an empty form and expects this status inside the scope
# from a role allowed to act (outside the scope, and for other roles, the rules above stay).
POST_URLS: dict[str, int] = {
    "roster:import_confirm": 302,
    "roster:import_abandon": 302,
    **TRAINING_POST_URLS,
    **CREDENTIALS_POST_URLS,
}

REQUIRED_ACTION: dict[str, Action] = {
    "registry:cadre_edit": Action.EDIT_REGISTRY,
    "registry:assignment_add": Action.EDIT_REGISTRY,
    "registry:assignment_end": Action.EDIT_REGISTRY,
    "registry:planning_add": Action.EDIT_REGISTRY,
    "registry:planning_end": Action.EDIT_REGISTRY,
    "registry:rating_add": Action.EDIT_REGISTRY,
    "registry:post_edit": Action.EDIT_CATALOGUE,
    "roster:import_detail": Action.EDIT_REGISTRY,
    "roster:import_progress": Action.EDIT_REGISTRY,
    "roster:import_confirm": Action.EDIT_REGISTRY,
    "roster:import_problems": Action.EDIT_REGISTRY,
    "roster:import_abandon": Action.EDIT_REGISTRY,
    "eligibility:special_case_add": Action.RECORD_SPECIAL_CASE,
    "eligibility:version_edit": Action.EDIT_CATALOGUE,
    "eligibility:provincial_edit": Action.EDIT_CATALOGUE,
    **TRAINING_ACTIONS,
    **CREDENTIALS_ACTIONS,
    **STATISTICS_ACTIONS,
}


def _object_urls(patterns=None, prefix: tuple[str, ...] = ()) -> list[tuple[str, bool]]:
    """(url name, is API) of every named URL pattern that takes arguments."""
    found: list[tuple[str, bool]] = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            namespace = (entry.namespace,) if entry.namespace else ()
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            found += _object_urls(entry.url_patterns, prefix + namespace)
        elif isinstance(entry, URLPattern) and entry.name and entry.pattern.regex.groups:
            name = ":".join((*prefix, entry.name))
            found.append((name, prefix[:1] == ("api",)))
    return sorted(set(found))


@pytest.fixture
def world(tree, posts, make_cadre, make_user):
    cadre = make_cadre(tree["new_commune"], "Nguyễn Văn An")
    other_cadre = make_cadre(tree["south_commune"], "Trần Văn Nam")
    post = posts["ptp_tinh"]
    users = {role: make_user(role, tree["north"]) for role in Role}

    def assignment(c, unit):
        return Assignment.objects.create(cadre=c, post=post, unit=unit, valid_from=dt.date(2020, 1, 1))

    def planning(c):
        return PlanningEntry.objects.create(cadre=c, post=post, term="2025-2030")

    return SimpleNamespace(
        tree=tree,
        posts=posts,
        post=post,
        unit=tree["new_commune"],
        other_unit=tree["south_commune"],
        cadre=cadre,
        other_cadre=other_cadre,
        assignment=assignment(cadre, tree["new_commune"]),
        other_assignment=assignment(other_cadre, tree["south_commune"]),
        planning=planning(cadre),
        other_planning=planning(other_cadre),
        import_job=ImportJob.objects.create(
            created_by=users[Role.ORG_BOARD], unit=tree["new_commune"], filename="a.xlsx", file="a.xlsx"
        ),
        other_import_job=ImportJob.objects.create(
            created_by=users[Role.ORG_BOARD], unit=tree["south_commune"], filename="b.xlsx", file="b.xlsx"
        ),
        make_cadre=make_cadre,
        users=users,
        version=lambda: (rulebook_seed(), RegulationVersion.objects.order_by("pk").first())[1],
        provincial=lambda province: ProvincialRegulation.objects.create(
            province=province,
            number=f"MATRIX-{province.code}",
            title="Quy định",
            base="350-QĐ/TW",
            in_force_from=dt.date(2025, 10, 1),
            text="",
        ),
    )


@pytest.mark.parametrize(("url_name", "is_api"), _object_urls())
def test_every_role_over_every_object_url(client, world, url_name, is_api):
    factory = OBJECT_URLS.get(url_name)
    if factory is None:
        pytest.fail(
            f"The scope matrix does not know how to fill URL {url_name!r}. Register an object factory for "
            f"it in OBJECT_URLS in tests/test_scope_matrix.py (returning the kwargs of an object inside the "
            f"scope of province Bắc Sơn and of one outside it), and its action in REQUIRED_ACTION if "
            f"viewing it needs more than Action.VIEW."
        )
    inside, outside = factory(world)
    inside_url = reverse(url_name, kwargs=inside)
    action = REQUIRED_ACTION.get(url_name, Action.VIEW)

    method = "post" if url_name in POST_URLS else "get"
    request = getattr(client, method)

    anonymous = request(inside_url)
    if url_name in PUBLIC_URLS:
        assert anonymous.status_code == 200, f"{inside_url}: public URL answered {anonymous.status_code}"
    elif is_api:
        assert anonymous.status_code == 401, (
            f"{inside_url}: anonymous API call answered {anonymous.status_code}"
        )
    else:
        assert anonymous.status_code == 302, f"{inside_url}: anonymous answered {anonymous.status_code}"
        assert anonymous["Location"].startswith(reverse("login")), anonymous["Location"]

    for role, user in world.users.items():
        client.force_login(user)
        allowed = can(user, action)
        if outside is not None:
            outside_url = reverse(url_name, kwargs=outside)
            got = request(outside_url).status_code
            expected = {404} if allowed else {403, 404}
            assert got in expected, f"{role} on {outside_url} (outside scope): expected {expected}, got {got}"
        expected = POST_URLS.get(url_name, 200) if allowed else 403
        got = request(inside_url).status_code
        assert got == expected, f"{role} on {inside_url} (inside scope): expected {expected}, got {got}"
        client.logout()


def test_matrix_walks_the_project_urls():
    """The walk itself must find the URLs (an empty walk would pass everything)."""
    names = {name for name, _ in _object_urls()}
    assert {"registry:cadre_detail", "api:cadre_detail", "registry:unit_detail"} <= names
    assert not any(name.startswith("admin:") for name in names)
    assert set(OBJECT_URLS) <= names, f"factories for URLs that no longer exist: {set(OBJECT_URLS) - names}"


# Names that only objects outside province Bắc Sơn carry (the cadre, the province, its commune, the class,
# the register's serials): none may appear on any page or export a Bắc Sơn user opens.
OUTSIDE_MARKERS = ("Trần Văn Nam", "Tỉnh Nam Hà", "Xã Hòa Bình", "MATRIX-NH", "NH-TTCT1/")

# List pages that show nothing until asked: the query that makes them list everything they may.
LIST_QUERIES = {
    "eligibility:eligible_cadres": "?level=trung_cap&show=all&on=2026-01-05",
    "api:cadre_list": "?limit=1000",
    **STATISTICS_LIST_QUERIES,
}


# Pages that list no registry object: the API root and schema, and the two that only take a POST.
NOT_LISTS = {"logout", "set_language", "api:api-root", "api:openapi-json", "api:openapi-view"}


def _list_urls() -> list[str]:
    return [name for name, _is_api in _all_urls() if name not in NOT_LISTS]


def _all_urls(patterns=None, prefix: tuple[str, ...] = ()) -> list[tuple[str, bool]]:
    """(url name, is API) of every named URL pattern that takes no arguments."""
    found: list[tuple[str, bool]] = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXCLUDED_NAMESPACES:
                continue
            found += _all_urls(entry.url_patterns, prefix + ((entry.namespace,) if entry.namespace else ()))
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groups:
            found.append((":".join((*prefix, entry.name)), prefix[:1] == ("api",)))
    return sorted(set(found))


def _text(response) -> str:
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        import polars as pl

        sheets = pl.read_excel(response.content, sheet_id=0, raise_if_empty=False)
        return "\n".join(str(v) for frame in sheets.values() for row in frame.rows() for v in row)
    return response.content.decode()


@pytest.mark.parametrize("url_name", _list_urls())
def test_no_list_page_or_export_shows_objects_outside_the_scope(client, world, url_name):
    credentials_world(world)  # the training and credential objects inside and outside the scope
    inspection_world(world)  # runs, findings and inspection plans inside and outside the scope
    url = reverse(url_name) + LIST_QUERIES.get(url_name, "")
    for role, user in world.users.items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code in {200, 302, 403, 405}, f"{role} on {url}: {response.status_code}"
        if response.status_code == 200:
            text = _text(response)
            leaked = [marker for marker in OUTSIDE_MARKERS if marker in text]
            assert not leaked, f"{role} on {url} shows objects outside the scope: {leaked}"
        client.logout()


def test_list_walk_finds_the_pages_and_the_markers_exist(client, world):
    """The list walk must find the lists, and a central administrator must see every marker (a marker
    nobody can see would make the test above pass whatever the scope)."""
    assert {"registry:cadre_list", "roster:cadre_export", "training:class_list", "api:cadre_list"} <= set(
        _list_urls()
    )
    outside = credentials_world(world)[1]
    admin = world.users[Role.ADMIN]
    admin.unit = world.tree["central"]
    admin.save()
    client.force_login(admin)
    urls = [
        reverse("registry:cadre_list"),
        reverse("registry:unit_tree"),
        reverse("training:class_list"),
        reverse("credentials:register_detail", kwargs={"pk": outside["register"].pk}),
    ]
    seen = "".join(_text(client.get(url)) for url in urls)
    missing = [marker for marker in OUTSIDE_MARKERS if marker not in seen]
    assert not missing, f"markers no page shows even to a central administrator: {missing}"
