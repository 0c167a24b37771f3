from django.contrib import admin
from django.urls import include, path

from llct.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("llct.oversight.urls")),
    path("", include("llct.web.urls")),
]
