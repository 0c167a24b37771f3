"""Public verification: no login; only name, programme or level, institution, year and status; a minimal
page (no cookie, no session); a clean not-found page; the per-client rate limit in the shared cache."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from llct.credentials.models import Credential
from llct.credentials.services import credential_issue, credential_revoke


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def credential(programmes, make_class, officer):
    klass = make_class(programmes["party_awareness"], 1, names=["Phạm Thị Kiểm Chứng"])
    return credential_issue(klass.enrolments.get(), officer)


@pytest.fixture
def other(programmes, make_class, officer, make_cadre, tree):
    """A second document with its own personal data and numbers, which must never show on the first's page."""
    cadre = make_cadre(
        tree["new_commune"], "Lò Văn Khác", citizen_id="036090001234", birth_date=dt.date(1990, 2, 3)
    )
    klass = make_class(programmes["party_awareness"], 1)
    enrolment = klass.enrolments.get()
    enrolment.cadre = cadre
    enrolment.save()
    klass.recognition.enrolments.set([enrolment])
    return credential_issue(enrolment, officer)


def _personal(credential):
    holder = credential.holder
    return [
        holder.citizen_id,
        holder.birth_date.strftime("%d/%m/%Y"),
        holder.birth_date.isoformat(),
        "8,25",
        "8.25",
        "Giỏi",
        credential.recognition.number,
        credential.token,
    ]


@pytest.mark.parametrize("by", ["token", "serial", "lower-case serial"])
def test_page_shows_the_public_facts_only_without_login(client, credential, other, by):
    key = {
        "token": credential.token,
        "serial": credential.serial,
        "lower-case serial": credential.serial.lower(),
    }
    response = client.get(f"/verify/{key[by]}", {"proof": "1985"} if "serial" in by else {})
    assert response.status_code == 200
    text = response.content.decode()
    for shown in [
        credential.serial,
        "Phạm Thị Kiểm Chứng",
        "Bồi dưỡng nhận thức về Đảng",
        "Trung tâm Chính trị xã Tiên Phong",
        "2026",
        "hợp lệ",
    ]:
        assert shown in text
    for hidden in [
        *_personal(credential),
        *_personal(other),
        other.serial,
        "Lò Văn Khác",
        "hoc-vien",
        "000002",
    ]:
        assert hidden not in text


def test_old_lower_case_tokens_stay_valid(client, credential):
    Credential.objects.filter(pk=credential.pk).update(token="q3J_x-9aZkLmNoPqRsTuVw")
    assert client.get("/verify/q3J_x-9aZkLmNoPqRsTuVw").status_code == 200
    assert client.get("/verify/Q3J_X-9AZKLMNOPQRSTUVW").status_code == 404  # old tokens are case-sensitive
    assert client.get(f"/verify/{credential.token}").status_code == 404


def test_new_tokens_are_upper_case_alphanumeric_and_also_found_in_lower_case(client, credential):
    assert len(credential.token) == 16 and credential.token.isalnum() and credential.token.isupper()
    assert client.get(f"/verify/{credential.token.lower()}").status_code == 200


def test_public_page_is_minimal_but_looks_like_the_site_in_both_languages(client, credential):
    response = client.get(f"/verify/{credential.token}")
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    text = response.content.decode()
    assert "llct/llct.css" in text and 'class="topbar"' in text and "csrfmiddlewaretoken" not in text
    assert '<html lang="vi">' in text
    english = client.get(f"/verify/{credential.token}", {"lang": "en"})
    assert '<html lang="en">' in english.content.decode() and english["Content-Language"] == "en"
    assert client.get(f"/verify/{credential.token}", HTTP_ACCEPT_LANGUAGE="en").status_code == 200


def test_verification_is_one_lookup_besides_the_rate_limit_counter(client, credential):
    from django.test.utils import CaptureQueriesContext

    client.get(f"/verify/{credential.token}")  # the window's first request adds the counter
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/verify/{credential.token}")
    statements = [q["sql"] for q in queries.captured_queries]
    lookups = [sql for sql in statements if "credentials_credential" in sql]
    assert len(lookups) == 1 and "JOIN" not in lookups[0] and "citizen_id" not in lookups[0]
    # Everything else is the counter in the cache table: no session, no user, no other table.
    others = [
        sql for sql in statements if sql not in lookups and sql not in ("BEGIN", "BEGIN IMMEDIATE", "COMMIT")
    ]
    assert others and all(
        any(w in sql for w in ("llct_cache", "SAVEPOINT", "synchronous_commit")) for sql in others
    ), others


def test_api_returns_the_public_facts_only(client, credential, other):
    response = client.get(f"/api/credentials/verify/{credential.serial}", {"proof": credential.token})
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
    for hidden in [*_personal(credential), *_personal(other), other.serial]:
        assert hidden not in response.content.decode()


def test_revoked_shows_revoked_everywhere(client, credential, officer):
    credential_revoke(credential, "gian_lan", "QĐ 9/QĐ-TTCT", officer)
    assert "KHÔNG còn giá trị" in client.get(f"/verify/{credential.token}").content.decode()
    assert client.get(f"/api/credentials/verify/{credential.token}").json()["status"] == "revoked"


