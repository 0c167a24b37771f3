from django.urls import path

from llct.credentials import public_views

app_name = "credentials_public"

urlpatterns = [
    path("", public_views.search, name="search"),
    path("<path:key>", public_views.verify, name="verify"),
]
