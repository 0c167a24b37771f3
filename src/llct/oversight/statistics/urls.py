from django.urls import path

from . import views

app_name = "statistics"
urlpatterns = [
    path("", views.statistics_page, name="page"),
    path("thong-ke.csv", views.statistics_csv, name="csv"),
    path("tong-quan/", views.dashboard_fragment, name="dashboard_panel"),
    path("ho-so/", views.records, name="records"),
    path("bao-cao/", views.report_download, name="report"),
    path("bao-cao/lap/", views.report_start, name="report_start"),
    path("bao-cao/<int:pk>/", views.report_job, name="report_job"),
    path("bao-cao/<int:pk>/tien-do/", views.report_job_status, name="report_job_status"),
    path("bao-cao/<int:pk>/tep/", views.report_job_file, name="report_job_file"),
    path("hoi-nghi/", views.briefing_list, name="briefing_list"),
    path("hoi-nghi/ghi/", views.briefing_new, name="briefing_new"),
    path("hoi-nghi/<int:pk>/", views.briefing_detail, name="briefing_detail"),
]
