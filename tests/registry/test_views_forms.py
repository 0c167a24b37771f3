"""Create and edit forms: Vietnamese field errors, scope of the unit choice, audit trail, role checks."""

import datetime as dt

import pytest
from django.urls import reverse

from llct.accounts.models import Role
from llct.registry.models import Assignment, Cadre, PlanningEntry, YearlyRating


@pytest.fixture
def board(client, tree, make_user):
    user = make_user(Role.ORG_BOARD, tree["north"], username="ban-to-chuc")
    client.force_login(user)
    return user


def cadre_data(unit, **over) -> dict:
    data = {
        "code": "CB-MOI-1",
        "full_name": "  Hoàng   Thị Mai ",
        "citizen_id": "001190000111",
        "birth_date": "03/02/1990",
        "sex": "nu",
        "ethnicity": "Kinh",
        "unit": unit.pk,
        "party_status": "",
        "education": "dai_hoc",
        "theory_level": "",
        "theory_proof": "",
    }
    data.update(over)
    return data


def test_create_cadre_with_dd_mm_yyyy_and_history_user(client, board, tree):
    response = client.post(reverse("registry:cadre_create"), cadre_data(tree["new_commune"]))
    cadre = Cadre.objects.get(code="CB-MOI-1")
    assert response.status_code == 302 and response["Location"] == reverse(
        "registry:cadre_detail", args=[cadre.pk]
    )
    assert cadre.full_name == "Hoàng Thị Mai" and cadre.birth_date == dt.date(1990, 2, 3)
    assert cadre.name_search == "hoang thi mai"
    assert cadre.history.latest().history_user == board


def errors(response) -> dict:
    return response.context["form"].errors


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("citizen_id", "12345", "đúng 12 chữ số"),
        ("citizen_id", "00119000011A", "đúng 12 chữ số"),
        ("birth_date", "1990-13-45", "dd/mm/yyyy"),
        ("birth_date", "31/02/1990", "không có thật"),
        ("full_name", "", "Hãy nhập họ và tên"),
    ],
)
def test_field_errors_in_vietnamese(client, board, tree, field, value, fragment):
    response = client.post(reverse("registry:cadre_create"), cadre_data(tree["north"], **{field: value}))
    assert response.status_code == 200
    assert any(fragment in message for message in errors(response)[field])
    assert not Cadre.objects.filter(code="CB-MOI-1").exists()


def test_citizen_id_unique(client, board, tree, make_cadre):
    make_cadre(tree["north"], citizen_id="001190000111", sex="nu", birth_date=dt.date(1990, 2, 3))
    response = client.post(reverse("registry:cadre_create"), cadre_data(tree["north"]))
    assert "đã có trong sổ cán bộ" in errors(response)["citizen_id"][0]


def test_party_dates(client, board, tree):
    data = cadre_data(
        tree["north"],
        party_status="chinh_thuc",
        party_admitted_on="01/06/2010",
        party_official_on="01/01/2010",
    )
    response = client.post(reverse("registry:cadre_create"), data)
    assert "ngày vào Đảng" in errors(response)["party_official_on"][0]
    response = client.post(reverse("registry:cadre_create"), cadre_data(tree["north"], party_status="du_bi"))
    assert "ngày vào Đảng" in errors(response)["party_admitted_on"][0]


def test_equivalence_certificate_must_predate_2021_07_09(client, board, tree):
    late = cadre_data(
        tree["north"], theory_level="trung_cap", theory_proof="tuong_duong", theory_issued_on="09/07/2021"
    )
    response = client.post(reverse("registry:cadre_create"), late)
    assert "09/07/2021" in errors(response)["theory_issued_on"][0]
    early = dict(late, theory_issued_on="08/07/2021")
    assert client.post(reverse("registry:cadre_create"), early).status_code == 302


def test_diploma_needs_number_and_issuer(client, board, tree):
    data = cadre_data(tree["north"], theory_level="cao_cap", theory_proof="bang")
    response = client.post(reverse("registry:cadre_create"), data)
    assert set(errors(response)) == {"theory_document_number", "theory_issuer"}


