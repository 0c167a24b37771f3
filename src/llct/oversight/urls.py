from django.urls import include, path

urlpatterns = [
    path("statistics/", include("llct.oversight.statistics.urls")),
    path("inspection/", include("llct.oversight.inspection.urls")),
    path("audit/", include("llct.oversight.trail.urls")),
]
