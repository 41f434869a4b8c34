"""Public and citizen URLs of feedback (namespace "feedback"), mounted at /feedback/."""

from django.urls import path

from egov.feedback import views, views_scan

app_name = "feedback"
urlpatterns = [
    path("", views.answer_list, name="answer-list"),
    path("answers/<int:pk>/", views.answer_detail, name="answer-detail"),
    path("answers/suggest/", views.answer_suggest, name="answer-suggest"),
    path("ask/", views.question_ask, name="question-ask"),
    path("mine/", views.mine, name="mine"),
    path("questions/<int:pk>/", views.question_mine, name="question-mine"),
    path("report/", views.report_create, name="report-create"),
    path("report/product/", views_scan.report_scan, name="report-scan"),
    path("reports/", views.report_list, name="report-list"),
    path("reports/public/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/", views.report_mine, name="report-mine"),
    path("reports/<int:pk>/rate/", views.report_rate, name="report-rate"),
    path("reports/<int:pk>/reopen/", views.report_reopen, name="report-reopen"),
    path("reports/<int:pk>/supplement/", views.report_supplement, name="report-supplement"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("figures/", views.figures, name="figures"),
]
