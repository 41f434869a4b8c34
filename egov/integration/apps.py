from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationConfig(AppConfig):
    name = "egov.integration"
    label = "integration"
    verbose_name = _("National integrations")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.common.figures import figures_register
        from egov.integration.choices import IntegrationAuditAction
        from egov.integration.figures import FIGURES

        actions_register(IntegrationAuditAction)
        figures_register(*FIGURES)
