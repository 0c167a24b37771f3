from django.urls import path

from llct.registry import views

app_name = "registry"

urlpatterns = [
    path("cadres/", views.cadre_list, name="cadre_list"),
    path("cadres/new/", views.cadre_create, name="cadre_create"),
    path("cadres/<int:pk>/", views.cadre_detail, name="cadre_detail"),
    path("cadres/<int:pk>/edit/", views.cadre_edit, name="cadre_edit"),
    path("cadres/<int:pk>/assignments/new/", views.assignment_add, name="assignment_add"),
    path("cadres/<int:pk>/assignments/<int:assignment_pk>/end/", views.assignment_end, name="assignment_end"),
    path("cadres/<int:pk>/planning/new/", views.planning_add, name="planning_add"),
    path("cadres/<int:pk>/planning/<int:entry_pk>/end/", views.planning_end, name="planning_end"),
    path("cadres/<int:pk>/ratings/new/", views.rating_add, name="rating_add"),
    path("units/", views.unit_tree, name="unit_tree"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("posts/", views.post_list, name="post_list"),
    path("posts/new/", views.post_create, name="post_create"),
    path("posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
]
