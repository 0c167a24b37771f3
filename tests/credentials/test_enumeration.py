"""Public verification resists enumeration (issue 12, item 9): a serial alone is not enough, a wrong proof
looks exactly like an unknown serial, and failures count against the client more strictly than
successes. The QR link (the token) needs nothing."""

import pytest
from django.core.cache import cache

from llct.credentials.services import credential_issue


@pytest.fixture
def credential(programmes, make_class, officer):
    cache.clear()
    klass = make_class(programmes["party_awareness"], 1, names=["Phạm Thị Kiểm Chứng"])
    return credential_issue(klass.enrolments.get(), officer)  # born 17/05/1985


def _unknown(serial: str) -> str:
    return serial[:-6] + "999999"


def _text(response) -> str:
    return (
        response.json()["detail"]
        if response["Content-Type"].startswith("application/json")
        else (response.content.decode())
    )


@pytest.mark.parametrize("url", ["/verify/{}", "/api/credentials/verify/{}"])
def test_a_serial_alone_asks_for_a_proof_whether_it_exists_or_not(url, client, credential):
    real = client.get(url.format(credential.serial))
    unknown = client.get(url.format(_unknown(credential.serial)))
    assert real.status_code == unknown.status_code == 400
    assert "năm sinh" in _text(real)
    assert "Phạm Thị" not in _text(real)
    assert _text(real).replace(credential.serial, "") == _text(unknown).replace(
        _unknown(credential.serial), ""
    )


@pytest.mark.parametrize("url", ["/verify/{}", "/api/credentials/verify/{}"])
def test_a_wrong_proof_looks_like_an_unknown_serial(url, client, credential):
    wrong = client.get(url.format(credential.serial), {"proof": "1986"})
    unknown = client.get(url.format(_unknown(credential.serial)), {"proof": "1985"})
    assert wrong.status_code == unknown.status_code == 404
    assert _text(wrong).replace(credential.serial, "") == _text(unknown).replace(
        _unknown(credential.serial), ""
    )


@pytest.mark.parametrize("proof", ["1985", " 1985 ", "{token}", "{token_lower}"])
def test_the_birth_year_or_the_printed_code_opens_the_serial(proof, client, credential):
    proof = proof.format(token=credential.token, token_lower=credential.token.lower())
    response = client.get(f"/verify/{credential.serial.lower()}", {"proof": proof})
    assert response.status_code == 200 and "Phạm Thị Kiểm Chứng" in response.content.decode()


def test_the_qr_link_needs_nothing(client, credential):
    assert client.get(f"/verify/{credential.token}").status_code == 200


def test_failures_are_counted_more_strictly_than_successes(client, credential, monkeypatch):
    monkeypatch.setenv("LLCT_VERIFY_FAILURE_LIMIT", "3")
    for _ in range(10):  # successes spend only the budget of all requests (30 a minute)
        assert client.get(f"/verify/{credential.token}").status_code == 200
    for year in ("1980", "1981", "1982"):
        assert client.get(f"/verify/{credential.serial}", {"proof": year}).status_code == 404
    assert client.get(f"/verify/{credential.token}").status_code == 429  # even a right one, for a while
    assert client.get(f"/verify/{credential.token}", REMOTE_ADDR="10.0.0.7").status_code == 200
