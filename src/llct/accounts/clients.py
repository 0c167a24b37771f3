"""Who is asking: the client's address as the login throttle and the public verification's rate limit
both count it — REMOTE_ADDR, or behind a trusted reverse proxy (settings.TRUSTED_PROXIES, from
LLCT_TRUSTED_PROXIES) the last address X-Forwarded-For names that is not such a proxy."""

import ipaddress
import logging
from functools import cache as memoize

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
log = logging.getLogger(__name__)


@memoize
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in spec)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


@memoize
def _warn_untrusted_proxy(peer: str) -> None:
    """Once per peer and process: requests come through a proxy that LLCT_TRUSTED_PROXIES does not name."""
    log.warning(
        "requests from %s carry X-Forwarded-For but LLCT_TRUSTED_PROXIES is empty: every client behind that "
        "proxy shares one verification budget and one login lock; set LLCT_TRUSTED_PROXIES=%s if it is "
        "your reverse proxy",
        peer,
        peer,
    )


def client_ip(request) -> str:
    """The client's address ("unknown" for a request without one). X-Forwarded-For is written by whoever
    sends the request, so it is read only when the peer is a trusted proxy, from the right (the entries the
    proxies appended), skipping trusted proxies: the first other address is the client the outermost proxy
    saw."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        if not networks and "HTTP_X_FORWARDED_FOR" in request.META:
            _warn_untrusted_proxy(remote)
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # not written by a proxy of ours: fall back to the peer
    return hops[0] if hops else remote
