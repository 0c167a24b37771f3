"""Public verification: what anyone may learn about a document from its serial or QR token, and the
per-client rate limit that keeps the register from being scraped.

The limit counts in the shared cache (settings.CACHES: the database, or Redis), so it holds across worker
processes and servers; the client is the one the login throttle counts too (llct.accounts.clients)."""

import os
import time

from django.core.cache import cache
from django.utils.translation import gettext as _

from llct.accounts.clients import client_ip
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


def rate_limit() -> int:
    return int(os.environ.get("LLCT_VERIFY_RATE_LIMIT", "30"))


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
