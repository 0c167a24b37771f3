from django.contrib.auth import views as auth_views
from django.urls import include, path

from llct.web import views

urlpatterns = [
    # First: the public verification is the most requested URL, and resolving walks the list in order.
    path("verify/", include("llct.credentials.public_urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("help/", views.help_page, name="help"),
    path("", include("llct.registry.urls")),
    path("credentials/", include("llct.credentials.urls")),
    path("roster/", include("llct.registry.roster_import.urls")),
    path("eligibility/", include("llct.eligibility.urls")),
    path("training/", include("llct.training.urls")),
]
