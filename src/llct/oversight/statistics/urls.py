from django.urls import path

from . import views

app_name = "statistics"
urlpatterns = [
    path("", views.statistics_page, name="page"),
    path("thong-ke.csv", views.statistics_csv, name="csv"),
    path("ho-so/", views.records, name="records"),
    path("bao-cao/", views.report_download, name="report"),
    path("hoi-nghi/", views.briefing_list, name="briefing_list"),
    path("hoi-nghi/ghi/", views.briefing_new, name="briefing_new"),
    path("hoi-nghi/<int:pk>/", views.briefing_detail, name="briefing_detail"),
]
