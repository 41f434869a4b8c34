"""URLs of periodic reporting (namespace "reporting"), mounted at /workspace/reporting/."""

from django.urls import path

from egov.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("reports/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("reports/<int:pk>/values/", views.submission_values, name="submission-values"),
    path("reports/<int:pk>/upload/", views.submission_upload, name="submission-upload"),
    path("reports/<int:pk>/prefill/", views.submission_prefill, name="submission-prefill"),
    path("reports/<int:pk>/workbook/", views.submission_workbook, name="submission-workbook"),
    path(
        "reports/<int:pk>/accept/",
        views.submission_decide,
        {"action": "accept"},
        name="submission-accept",
    ),
    path(
        "reports/<int:pk>/return/",
        views.submission_decide,
        {"action": "return"},
        name="submission-return",
    ),
    path("regimes/<int:pk>/", views.regime_completeness, name="regime-completeness"),
]