def test_managing_unit_limited_to_scope(client, board, tree):
    response = client.post(reverse("registry:cadre_create"), cadre_data(tree["south"]))
    assert "unit" in errors(response)
    offered = {u.code for u in response.context["form"].fields["unit"].queryset}
    assert "NH" not in offered and "BS" in offered


def test_edit_leaves_history_with_before_and_after(client, board, tree, make_cadre):
    cadre = make_cadre(tree["north"], "Đỗ Văn Hùng", ethnicity="Kinh")
    data = cadre_data(tree["north"], code=cadre.code, full_name="Đỗ Văn Hùng", ethnicity="Tày", citizen_id="")
    assert client.post(reverse("registry:cadre_edit", args=[cadre.pk]), data).status_code == 302
    latest = Cadre.history.filter(id=cadre.pk).latest()
    assert latest.history_user == board and latest.ethnicity == "Tày"
    page = client.get(reverse("registry:cadre_detail", args=[cadre.pk]))
    entry = page.context["history"][0]
    assert entry.who == board
    assert ("dân tộc", "Kinh", "Tày") in entry.changes


def test_assignment_add_end_planning_rating(client, board, tree, make_cadre, posts):
    cadre = make_cadre(tree["north"])
    url = reverse("registry:assignment_add", args=[cadre.pk])
    response = client.post(
        url, {"post": posts["ptp_tinh"].pk, "unit": tree["north"].pk, "valid_from": "01/01/2020"}
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(cadre=cadre)
    page = client.get(reverse("registry:cadre_detail", args=[cadre.pk]))
    assert page.context["current_assignments"] == [assignment]
    end = reverse("registry:assignment_end", args=[cadre.pk, assignment.pk])
    assert "01/01/2020" in errors_of(client.post(end, {"on": "31/12/2019"}), "on")
    assert client.post(end, {"on": "31/12/2024"}).status_code == 302
    page = client.get(reverse("registry:cadre_detail", args=[cadre.pk]))
    assert page.context["current_assignments"] == [] and page.context["other_assignments"] == [assignment]
    assert Assignment.history.filter(id=assignment.pk).latest().history_user == board

    plan = reverse("registry:planning_add", args=[cadre.pk])
    assert "2025-2030" in errors_of(client.post(plan, {"post": posts["ptp_tinh"].pk, "term": "2030"}), "term")
    assert client.post(plan, {"post": posts["ptp_tinh"].pk, "term": "2025-2030"}).status_code == 302
    entry = PlanningEntry.objects.get(cadre=cadre)
    assert (
        client.post(
            reverse("registry:planning_end", args=[cadre.pk, entry.pk]), {"on": "01/01/2026"}
        ).status_code
        == 302
    )

    rate = reverse("registry:rating_add", args=[cadre.pk])
    assert client.post(rate, {"year": 2024, "rating": "tot"}).status_code == 302
    assert client.post(rate, {"year": 2024, "rating": "xuat_sac"}).status_code == 302
    assert YearlyRating.objects.get(cadre=cadre, year=2024).rating == "xuat_sac"
    history = client.get(reverse("registry:cadre_detail", args=[cadre.pk])).context["history"]
    assert {e.who for e in history} >= {board}
    assert any("Phó Trưởng phòng" in e.record for e in history)


def errors_of(response, field) -> str:
    return " ".join(response.context["form"].errors[field])


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.LECTURER, Role.DIRECTOR, Role.ACADEMIC_OFFICER])
def test_read_only_roles_get_403(client, tree, make_user, make_cadre, role, posts):
    cadre = make_cadre(tree["north"])
    client.force_login(make_user(role, tree["north"]))
    for url in (
        reverse("registry:cadre_create"),
        reverse("registry:cadre_edit", args=[cadre.pk]),
        reverse("registry:assignment_add", args=[cadre.pk]),
        reverse("registry:rating_add", args=[cadre.pk]),
        reverse("registry:post_create"),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"full_name": "X"}).status_code == 403
    assert client.get(reverse("registry:cadre_detail", args=[cadre.pk])).status_code == 200
    assert Cadre.history.count() == 1
