"""Start-up checks of the client address (llct.accounts.clients): behind a reverse proxy without
LLCT_TRUSTED_PROXIES every request seems to come from the proxy, so one counter serves everyone — the
verification limit and the login lock of one user become a denial of service for all."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=False)
def trusted_proxies_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """In production, warn when no trusted proxy is configured (the usual deployment has one)."""
    if not getattr(settings, "PRODUCTION", False) or settings.TRUSTED_PROXIES:
        return []
    return [
        checks.Warning(
            "LLCT_TRUSTED_PROXIES is empty: behind a reverse proxy every client is counted as the proxy, "
            "so one verification budget and one login lock serve everyone.",
            hint="Set LLCT_TRUSTED_PROXIES to the proxy's address (e.g. 127.0.0.1), or ignore this warning "
            "when clients reach the server directly.",
            id="llct.W001",
        )
    ]
