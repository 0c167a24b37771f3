"""The home page links to training and credentials as the role allows; lecturers are created and changed
through their pages."""

import pytest

from llct.accounts.models import Role
from llct.training.models import Lecturer


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.INSPECTOR, set(), {"home-nominate", "home-open-class", "home-overdue"}),
        (Role.ORG_BOARD, {"home-nominate"}, {"home-open-class", "home-overdue"}),
        (Role.ACADEMIC_OFFICER, {"home-open-class", "home-overdue"}, {"home-nominate"}),
        (Role.LECTURER, set(), {"home-open-class", "home-nominate", "home-overdue"}),
    ],
)
def test_home_links_follow_the_role(client, tree, make_user, role, shown, hidden):
    """The menu of each role is tested in tests/web/test_nav.py; here the home page's own links."""
    client.force_login(make_user(role, tree["north"]))
    text = client.get("/").content.decode()
    for link in shown:
        assert f'id="{link}"' in text, link
    for link in hidden:
        assert f'id="{link}"' not in text, link
    assert 'id="home-classes"' in text and 'id="home-verify"' in text


def test_lecturer_created_and_edited(client, tree, users):
    client.force_login(users["officer"])
    form = {
        "institution": tree["centre"].pk,
        "full_name": "Mai Thị Hạnh",
        "kind": "co_huu",
        "management_role": "pho_giam_doc",
        "youngest_child_born_on": "01/06/2025",
        "user": users["lecturer"].pk,
        "active": "on",
    }
    assert client.post("/training/lecturers/new/", form).status_code == 302
    lecturer = Lecturer.objects.get()
    assert (lecturer.management_role, lecturer.user, str(lecturer.youngest_child_born_on)) == (
        "pho_giam_doc",
        users["lecturer"],
        "2025-06-01",
    )
    wrong = client.post(f"/training/lecturers/{lecturer.pk}/edit/", form | {"kind": "thinh_giang"})
    assert wrong.status_code == 200 and "chỉ áp dụng cho giảng viên cơ hữu" in wrong.content.decode()
    assert (
        client.post(f"/training/lecturers/{lecturer.pk}/edit/", form | {"management_role": ""}).status_code
        == 302
    )
    lecturer.refresh_from_db()
    assert lecturer.management_role == "" and lecturer.history.count() == 2
    assert "Thêm giảng viên" in client.get("/training/lecturers/").content.decode()
    client.force_login(users["inspector"])
    assert client.get("/training/lecturers/new/").status_code == 403
    client.force_login(users["school_officer"])
    assert client.get(f"/training/lecturers/{lecturer.pk}/edit/").status_code == 404


def test_cadre_lookup_stays_in_scope(client, tree, users, make_cadre):
    mine = make_cadre(tree["new_commune"], "Nguyễn Thị Tìm")
    other = make_cadre(tree["south_commune"], "Nguyễn Thị Tìm Xa")
    client.force_login(users["board"])
    text = client.get("/training/nominations/cadres/", {"cadre": "nguyen thi tim"}).content.decode()
    assert mine.code in text and other.code not in text
    response = client.post(
        "/training/nominations/",
        {"cadre": other.code, "programme": 1, "sending_unit": tree["north"].pk, "nominated_on": "01/12/2025"},
    )
    assert "trong phạm vi quản lý của bạn" in response.content.decode()
    client.force_login(users["officer"])
    assert client.get("/training/nominations/cadres/", {"cadre": "nguyen"}).status_code == 403


@pytest.mark.parametrize(
    "model",
    [
        "programme",
        "trainingplan",
        "nomination",
        "lecturer",
        "trainingclass",
        "enrolment",
        "attendance",
        "essay",
        "appeal",
        "mark",
        "recognitiondecision",
        "disciplinerecord",
    ],
)
def test_models_in_the_admin_site(client, tree, commune_class, model):
    from llct.accounts.models import User

    commune_class(n=25, days=1)
    client.force_login(
        User.objects.create_superuser("quantri", password="x", role=Role.ADMIN, unit=tree["central"])
    )
    assert client.get(f"/admin/training/{model}/").status_code == 200
    assert client.get(f"/admin/training/{model}/add/").status_code == 200
