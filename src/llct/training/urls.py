from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("nominations/", views.nomination_list, name="nomination_list"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination_detail"),
    path("classes/", views.class_list, name="class_list"),
    path("classes/<int:pk>/", views.class_detail, name="class_detail"),
    path(
        "classes/<int:pk>/sessions/<int:session_pk>/attendance/", views.session_attendance, name="attendance"
    ),
    path("classes/<int:pk>/essays/<int:enrolment_pk>/", views.essay_mark, name="essay_mark"),
    path("classes/<int:pk>/learners/<int:enrolment_pk>/", views.learner_action, name="learner_action"),
    path("classes/<int:pk>/recognition.pdf", views.recognition_download, name="recognition_pdf"),
    path("lecturers/", views.lecturer_list, name="lecturer_list"),
]