def test_unknown_serial_is_a_clean_404(client, db):
    page = client.get("/verify/BS-TTCT1/GCN/2026/999999", {"proof": "1985"})
    assert page.status_code == 404
    text = page.content.decode()
    assert "Không tìm thấy văn bằng, chứng chỉ" in text and 'class="topbar"' in text
    assert "Traceback" not in text and 'name="q"' in text  # the search form to try again
    api = client.get("/api/credentials/verify/khong-co")
    assert api.status_code == 404 and "Không tìm thấy" in api.json()["detail"]


def test_search_form_redirects_to_the_serial(client, credential):
    response = client.get("/verify/", {"q": f"  {credential.serial} "})
    assert response.status_code == 302 and response.url == f"/verify/{credential.serial}"
    english = client.get("/verify/", {"q": credential.serial, "proof": " 1985 ", "lang": "en"})
    assert english.url == f"/verify/{credential.serial}?proof=1985&lang=en"


def test_two_clients_have_independent_budgets_and_429_is_a_vietnamese_page(client, credential, monkeypatch):
    monkeypatch.setenv("LLCT_VERIFY_RATE_LIMIT", "3")
    for _ in range(3):
        assert client.get(f"/verify/{credential.token}").status_code == 200
    blocked = client.get(f"/verify/{credential.token}")
    assert blocked.status_code == 429
    assert "quá nhiều lần" in blocked.content.decode() and 'class="topbar"' in blocked.content.decode()
    api = client.get(f"/api/credentials/verify/{credential.token}")
    assert api.status_code == 429 and "quá nhiều lần" in api.json()["detail"]
    # Another client is not affected, and has its own budget of 3.
    for _ in range(3):
        assert client.get(f"/verify/{credential.token}", REMOTE_ADDR="10.0.0.9").status_code == 200
    assert client.get(f"/verify/{credential.token}", REMOTE_ADDR="10.0.0.9").status_code == 429


def test_limit_is_kept_in_the_shared_database_cache(credential, monkeypatch):
    """Two clients of the site (as two worker processes would be) count against the same budget, because
    the counter lives in the database's cache table, not in a process's memory."""
    monkeypatch.setenv("LLCT_VERIFY_RATE_LIMIT", "4")
    first, second = Client(), Client()
    assert [first.get(f"/verify/{credential.token}").status_code for _ in range(2)] == [200, 200]
    assert [second.get(f"/verify/{credential.token}").status_code for _ in range(3)] == [200, 200, 429]
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM llct_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("verify:127.0.0.1:" in key for key in keys)


def test_clients_behind_a_trusted_proxy_have_their_own_budgets(client, credential, settings, monkeypatch):
    monkeypatch.setenv("LLCT_VERIFY_RATE_LIMIT", "2")
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for ip in ["203.0.113.7", "203.0.113.8"]:
        codes = [
            client.get(f"/verify/{credential.token}", HTTP_X_FORWARDED_FOR=ip).status_code for _ in range(3)
        ]
        assert codes == [200, 200, 429]


def test_verification_shows_the_facts_as_entered_in_the_register(client, credential):
    """The register records the holder's name as issued; a later correction in the registry does not
    change what the document (and so its verification) says."""
    holder = credential.holder
    holder.full_name = "Phạm Thị Đổi Tên"
    holder.save()
    text = client.get(f"/verify/{credential.token}").content.decode()
    assert "Phạm Thị Kiểm Chứng" in text and "Đổi Tên" not in text


def test_the_page_puts_each_documents_own_facts_escaped_in_the_verdict(client, credential, officer):
    """The verdict is rendered once per shape and filled per request: two documents of the same shape each
    show their own facts, HTML in a fact is shown as text, and a revoked one changes shape."""
    from django.template import loader

    from llct.credentials.verification import public_view

    Credential.objects.filter(pk=credential.pk).update(holder_name="Lê <b>Văn</b> & Cộng")
    first = client.get(f"/verify/{credential.token}").content.decode()
    assert "Lê &lt;b&gt;Văn&lt;/b&gt; &amp; Cộng" in first and "<b>Văn" not in first
    assert credential.serial in first

    row = Credential.objects.filter(pk=credential.pk).values(
        "serial", "programme_level", "programme_name", "institution_name", "year", "status"
    ).get() | {"holder_name": "Lê <b>Văn</b> & Cộng"}
    content = loader.get_template("credentials/verify.html").render({"facts": public_view(row), "lang": ""})
    assert content in first  # what the template itself renders for these facts

    credential_revoke(Credential.objects.get(pk=credential.pk), "gian_lan", "QĐ 1/QĐ", officer)
    revoked = client.get(f"/verify/{credential.token}").content.decode()
    assert "KHÔNG còn giá trị" in revoked and "Lê &lt;b&gt;Văn&lt;/b&gt; &amp; Cộng" in revoked


def test_the_verdict_is_a_mark_readable_without_colour(client, credential, officer):
    """Issue 7, defect 11: valid or not is a sign and a word in a coloured box, not only a sentence."""
    valid = client.get(f"/verify/{credential.token}").content.decode()
    assert 'class="verdict status-valid"' in valid and "✔" in valid and "HỢP LỆ" in valid
    credential_revoke(credential, "gian_lan", "QĐ 9/QĐ-TTCT", officer)
    revoked = client.get(f"/verify/{credential.token}").content.decode()
    assert "✘" in revoked and "KHÔNG CÒN GIÁ TRỊ" in revoked and "status-valid" not in revoked
    client.force_login(officer)
    detail = client.get(f"/credentials/van-bang/{credential.pk}/").content.decode()
    assert 'id="credential-status"' in detail and "✘" in detail and 'class="facts"' in detail
