"""Public verification: what anyone may learn about a document from its QR token, or from its serial with
the holder's birth year or the verification code printed on it, and the per-client rate limits that keep
the register from being scraped or enumerated.

Serials stay as the register prints them (consecutive numbers), so the serial alone is not enough: a
lookup by serial also needs a proof, and every failed lookup counts in a second, stricter budget
(LLCT_VERIFY_FAILURE_LIMIT per FAILURE_WINDOW_SECONDS, default 10 per 10 minutes) besides the budget of
all requests (LLCT_VERIFY_RATE_LIMIT per minute, default 30).

The limits count in the shared cache (settings.CACHES: the database, or Redis), so they hold across worker
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
FAILURE_WINDOW_SECONDS = 600
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


def failure_limit() -> int:
    return int(os.environ.get("LLCT_VERIFY_FAILURE_LIMIT", "10"))


def _failure_key(request) -> str:
    return f"verify-failed:{client_ip(request)}:{int(time.time() // FAILURE_WINDOW_SECONDS)}"


def too_many_failures(request) -> bool:
    """Whether the client's failed lookups of this window reached the failure limit (read, not counted)."""
    return (cache.get(_failure_key(request)) or 0) >= failure_limit()


def failure_count(request) -> None:
    """Count a failed lookup (nothing found, or a wrong proof) against the client."""
    key = _failure_key(request)
    try:
        cache.incr(key)
    except ValueError:
        if not cache.add(key, 1, FAILURE_WINDOW_SECONDS + 1):
            cache.incr(key)


def verification_answer(request, key: str, proof: str) -> tuple[int, dict | str]:
    """The answer to a public lookup, for the page and the API alike: (200, the public facts), (400, what
    to add: a serial without proof, looked up nowhere), (404, not found: also for a wrong proof, so that a
    proof cannot be guessed apart from a serial) or (429, too many requests or failures)."""
    from llct.credentials.selectors import credential_by_key, credential_by_serial

    if over_limit(request) or too_many_failures(request):
        return 429, too_many_message()
    if "/" in key:
        if not proof.strip():
            return 400, proof_needed_message()
        credential = credential_by_serial(key, proof)
    else:
        credential = credential_by_key(key)
    if credential is None:
        failure_count(request)
        return 404, not_found_message(key)
    return 200, public_view(credential)


def proof_needed_message() -> str:
    return _(
        "Để tra cứu theo số hiệu, hãy nhập thêm năm sinh của người được cấp hoặc mã xác minh in trên văn "
        "bằng, chứng chỉ (phần cuối của đường dẫn tra cứu). Quét mã QR trên văn bằng thì không cần."
    )


def too_many_message() -> str:
    return _("Bạn tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau %(seconds)s giây.") % {
        "seconds": WINDOW_SECONDS
    }


def not_found_message(key: str) -> str:
    return _(
        "Không tìm thấy văn bằng, chứng chỉ có số hiệu hoặc mã “%(key)s” (với năm sinh hoặc mã xác minh "
        "đã nhập). Hãy kiểm tra lại số hiệu và năm sinh in trên văn bằng."
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
