"""The application's URLs plus a trivial view, so both run behind the same middleware on the same server."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-trivial/", trivial), path("", include("llct.urls"))]
