from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "egov.portal"
    label = "portal"
    verbose_name = _("Portal and workspace")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.portal.choices import PortalAuditAction

        actions_register(PortalAuditAction)
