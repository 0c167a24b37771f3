"""Login throttling behind a reverse proxy: the client address is the one the trusted proxy names, the
(user name, address) pair locks after AXES_FAILURE_LIMIT failures, one address trying many user names
locks after LLCT_LOGIN_ADDRESS_FAILURE_LIMIT, and failures during a lockout do not extend it."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from llct.accounts.models import Role
from tests.conftest import PASSWORD

PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.AXES_FAILURE_LIMIT = 3
    settings.LLCT_LOGIN_ADDRESS_FAILURE_LIMIT = 6


def login(client, username, password, client_address):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def locked(response) -> bool:
    return response.status_code in (403, 429)


def test_each_client_behind_the_proxy_has_its_own_count(client, tree, make_user):
    officer = make_user(Role.ORG_BOARD, tree["north"], username="can-bo")
    for _ in range(3):
        login(client, "can-bo", "sai", "203.0.113.5")
    assert locked(login(client, "can-bo", PASSWORD, "203.0.113.5"))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    response = login(client, "can-bo", PASSWORD, "198.51.100.7")  # another office, not the guesser
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(officer.pk)


def test_one_address_trying_many_user_names_is_locked_at_the_higher_limit(client, tree, make_user):
    make_user(Role.ORG_BOARD, tree["north"], username="nguoi-that")
    for i in range(5):
        assert not locked(login(client, f"doan-{i}", "sai", "203.0.113.9"))
    assert locked(login(client, "doan-5", "sai", "203.0.113.9"))  # the sixth failure from the address
    assert locked(login(client, "nguoi-that", PASSWORD, "203.0.113.9"))
    assert login(client, "nguoi-that", PASSWORD, "198.51.100.7").status_code == 302


def test_a_success_clears_only_its_own_pair(client, tree, make_user):
    make_user(Role.ORG_BOARD, tree["north"], username="nguoi-that")
    for i in range(4):
        login(client, f"doan-{i}", "sai", "203.0.113.9")
    login(client, "nguoi-that", "sai", "203.0.113.9")
    assert login(client, "nguoi-that", PASSWORD, "203.0.113.9").status_code == 302
    client.logout()
    # The guesser's four failures still count for the address: two more reach its limit of six.
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {f"doan-{i}" for i in range(4)}
    assert not locked(login(client, "doan-8", "sai", "203.0.113.9"))
    assert locked(login(client, "doan-9", "sai", "203.0.113.9"))


def test_failures_during_a_lockout_do_not_extend_it(client, tree, make_user):
    make_user(Role.ORG_BOARD, tree["north"], username="can-bo")
    for _ in range(3):
        login(client, "can-bo", "sai", "203.0.113.5")
    attempt = AccessAttempt.objects.get(username="can-bo")
    for _ in range(3):
        assert locked(login(client, "can-bo", "sai", "203.0.113.5"))
    again = AccessAttempt.objects.get(username="can-bo")
    assert (again.failures_since_start, again.attempt_time) == (3, attempt.attempt_time)


def test_forwarded_for_from_an_untrusted_peer_is_ignored(client, tree, make_user):
    make_user(Role.ORG_BOARD, tree["north"], username="can-bo")
    client.post(
        reverse("login"),
        {"username": "can-bo", "password": "sai"},
        REMOTE_ADDR="192.0.2.44",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["192.0.2.44"]
