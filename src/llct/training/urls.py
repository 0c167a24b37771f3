from django.urls import path

from .views import assessment, attendance, classes, lecturers, nominations, plans, printing, programmes

app_name = "training"

urlpatterns = [
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("nominations/", nominations.nomination_list, name="nomination_list"),
    path("nominations/cadres/", nominations.cadre_lookup, name="cadre_lookup"),
    path("nominations/bulk/", nominations.nominations_bulk, name="nominations_bulk"),
    path("nominations/steps/", nominations.nominations_step, name="nominations_step"),
    path("nominations/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("classes/", classes.class_list, name="class_list"),
    path("classes/<int:pk>/", classes.class_detail, name="class_detail"),
    path(
        "classes/<int:pk>/sessions/<int:session_pk>/attendance/",
        attendance.session_attendance,
        name="attendance",
    ),
    path("classes/<int:pk>/essays/<int:enrolment_pk>/", assessment.essay_mark, name="essay_mark"),
    path("classes/<int:pk>/learners/<int:enrolment_pk>/", assessment.learner_action, name="learner_action"),
    path("classes/<int:pk>/assess/", assessment.class_assess, name="class_assess"),
    path("classes/<int:pk>/print/<slug:sheet>/", printing.class_print, name="class_print"),
    path("classes/<int:pk>/marks/", assessment.exam_marks, name="exam_marks"),
    path("classes/<int:pk>/recognition.pdf", assessment.recognition_download, name="recognition_pdf"),
    path("lecturers/", lecturers.lecturer_list, name="lecturer_list"),
    path("lecturers/new/", lecturers.lecturer_create, name="lecturer_create"),
    path("lecturers/<int:pk>/edit/", lecturers.lecturer_edit, name="lecturer_edit"),
]
