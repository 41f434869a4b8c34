"""Officer URLs of feedback (namespace "feedback_officer"), mounted at /workspace/feedback/."""

from django.urls import path

from egov.feedback import views_officer

app_name = "feedback_officer"
urlpatterns = [
    path("", views_officer.inbox, name="inbox"),
    path("reports/new/", views_officer.report_enter, name="report-enter"),
    path("questions/<int:pk>/", views_officer.question_detail, name="question-detail"),
    path(
        "questions/<int:pk>/<slug:action>/",
        views_officer.question_action,
        name="question-action",
    ),
    path("reports/<int:pk>/", views_officer.report_detail, name="report-detail"),
    path("reports/<int:pk>/<slug:action>/", views_officer.report_action, name="report-action"),
]
