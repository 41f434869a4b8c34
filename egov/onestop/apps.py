from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnestopConfig(AppConfig):
    name = "egov.onestop"
    label = "onestop"
    verbose_name = _("One-stop shop")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.onestop.choices import AUDIT_ACTIONS_LEGACY, AuditAction

        actions_register(AuditAction, legacy=AUDIT_ACTIONS_LEGACY)
