"""A NUL character in a request's parameters is refused (400) before any view runs: no stored text holds
one, and PostgreSQL refuses it in a query, which would otherwise answer 500."""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        texts = [request.path, *(t for key, values in request.GET.lists() for t in (key, *values))]
        if any("\x00" in text for text in texts):
            return HttpResponseBadRequest(_("Yêu cầu chứa ký tự NUL (mã 0), không hợp lệ."))
        return self.get_response(request)
