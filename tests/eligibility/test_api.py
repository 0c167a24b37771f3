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
    assert [r["citation"]["text"] for r in trung_cap["reasons"]] == [
        str(r.citation) for r in decision.reasons
    ]
    subject, *standards, modes = trung_cap["reasons"]
    assert subject == {
        "condition": "subject", "met": True, "value": "Phó Chủ tịch HĐND xã",
        "threshold": subject["threshold"], "assumption": False, "shown": True, "text": subject["text"],
        "item": "chu_chot_xa",
        "citation": {"document": "QĐ 57-QĐ/TW", "chapter": "", "article": "5", "clause": "1",
                     "subclause": "1.1", "point": "a",
                     "text": "Điều 5, khoản 1, tiết 1.1, điểm a, QĐ 57-QĐ/TW"},
    }  # fmt: skip
    assert subject["threshold"].startswith("cấp ủy viên cấp xã")
    assert [(r["condition"], r["met"], r["shown"]) for r in standards] == [
        ("party_status", True, False),
        ("education", True, False),
    ]
    assert standards[1]["value"] == "Đại học" and standards[1]["threshold"] == "Cao đẳng trở lên"
    assert (modes["value"], modes["threshold"], modes["met"]) == ("Nữ, 40 tuổi", "Nữ từ 33 tuổi", True)
    assert trung_cap["status"] == "eligible"
    panel = client.get(f"/eligibility/cadres/{hoa.pk}/panel/", {"on": "01/05/2024"}).content.decode()
    assert all(r["text"] in panel for d in body["decisions"] for r in d["reasons"])
    assert 'value="01/05/2024"' in panel  # typed and shown dd/mm/yyyy

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
    body = response.json()
    rows = {row["code"]: row for row in body["rows"]}
    assert {row["level"] for row in rows.values()} == {"trung_cap"}
    assert {code: (row["eligible"], row["modes"]) for code, row in rows.items()} == EXPECTED
    assert all(row["regulation"] == "57-QĐ/TW" for row in rows.values())
    # The reasons as data: the same sentences as the summary (the export's column), each with its parts.
    for row in rows.values():
        assert " | ".join(r["text"] for r in row["reasons"]) == row["summary"]
        assert all(r["shown"] and r["citation"]["text"] in r["text"] for r in row["reasons"])
    (party,) = [r for r in rows["E04"]["reasons"] if r["condition"] == "party_status"]
    assert party == {
        "condition": "party_status", "met": False, "value": "chưa là đảng viên",
        "threshold": "dự bị hoặc chính thức", "assumption": False, "shown": True, "item": "dang_vien",
        "citation": {"document": "QĐ 57-QĐ/TW", "chapter": "", "article": "5", "clause": "2",
                     "subclause": "", "point": "", "text": "Điều 5, khoản 2, QĐ 57-QĐ/TW"},
        "text": (
            "Đảng viên: chưa là đảng viên, yêu cầu dự bị hoặc chính thức: không đạt — Điều 5, khoản 2, "
            "QĐ 57-QĐ/TW"
        ),
    }  # fmt: skip
    mode = rows["E02"]["reasons"][-1]
    assert (mode["condition"], mode["value"], mode["threshold"]) == (
        "modes",
        "Nam, 29 tuổi",
        "Nam từ 35 tuổi",
    )
    assert body["counts"] == [
        {
            "level": "trung_cap",
            "eligible": 3,
            "not_eligible": 1,
            "not_offered": 0,
            "not_judged": 0,
            "total": 4,
        }
    ]
    assert body["unmatched"] == []


def test_an_upload_reports_counts_not_offered_and_unmatched_titles(client, seeded, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    roster = (
        ROSTER
        + (
            "E09,Ngô Văn Xa,01/01/1980,Nam,Kinh,Chính thức,Đại học,,Chủ tịch Hội Khuyến học,Xã,Chính quyền\n"
            "E10,Vũ Văn Bình,01/01/1980,Nam,Kinh,Chính thức,Đại học,,Phó Trưởng phòng,Tỉnh,\n"
        ).encode()
    )
    body = client.post("/api/eligibility/screen", {"file": _file(roster, "r.csv"), "on": "2026-06-01"}).json()
    counts = {c["level"]: c for c in body["counts"]}
    assert [c["level"] for c in body["counts"]] == ["so_cap", "trung_cap", "cao_cap"]
    assert counts["so_cap"] == {"level": "so_cap", "eligible": 0, "not_eligible": 0, "not_offered": 6,
                                "not_judged": 0, "total": 6}  # fmt: skip
    assert counts["trung_cap"]["not_judged"] == 2 and counts["trung_cap"]["total"] == 6
    unmatched = {u["title"]: u for u in body["unmatched"]}
    assert unmatched["Chủ tịch Hội Khuyến học"]["problem"] == "unknown"
    assert unmatched["Chủ tịch Hội Khuyến học"]["rows"] == [6]
    assert unmatched["Chủ tịch Hội Khuyến học"]["posts"]  # the closest posts
    ambiguous = unmatched["Phó Trưởng phòng"]
    assert ambiguous["problem"] == "ambiguous" and ambiguous["rows"] == [7]
    assert {"tinh_pho_truong_phong", "tinh_dang_pho_truong_phong"} <= {p["code"] for p in ambiguous["posts"]}
    assert all(p["tier"] == "tinh" for p in ambiguous["posts"])
    (so_cap,) = [r for r in body["rows"] if r["code"] == "E01" and r["level"] == "so_cap"]
    assert so_cap["status"] == "not_offered" and so_cap["reasons"][0]["condition"] == "offered"


def test_the_openapi_schema_describes_the_reasons_as_objects(client, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    reason = schema["ReasonOut"]["properties"]
    assert set(reason) == {
        "condition",
        "met",
        "value",
        "threshold",
        "citation",
        "assumption",
        "shown",
        "item",
        "text",
    }
    assert reason["citation"]["$ref"].endswith("/CitationOut")
    assert set(schema["CitationOut"]["properties"]) == {
        "document",
        "chapter",
        "article",
        "clause",
        "subclause",
        "point",
        "text",
    }
    assert schema["ScreenRowOut"]["properties"]["reasons"]["items"]["$ref"].endswith("/ReasonOut")
    assert {"counts", "unmatched", "rows", "problems"} <= set(schema["ScreenOut"]["properties"])
    assert set(schema["LevelCountsOut"]["properties"]) == {
        "level", "eligible", "not_eligible", "not_offered", "not_judged", "total",
    }  # fmt: skip
    assert schema["DecisionOut"]["properties"]["reasons"]["items"]["$ref"].endswith("/ReasonOut")


def test_broken_stored_rules_answer_503_with_the_problem(client, seeded, hoa, tree, make_user):
    renamed = Post.objects.get(code="xa_ca_truong")
    renamed.code = "xa_ca_truong_moi"
    renamed.save()
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    response = client.get(f"/api/eligibility/cadres/{hoa.pk}", {"on": "2026-06-01"})
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert "350-QĐ/TW: levels → cao_cap → subjects → 5 (cong_an_xa) → posts: chức vụ 'xa_ca_truong'" in detail
    upload = client.post("/api/eligibility/screen", {"file": _file(ROSTER, "r.csv"), "on": "2026-06-01"})
    assert upload.status_code == 503


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
