"""Public verification: what anyone may learn about a document from its serial or QR token, and the
per-client rate limit that keeps the register from being scraped."""

import os
import time

from django.core.cache import cache
from django.utils.translation import gettext as _

from llct.credentials.choices import CredentialStatus
from llct.registry.choices import TheoryLevel

# Requests per client IP per window. LLCT_VERIFY_RATE_LIMIT raises it (the throughput benchmark does).
WINDOW_SECONDS = 60


def rate_limit() -> int:
    return int(os.environ.get("LLCT_VERIFY_RATE_LIMIT", "30"))


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is client-controlled unless a known proxy sets it.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(request) -> bool:
    """Count this request against its client's window; True when the client went over the limit."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"llct:verify:{client_ip(request)}:{window}"
    if cache.add(key, 1, WINDOW_SECONDS + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS + 1)
            count = 1
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
    level = row["programme__level"]
    return {
        "serial": row["serial"],
        "holder": row["holder__full_name"],
        "programme": row["programme__name"],
        "level": str(TheoryLevel(level).label) if level else "",
        "institution": row["register__institution__name"],
        "year": row["year"],
        "status": "valid" if row["status"] == CredentialStatus.VALID else "revoked",
        "status_label": str(CredentialStatus(row["status"]).label),
    }
