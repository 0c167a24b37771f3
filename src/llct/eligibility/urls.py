from django.urls import path

from . import views

app_name = "eligibility"

urlpatterns = [
    path("", views.eligible_cadre_list, name="eligible_cadres"),
    path("cadres/<int:cadre_id>/panel/", views.cadre_panel, name="cadre_panel"),
    path("cadres/<int:cadre_id>/special-case/", views.special_case_add, name="special_case_add"),
    path("versions/", views.version_list, name="version_list"),
    path("versions/new/", views.version_edit, name="version_add"),
    path("versions/<int:version_id>/", views.version_edit, name="version_edit"),
    path("provinces/", views.provincial_list, name="provincial_list"),
    path("provinces/new/", views.provincial_edit, name="provincial_add"),
    path("provinces/<int:regulation_id>/", views.provincial_edit, name="provincial_edit"),
]
