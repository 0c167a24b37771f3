from django.urls import path

from . import views

app_name = "roster"

urlpatterns = [
    path("import/", views.import_start, name="import_start"),
    path("import/mau.xlsx", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("import/<int:pk>/problems.xlsx", views.import_problems, name="import_problems"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/abandon/", views.import_abandon, name="import_abandon"),
    path("cadres/export.xlsx", views.cadre_export, name="cadre_export"),
]
