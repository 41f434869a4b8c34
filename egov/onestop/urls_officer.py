"""One-stop URLs: officer pages (included by egov/onestop/urls.py, namespace "onestop")."""

from django.urls import path

from egov.onestop.views import desk, national, processing

urlpatterns: list = [
    path("workspace/desk/", desk.desk_home, name="desk-home"),
    path("workspace/desk/receive/", desk.desk_receive, name="desk-receive"),
    path("workspace/national-portal/", national.national_intake, name="national-intake"),
    path("workspace/national-portal/pull/", national.national_pull, name="national-pull"),
    path("workspace/dossiers/", processing.dossier_list, name="officer-dossier-list"),
    path(
        "workspace/dossiers/<int:pk>/",
        processing.dossier_detail,
        name="officer-dossier-detail",
    ),
    path(
        "workspace/dossiers/<int:pk>/actions/<slug:action>/",
        processing.dossier_action,
        name="officer-dossier-action",
    ),
    path(
        "workspace/dossiers/<int:pk>/files/<int:file_id>/",
        processing.dossier_file,
        name="officer-dossier-file",
    ),
]
