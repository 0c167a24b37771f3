"""The admin goes through the services: search columns stay right, units keep their checks and cannot be
moved, every change has its author in the audit trail."""

import datetime as dt

import pytest
from django.urls import reverse

from llct.registry.choices import Sector, Tier, UnitKind
from llct.registry.models import Assignment, Cadre, Unit
from llct.vntext import name_sort_key


@pytest.fixture
def admin_client(client, django_user_model, tree):
    user = django_user_model.objects.create_superuser("quantri", password="mat-khau-quan-tri-2025")
    client.force_login(user)
    client.user = user
    return client


def _inline(prefix: str, rows: list[dict] | None = None) -> dict:
    rows = rows or []
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def test_saving_a_cadre_in_the_admin_keeps_search_and_sort_columns_and_the_author(
    admin_client, tree, make_cadre, posts
):
    cadre = make_cadre(tree["north"], "Nguyễn Văn An", code="AD1")
    held = {"post": posts["ptp_tinh"].pk, "unit": tree["north"].pk, "valid_from": "2024-01-01"}
    data = {
        "code": "AD1", "full_name": "Trần  Thị Ánh", "sex": "nu", "ethnicity": "Kinh",
        "unit": tree["north"].pk,
        "party_status": "", "education": "", "theory_level": "", "theory_proof": "", "extra": "{}",
        "birth_date": "1985-05-17",
        **_inline("assignments", [held]), **_inline("planning"), **_inline("ratings"),
    }  # fmt: skip
    response = admin_client.post(reverse("admin:registry_cadre_change", args=[cadre.pk]), data)
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    cadre = Cadre.objects.get(pk=cadre.pk)
    assert (cadre.full_name, cadre.name_search) == ("Trần Thị Ánh", "tran thi anh")
    assert cadre.name_sort_key == name_sort_key("Trần Thị Ánh")
    assert cadre.history.latest().history_user == admin_client.user
    assignment = Assignment.objects.get(cadre=cadre)
    assert assignment.history.get().history_user == admin_client.user


def test_units_are_created_under_a_parent_and_cannot_be_moved(admin_client, tree):
    add = reverse("admin:registry_unit_add")
    fields = {"tier": Tier.COMMUNE, "sector": Sector.PARTY, "kind": UnitKind.ADMINISTRATIVE}
    response = admin_client.post(
        add, {**fields, "code": "BS-X9", "name": "Xã Mới", "parent": tree["north"].pk}
    )
    assert response.status_code == 302
    unit = Unit.objects.get(code="BS-X9")
    assert Unit.objects.get_parent(unit) == tree["north"]
    assert unit.history.latest().history_user == admin_client.user

    change = reverse("admin:registry_unit_change", args=[unit.pk])
    form = admin_client.get(change).content.decode()
    assert 'name="parent"' not in form and "_ref_node_id" not in form and "_position" not in form
    moved = {**fields, "code": "BS-X9", "name": "Xã Mới Đổi Tên", "parent": tree["south"].pk,
             "_ref_node_id": tree["south"].pk, "_position": "sorted-child"}  # fmt: skip
    assert admin_client.post(change, moved).status_code == 302
    unit = Unit.objects.get(pk=unit.pk)
    assert unit.name == "Xã Mới Đổi Tên" and Unit.objects.get_parent(unit) == tree["north"]


def test_the_admin_refuses_a_unit_the_rules_forbid(admin_client, tree):
    data = {
        "code": "BS-TTH", "name": "Trung tâm Chính trị huyện X", "parent": tree["north"].pk,
        "tier": Tier.DISTRICT, "sector": Sector.PUBLIC_SERVICE, "kind": UnitKind.DISTRICT_CENTRE,
        "served_communes": [tree["new_commune"].pk],
    }  # fmt: skip
    response = admin_client.post(reverse("admin:registry_unit_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "28/08/2025" in str(errors["valid_to"]) and "Chỉ Trung tâm Chính trị cấp xã" in str(
        errors["served_communes"]
    )
    assert not Unit.objects.filter(code="BS-TTH").exists()
    data["valid_to"], data["served_communes"] = dt.date(2025, 8, 28).isoformat(), []
    assert admin_client.post(reverse("admin:registry_unit_add"), data).status_code == 302
