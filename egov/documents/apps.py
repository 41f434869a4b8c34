from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "egov.documents"
    label = "documents"
    verbose_name = _("Official documents")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.documents.choices import AuditAction, WorkFileAuditAction
        from egov.documents.models import Document
        from egov.workflow.subjects import subject_url_register

        actions_register(AuditAction)
        actions_register(WorkFileAuditAction)
        subject_url_register(Document, _document_url)
        from egov.documents.panels import panel_register
        from egov.documents.selectors.workfiles import work_file_panel

        panel_register(work_file_panel)
        from egov.documents import figures

        figures.register()


def _document_url(pk: str) -> str:
    """The officer page an inbox item for a document (its handling slip) opens."""
    return reverse("documents:document-detail", args=[pk])
