"""URLs of the dashboards (namespace "dashboards"), mounted at /workspace/dashboards/."""

from django.urls import path

from egov.dashboards import views, views_definitions

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("units/<int:pk>/", views.dashboard_unit, name="dashboard-unit"),
    path("units/<int:pk>/xlsx/", views.dashboard_xlsx, name="dashboard-xlsx"),
    path("units/<int:pk>/pdf/", views.dashboard_pdf, name="dashboard-pdf"),
    path("units/<int:pk>/trends/", views.dashboard_trends, name="dashboard-trends"),
    path("close/", views.snapshot_close_view, name="snapshot-close"),
    path("definitions/", views_definitions.definitions, name="definitions"),
    path("definitions/xlsx/", views_definitions.definitions_xlsx_view, name="definitions-xlsx"),
    path(
        "definitions/imports/<int:pk>/",
        views_definitions.definition_import,
        name="definition-import",
    ),
    path(
        "definitions/imports/<int:pk>/apply/",
        views_definitions.definition_import_apply,
        name="definition-import-apply",
    ),
    path("766/", views.scoreboard, name="scoreboard"),
    path("766/units/<int:pk>/", views.scoreboard_unit, name="scoreboard-unit"),
    path("766/units/<int:pk>/xlsx/", views.scoreboard_xlsx, name="scoreboard-xlsx"),
]
