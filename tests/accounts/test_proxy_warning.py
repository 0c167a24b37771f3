"""Without LLCT_TRUSTED_PROXIES behind a proxy the server warns (issue 12, item 9): at start-up in
production, and on the first request that came through an unnamed proxy."""

import logging

from django.test import RequestFactory

from llct.accounts.checks import trusted_proxies_check
from llct.accounts.clients import client_ip


def test_production_without_trusted_proxies_warns_at_start_up(settings):
    settings.PRODUCTION, settings.TRUSTED_PROXIES = True, []
    assert [w.id for w in trusted_proxies_check(None)] == ["llct.W001"]
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert trusted_proxies_check(None) == []


def test_a_request_through_an_unnamed_proxy_is_logged(settings, caplog):
    settings.TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="10.9.8.7", HTTP_X_FORWARDED_FOR="203.0.113.5")
    with caplog.at_level(logging.WARNING, logger="llct.accounts.clients"):
        assert client_ip(request) == "10.9.8.7"
    assert "LLCT_TRUSTED_PROXIES=10.9.8.7" in caplog.text
