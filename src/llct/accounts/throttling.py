"""Login throttling (django-axes) with two limits: AXES_FAILURE_LIMIT failures for one user name from one
address lock that pair, and LLCT_LOGIN_ADDRESS_FAILURE_LIMIT (higher) failures from one address, whatever
user names it tries, lock the address — one guesser trying many accounts.

Axes counts each group of AXES_LOCKOUT_PARAMETERS ([["username", "ip_address"], "ip_address"]) but
compares the largest count with a single limit, so this handler scales the address's count onto the
pair's limit: floor(address × pair limit / address limit) reaches the pair limit exactly when the address
reaches its own. A successful login clears only its own pair's failures: with the address group cleared
too, a guesser holding one valid account could reset the address limit at will."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum

from llct.accounts.clients import client_ip


def login_client_ip(request) -> str | None:
    """The client address for axes (AXES_CLIENT_IP_CALLABLE): `client_ip`, the one the verification rate
    limit counts too (X-Forwarded-For only from LLCT_TRUSTED_PROXIES), but None instead of its "unknown"
    for a request without an address (force_login, scripts): axes stores addresses in an IP-address
    column."""
    address = client_ip(request)
    return None if address == "unknown" else address


class PairAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit = get_failure_limit(request, credentials)
        return max(pair, address * limit // settings.LLCT_LOGIN_ADDRESS_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count
