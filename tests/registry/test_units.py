"""Units through their service: training institutions' rules (QĐ 360-QĐ/TW), links in the audit trail,
and the history shown on the unit and post pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from llct.accounts.models import Role
from llct.registry.choices import Sector, Tier, UnitKind
from llct.registry.models import Post, Unit
from llct.registry.services.posts import post_save
from llct.registry.services.units import unit_save


def centre(kind=UnitKind.COMMUNE_CENTRE, **fields) -> Unit:
    values = dict(
        code="BS-TT9", name="Trung tâm Chính trị 9", tier=Tier.COMMUNE, sector=Sector.PUBLIC_SERVICE
    )
    return Unit(kind=kind, **{**values, **fields})


def messages_of(error: pytest.ExceptionInfo) -> dict[str, str]:
    return {field: " ".join(m) for field, m in error.value.message_dict.items()}


def test_a_commune_centre_exists_from_29_08_2025(tree):
    with pytest.raises(ValidationError) as error:
        unit_save(centre(valid_from=dt.date(2025, 8, 28)), parent=tree["north"])
    assert "29/08/2025" in messages_of(error)["valid_from"]
    assert unit_save(centre(valid_from=dt.date(2025, 8, 29)), parent=tree["north"]).pk


def test_a_district_centre_ends_by_28_08_2025(tree):
    district = dict(kind=UnitKind.DISTRICT_CENTRE, tier=Tier.DISTRICT)
    for end in (None, dt.date(2025, 8, 29)):
        with pytest.raises(ValidationError) as error:
            unit_save(centre(**district, valid_to=end), parent=tree["district"])
        assert "28/08/2025" in messages_of(error)["valid_to"]
    assert unit_save(centre(**district, valid_to=dt.date(2025, 6, 30)), parent=tree["district"]).pk


def test_only_commune_centres_serve_and_only_communes_in_force_are_served(tree):
    with pytest.raises(ValidationError) as error:
        unit_save(tree["school"], served_communes=[tree["new_commune"]])
    assert "Chỉ Trung tâm Chính trị cấp xã" in messages_of(error)["served_communes"]
    new = centre(valid_from=dt.date(2025, 9, 1))
    with pytest.raises(ValidationError) as error:
        unit_save(new, parent=tree["north"], served_communes=[tree["north"], tree["old_commune"]])
    reasons = messages_of(error)["served_communes"]
    assert (
        "“Tỉnh Bắc Sơn” không phải là xã" in reasons
        and "“Xã Đông Lâm” không còn hoặc chưa có hiệu lực" in reasons
    )
    assert not Unit.objects.filter(code="BS-TT9").exists()
    saved = unit_save(new, parent=tree["north"], served_communes=[tree["new_commune"]])
    assert list(saved.served_communes.all()) == [tree["new_commune"]]


def test_link_changes_are_in_the_audit_trail_and_on_the_unit_page(client, tree, make_user):
    officer = make_user(Role.ADMIN, tree["central"])
    commune = tree["new_commune"]
    rows = commune.history.count()
    commune.name = "Xã Tiên Phong Mới"
    unit_save(commune, predecessors=[tree["old_commune"], tree["district"]], by=officer)
    assert commune.history.count() == rows + 1  # one row for the fields and the links together
    latest = commune.history.latest()
    assert latest.history_user == officer
    assert sorted(latest.predecessors.values_list("to_unit", flat=True)) == sorted(
        [tree["old_commune"].pk, tree["district"].pk]
    )
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    html = client.get(reverse("registry:unit_detail", args=[commune.pk])).content.decode()
    assert "Lịch sử thay đổi" in html and officer.username in html
    assert "<del>Xã Tiên Phong</del> → <ins>Xã Tiên Phong Mới</ins>" in html
    assert "<del>Xã Đông Lâm</del> → <ins>Huyện Tiên Phong; Xã Đông Lâm</ins>" in html


def test_the_post_page_shows_its_history(client, tree, make_user, posts):
    admin = make_user(Role.ADMIN, tree["central"])
    post = posts["ptp_tinh"]
    post.rank = 47
    post_save(post, by=admin)
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    response = client.get(reverse("registry:post_detail", args=[post.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "Phó Trưởng phòng" in html
    assert "<del>45</del> → <ins>47</ins>" in html and admin.username in html
    assert (
        client.get(
            reverse("registry:post_detail", args=[Post.objects.order_by("pk").last().pk + 1])
        ).status_code
        == 404
    )
