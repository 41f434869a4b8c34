"""URLs of periodic reporting (namespace "reporting"), mounted at /workspace/reporting/."""

from django.urls import path

from egov.reporting import views, views_editing

app_name = "reporting"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("reports/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("reports/<int:pk>/values/", views.submission_values, name="submission-values"),
    path("reports/<int:pk>/upload/", views.submission_upload, name="submission-upload"),
    path("reports/<int:pk>/prefill/", views.submission_prefill, name="submission-prefill"),
    path("reports/<int:pk>/workbook/", views.submission_workbook, name="submission-workbook"),
    path("reports/<int:pk>/sign/", views.submission_sign, name="submission-sign"),
    path("reports/<int:pk>/signed/", views.submission_signed, name="submission-signed"),
    path(
        "reports/<int:pk>/national/",
        views.submission_national_send,
        name="submission-national-send",
    ),
    path("reports/<int:pk>/correct/", views.submission_correct, name="submission-correct"),
    path(
        "reports/<int:pk>/reconsolidate/",
        views.submission_reconsolidate,
        name="submission-reconsolidate",
    ),
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
    path("regimes/new/", views_editing.regime_create, name="regime-create"),
    path("regimes/<int:pk>/form/", views_editing.regime_form, name="regime-form"),
    path("regimes/<int:pk>/indicators/", views_editing.indicator_add, name="indicator-add"),
    path(
        "regimes/<int:pk>/indicators/up/",
        views_editing.indicator_change,
        {"action": "up"},
        name="indicator-up",
    ),
    path(
        "regimes/<int:pk>/indicators/down/",
        views_editing.indicator_change,
        {"action": "down"},
        name="indicator-down",
    ),
    path(
        "regimes/<int:pk>/indicators/remove/",
        views_editing.indicator_change,
        {"action": "remove"},
        name="indicator-remove",
    ),
    path(
        "regimes/<int:pk>/publish/",
        views_editing.regime_publish,
        {"action": "publish"},
        name="regime-publish",
    ),
    path(
        "regimes/<int:pk>/revise/",
        views_editing.regime_publish,
        {"action": "revise"},
        name="regime-revise",
    ),
]
