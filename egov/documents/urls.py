"""URLs of the document registry, mounted at workspace/documents/ (namespace "documents")."""

from django.urls import path

from egov.documents.views import detail, editing, figures, lists, registers

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
    path("<int:pk>/", detail.document_detail, name="document-detail"),
    path("<int:pk>/edit/", editing.document_edit, name="document-edit"),
    path("<int:pk>/actions/<slug:action>/", detail.document_action, name="document-action"),
    path("<int:pk>/files/<int:file_id>/", detail.document_file, name="document-file"),
]
