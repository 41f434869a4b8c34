from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "egov.documents"
    label = "documents"
    verbose_name = _("Official documents")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.documents.choices import AuditAction

        actions_register(AuditAction)
