"""Public verification: what anyone may learn about a document from its serial or QR token, and the
per-client rate limit that keeps the register from being scraped.

The limit counts in the shared cache (settings.CACHES: the database, or Redis), so it holds across worker
processes and servers; the client is REMOTE_ADDR, or behind a trusted reverse proxy
(settings.TRUSTED_PROXIES) the last address X-Forwarded-For names that is not such a proxy."""

import ipaddress
import os
import time
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from llct.credentials.choices import CredentialStatus
from llct.registry.choices import TheoryLevel

# Requests per client per fixed window. LLCT_VERIFY_RATE_LIMIT raises it (the throughput benchmark does).
WINDOW_SECONDS = 60
# The columns verification reads: the public facts and nothing else (personal data never leaves the DB).
PUBLIC_COLUMNS = (
    "serial",
    "year",
    "status",
    "holder_name",
    "programme_name",
    "programme_level",
    "institution_name",
)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def rate_limit() -> int:
    return int(os.environ.get("LLCT_VERIFY_RATE_LIMIT", "30"))


@memoize
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(p, strict=False) for p in spec)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    """The client's address. X-Forwarded-For is written by whoever sends the request, so it is read only
    when the peer is a trusted proxy, from the right (the entries the proxies appended), skipping trusted
    proxies: the first other address is the client the outermost proxy saw."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # not written by a proxy of ours: fall back to the peer
    return hops[0] if hops else remote


def over_limit(request) -> bool:
    """Count this request in its client's fixed window; True when the client went over the limit.

    One cache increment per request (the window's key already exists after the first request); the
    first request of a window adds the key instead."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"verify:{client_ip(request)}:{window}"
    try:
        count = cache.incr(key)
    except ValueError:
        # The window's first request; when another worker added the key in between, count on it.
        count = 1 if cache.add(key, 1, WINDOW_SECONDS + 1) else cache.incr(key)
    return count > rate_limit()


def too_many_message() -> str:
    return _("Bạn tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau %(seconds)s giây.") % {
        "seconds": WINDOW_SECONDS
    }


def not_found_message(key: str) -> str:
    return _(
        "Không tìm thấy văn bằng, chứng chỉ có số hiệu hoặc mã “%(key)s”. "
        "Hãy kiểm tra lại số hiệu in trên văn bằng."
    ) % {"key": key[:80]}


def public_view(row: dict) -> dict:
    """The only facts verification shows: holder name, programme or level, institution, year, status."""
    level = row["programme_level"]
    return {
        "serial": row["serial"],
        "holder": row["holder_name"],
        "programme": row["programme_name"],
        "level": str(TheoryLevel(level).label) if level else "",
        "institution": row["institution_name"],
        "year": row["year"],
        "status": "valid" if row["status"] == CredentialStatus.VALID else "revoked",
        "status_label": str(CredentialStatus(row["status"]).label),
    }
