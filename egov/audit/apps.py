from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "egov.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.audit.choices import AuditAction

        actions_register(AuditAction)
