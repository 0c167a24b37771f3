"""How pages answer htmx: a fragment only to htmx's own swaps, the whole page to everything else (a
reload, a copied address, Back) — and every response says so (`Vary: HX-Request`), so a browser never
serves a cached fragment where a page was asked for."""

from django.http import HttpRequest
from django.utils.cache import patch_vary_headers


def partial(request: HttpRequest) -> bool:
    """Whether to answer with the fragment: an htmx request that is not restoring history."""
    return bool(request.htmx) and not request.htmx.history_restore_request


class VaryOnHtmxMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response
