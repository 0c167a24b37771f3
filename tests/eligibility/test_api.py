"""The eligibility API: a cadre's decisions (scoped) and the screening of an uploaded roster."""

import datetime as dt

import pytest

from llct.accounts.models import Role
from llct.eligibility.services.profiles import decide_for_cadre
from llct.registry.models import Assignment, Post

# Rows E01–E04 of shared/domain/examples (roster.csv) and their expected trung cấp answers on 2024-05-01.
ROSTER = "\n".join(
    [
        "code,full_name,birth_date,sex,ethnicity,party_status,education,theory_level,position,tier,sector",
        "E01,Nguyễn Thị Hoa,20/04/1984,Nữ,Kinh,Chính thức,Đại học,Sơ cấp,Phó Chủ tịch HĐND,Xã,Chính quyền",
        "E02,Trần Văn Hùng,11/11/1994,Nam,Kinh,Dự bị,Cao đẳng,,Phó Trưởng phòng,Huyện,Chính quyền",
        "E03,Y Bhim Niê,05/09/1986,Nam,Ê Đê,Chính thức,THPT,Sơ cấp,Phó Bí thư Đoàn thanh niên,Xã,"
        "Mặt trận - Đoàn thể",
        "E04,Lê Văn Tâm,01/03/1979,Nam,Kinh,,Đại học,,Phó Trưởng phòng,Tỉnh,Chính quyền",
        "",
    ]
).encode()
EXPECTED = {
    "E01": (True, "tap_trung;khong_tap_trung"),
    "E02": (True, "tap_trung"),
    "E03": (True, "tap_trung;khong_tap_trung"),
    "E04": (False, ""),
}


@pytest.fixture
def hoa(seeded, tree, make_cadre):
    cadre = make_cadre(tree["new_commune"], "Nguyễn Thị Hoa", sex="nu", birth_date=dt.date(1984, 4, 20),
                       party_status="chinh_thuc", education="dai_hoc")  # fmt: skip
    Assignment.objects.create(cadre=cadre, post=Post.objects.get(code="xa_hdnd_pho_chu_tich"),
                              valid_from=dt.date(2020, 1, 1))  # fmt: skip
    return cadre


def test_a_cadres_decisions_carry_the_same_reasons_as_the_page(client, hoa, tree, make_user):
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    response = client.get(f"/api/eligibility/cadres/{hoa.pk}", {"on": "2024-05-01"})
    assert response.status_code == 200
    body = response.json()
    assert [d["level"] for d in body["decisions"]] == ["so_cap", "trung_cap", "cao_cap"]
    trung_cap = body["decisions"][1]
    decision = decide_for_cadre(hoa, "trung_cap", dt.date(2024, 5, 1))
    assert trung_cap["eligible"] is True and trung_cap["modes"] == ["tap_trung", "khong_tap_trung"]
    assert trung_cap["regulation"] == "57-QĐ/TW" and trung_cap["institution"] == "truong_chinh_tri_tinh"
    assert [r["text"] for r in trung_cap["reasons"]] == [r.text for r in decision.reasons]
    assert [r["citation"] for r in trung_cap["reasons"]] == [str(r.citation) for r in decision.reasons]
    panel = client.get(f"/eligibility/cadres/{hoa.pk}/panel/", {"on": "2024-05-01"}).content.decode()
    assert all(r["text"] in panel for d in body["decisions"] for r in d["reasons"])

    one = client.get(f"/api/eligibility/cadres/{hoa.pk}", {"on": "2025-09-01", "level": "so_cap"}).json()
    assert [d["level"] for d in one["decisions"]] == ["so_cap"]
    assert one["decisions"][0]["offered"] is False and one["decisions"][0]["regulation"] == "350-QĐ/TW"


def test_a_cadre_outside_scope_answers_404(client, hoa, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["south"]))
    assert client.get(f"/api/eligibility/cadres/{hoa.pk}").status_code == 404
    client.logout()
    assert client.get(f"/api/eligibility/cadres/{hoa.pk}").status_code == 401


def test_an_uploaded_roster_is_screened_like_the_examples(client, seeded, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    response = client.post(
        "/api/eligibility/screen",
        {"file": _file(ROSTER, "roster.csv"), "on": "2024-05-01", "level": ["trung_cap"]},
    )
    assert response.status_code == 200, response.content
    rows = {row["code"]: row for row in response.json()["rows"]}
    assert {row["level"] for row in rows.values()} == {"trung_cap"}
    assert {code: (row["eligible"], row["modes"]) for code, row in rows.items()} == EXPECTED
    assert all(row["regulation"] == "57-QĐ/TW" for row in rows.values())
    assert "Đảng viên" in rows["E04"]["reasons"] or "đảng viên" in rows["E04"]["reasons"]


def test_an_unreadable_upload_is_refused_with_a_message(client, seeded, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    response = client.post(
        "/api/eligibility/screen", {"file": _file(b"not a roster", "x.csv"), "on": "2024-05-01"}
    )
    assert response.status_code == 422
    assert "x.csv" in response.json()["detail"]


def _file(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)
