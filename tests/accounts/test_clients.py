"""The client's address, as the login throttle and the verification rate limit both count it."""

import pytest

from llct.accounts.clients import client_ip as address


@pytest.mark.parametrize(
    "proxies, remote, forwarded, client_ip",
    [
        ([], "10.0.0.5", "203.0.113.7", "10.0.0.5"),  # no trusted proxy: the header is ignored
        (["10.0.0.5"], "198.51.100.1", "203.0.113.7", "198.51.100.1"),  # peer is not our proxy
        (["10.0.0.5"], "10.0.0.5", "203.0.113.7", "203.0.113.7"),
        (["10.0.0.0/8"], "10.0.0.5", "1.2.3.4, 203.0.113.7, 10.0.0.6", "203.0.113.7"),  # spoofed first entry
        (["10.0.0.5"], "10.0.0.5", "", "10.0.0.5"),
        (["10.0.0.5"], "10.0.0.5", "not-an-address", "10.0.0.5"),
    ],
)
def test_client_address_trusts_x_forwarded_for_only_from_configured_proxies(
    rf, settings, proxies, remote, forwarded, client_ip
):
    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/verify/x", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert address(request) == client_ip
