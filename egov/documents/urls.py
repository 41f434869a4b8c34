"""URLs of the document registry, mounted at workspace/documents/ (namespace "documents")."""

from django.urls import path

from egov.documents.views import detail, editing, figures, lists, registers, workfiles

app_name = "documents"
urlpatterns = [
    path("", lists.document_list, name="document-list"),
    path("outgoing/", lists.outgoing_list, name="outgoing-list"),
    path("outgoing/new/", editing.outgoing_create, name="outgoing-create"),
    path("incoming/", lists.incoming_list, name="incoming-list"),
    path("incoming/new/", editing.incoming_create, name="incoming-register"),
    path("registers/outgoing/", registers.register_outgoing, name="register-outgoing"),
    path("registers/incoming/", registers.register_incoming, name="register-incoming"),
    path("figures/", figures.figures_page, name="figures"),
    path("figures/xlsx/", figures.figures_xlsx, name="figures-xlsx"),
    path("workfiles/", workfiles.workfile_home, name="workfile-home"),
    path("workfiles/lists/new/", workfiles.file_list_create, name="file-list-create"),
    path("workfiles/lists/<int:pk>/", workfiles.file_list_page, name="file-list"),
    path(
        "workfiles/lists/<int:pk>/<slug:action>/",
        workfiles.file_list_action,
        name="file-list-action",
    ),
    path("workfiles/<int:pk>/", workfiles.work_file_page, name="work-file"),
    path(
        "workfiles/<int:pk>/export.<slug:kind>",
        workfiles.work_file_export,
        name="work-file-export",
    ),
    path("workfiles/<int:pk>/<slug:action>/", workfiles.work_file_action, name="work-file-action"),
    path("archive/", workfiles.archive_page, name="archive"),
    path("<int:pk>/", detail.document_detail, name="document-detail"),
    path("<int:pk>/edit/", editing.document_edit, name="document-edit"),
    path("<int:pk>/actions/<slug:action>/", detail.document_action, name="document-action"),
    path("<int:pk>/files/<int:file_id>/", detail.document_file, name="document-file"),
]
