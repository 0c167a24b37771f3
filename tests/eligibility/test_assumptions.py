"""A post above a list without "trở lên" (QĐ 57 Điều 5 khoản 1 tiết 1.1 điểm b, REGULATIONS.md §8) is
decided as an assumption, and the assumption is visible as such in the cadre panel, the eligible list, its
export and the API."""

import datetime as dt
import io

import polars as pl
import pytest

from llct.accounts.models import Role
from llct.registry.models import Assignment, Post

ON = dt.date(2024, 5, 1)


@pytest.fixture
def truong_phong(seeded, tree, make_cadre):
    """A provincial division head (trưởng phòng): above the phó trưởng phòng of điểm b."""
    cadre = make_cadre(tree["north"], "Lê Thị Thu", sex="nu", birth_date=dt.date(1980, 1, 1),
                       party_status="chinh_thuc", education="dai_hoc")  # fmt: skip
    Assignment.objects.create(cadre=cadre, post=Post.objects.get(code="tinh_truong_phong"),
                              valid_from=dt.date(2020, 1, 1))  # fmt: skip
    return cadre


def test_QD57_D5_k1_t1_1_b_higher_post_is_an_assumption_in_the_api(client, truong_phong, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    body = client.get(
        f"/api/eligibility/cadres/{truong_phong.pk}", {"on": ON.isoformat(), "level": "trung_cap"}
    ).json()
    (decision,) = body["decisions"]
    assert decision["eligible"] is True and decision["assumed"] is True
    subject = decision["reasons"][0]
    assert subject["assumption"] is True and subject["item"] == "cao_hon_pho_truong_phong_huyen_tinh"
    assert subject["text"].startswith(
        "[Giả định] Thuộc đối tượng Trung cấp: chức vụ cao hơn phó trưởng phòng"
    )
    assert subject["citation"]["text"] == "Điều 5, khoản 1, tiết 1.1, điểm b, QĐ 57-QĐ/TW"


def test_QD57_D5_k1_t1_1_b_higher_post_is_an_assumption_in_page_and_export(
    client, truong_phong, tree, make_user
):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    query = {"level": "trung_cap", "on": "01/05/2024", "show": "all"}
    page = client.get("/eligibility/", query).content.decode()
    assert "có giả định" in page
    panel = client.get(f"/eligibility/cadres/{truong_phong.pk}/panel/", {"on": "01/05/2024"}).content.decode()
    assert "có giả định" in panel
    export = client.get("/eligibility/", {**query, "export": "xlsx"})
    sheet = pl.read_excel(io.BytesIO(export.content), read_options={"header_row": 3})
    row = sheet.filter(pl.col("Họ và tên") == "Lê Thị Thu").row(0, named=True)
    assert row["Có giả định"] == "Có" and row["Lý do, căn cứ"].startswith("[Giả định]")
