from django.urls import path

from llct.credentials import views

app_name = "credentials"

urlpatterns = [
    path("", views.register_list, name="register_list"),
    path("so-goc/<int:pk>/", views.register_detail, name="register_detail"),
    path("van-bang/<int:pk>/", views.credential_detail, name="credential_detail"),
    path("van-bang/<int:pk>/pdf/", views.credential_pdf, name="credential_pdf"),
    path("van-bang/<int:pk>/thu-hoi/", views.revoke, name="revoke"),
    path("van-bang/<int:pk>/cap-lai/", views.reissue, name="reissue"),
    path("van-bang/<int:pk>/ban-sao/", views.certified_copy, name="certified_copy"),
    path("van-bang/<int:pk>/trao/", views.hand_over, name="hand_over"),
    path("van-bang/<int:pk>/bao-mat/", views.report_loss, name="report_loss"),
    path("van-bang/<int:pk>/phoi/", views.blank_record, name="blank_record"),
    path("phoi/", views.blank_stock_list, name="blank_stock_list"),
    path("phoi/nhap/", views.blank_stock_receive_view, name="blank_stock_receive"),
    path("phoi/<int:pk>/", views.blank_stock_detail, name="blank_stock_detail"),
    path("phoi/hong/<int:pk>/", views.blank_spoil_view, name="blank_spoil"),
    path("lop/<int:class_pk>/", views.class_detail, name="class_detail"),
    path("lop/<int:class_pk>/pdf/", views.class_pdf, name="class_pdf"),
    path("lop/<int:class_pk>/cap/", views.issue_class, name="issue_class"),
    path("hoc-vien/<int:enrolment_pk>/cap/", views.issue_one, name="issue_one"),
    path("dot-cap/<int:pk>/", views.job_progress, name="job_progress"),
    path("qua-han/", views.overdue, name="overdue"),
]
