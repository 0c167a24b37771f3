from django.urls import path

from .views import findings, plans, runs, standards

app_name = "inspection"
urlpatterns = [
    path("", runs.overview, name="overview"),
    path("runs/", runs.run_list, name="run_list"),
    path("runs/<int:pk>/", runs.run_detail, name="run_detail"),
    path("runs/<int:pk>/progress/", runs.run_progress, name="run_progress"),
    path("runs/<int:pk>/export/", runs.run_export, name="run_export"),
    path("findings/", findings.finding_list, name="finding_list"),
    path("findings/export/", findings.finding_export, name="finding_export"),
    path("findings/<int:pk>/", findings.finding_detail, name="finding_detail"),
    path("attachments/<int:pk>/", findings.attachment, name="attachment"),
    path("cadres/<int:cadre_id>/standards/", standards.cadre_standards, name="cadre_standards"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/conclusion.pdf", plans.conclusion_pdf, name="conclusion_pdf"),
    path("plans/<int:pk>/conclusion.xlsx", plans.conclusion_xlsx, name="conclusion_xlsx"),
]
