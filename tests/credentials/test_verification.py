"""Public verification: no login; only name, programme or level, institution, year and status; rate limit;
a clean not-found page."""

import pytest
from django.core.cache import cache

from llct.credentials.services import credential_issue, credential_revoke


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def credential(programmes, make_class, officer):
    klass = make_class(programmes["party_awareness"], 1, names=["Phạm Thị Kiểm Chứng"])
    return credential_issue(klass.enrolments.get(), officer)


def _personal(credential):
    holder = credential.holder
    return [
        holder.citizen_id,
        holder.birth_date.strftime("%d/%m/%Y"),
        holder.birth_date.isoformat(),
        "8,25",
        "8.25",
        "Giỏi",
    ]


@pytest.mark.parametrize("by", ["token", "serial"])
def test_page_shows_the_public_facts_only_without_login(client, credential, by):
    key = credential.token if by == "token" else credential.serial
    response = client.get(f"/verify/{key}")
    assert response.status_code == 200
    text = response.content.decode()
    for shown in [
        "Phạm Thị Kiểm Chứng",
        "Bồi dưỡng nhận thức về Đảng",
        "Trung tâm Chính trị xã Tiên Phong",
        "2026",
        "hợp lệ",
    ]:
        assert shown in text
    for hidden in _personal(credential):
        assert hidden not in text


def test_api_returns_the_public_facts_only(client, credential):
    response = client.get(f"/api/credentials/verify/{credential.serial}")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "serial",
        "holder",
        "programme",
        "level",
        "institution",
        "year",
        "status",
        "status_label",
    }
    assert (body["holder"], body["year"], body["status"]) == ("Phạm Thị Kiểm Chứng", credential.year, "valid")
    for hidden in _personal(credential):
        assert hidden not in response.content.decode()


def test_revoked_shows_revoked_everywhere(client, credential, officer):
    credential_revoke(credential, "gian_lan", "QĐ 9/QĐ-TTCT", officer)
    assert "KHÔNG còn giá trị" in client.get(f"/verify/{credential.token}").content.decode()
    assert client.get(f"/api/credentials/verify/{credential.token}").json()["status"] == "revoked"


def test_unknown_serial_is_a_clean_404(client, db):
    page = client.get("/verify/BS-TTCT1/GCN/2026/999999")
    assert page.status_code == 404
    assert "Không tìm thấy văn bằng, chứng chỉ" in page.content.decode()
    api = client.get("/api/credentials/verify/khong-co")
    assert api.status_code == 404 and "Không tìm thấy" in api.json()["detail"]


def test_search_form_redirects_to_the_serial(client, credential):
    response = client.get("/verify/", {"q": f"  {credential.serial} "})
    assert response.status_code == 302 and response.url == f"/verify/{credential.serial}"


def test_rate_limited_per_client_ip(client, credential, monkeypatch):
    monkeypatch.setenv("LLCT_VERIFY_RATE_LIMIT", "3")
    for _ in range(3):
        assert client.get(f"/verify/{credential.token}").status_code == 200
    blocked = client.get(f"/verify/{credential.token}")
    assert blocked.status_code == 429 and "quá nhiều lần" in blocked.content.decode()
    assert client.get(f"/api/credentials/verify/{credential.token}").status_code == 429
    # Another client is not affected.
    assert client.get(f"/verify/{credential.token}", REMOTE_ADDR="10.0.0.9").status_code == 200
