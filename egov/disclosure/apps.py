from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "egov.disclosure"
    label = "disclosure"
    verbose_name = _("Public disclosure and consultation")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.common.figures import figures_register
        from egov.disclosure.choices import DisclosureAuditAction
        from egov.disclosure.figures import FIGURES
        from egov.disclosure.panels import consultation_panel
        from egov.documents.panels import panel_register

        actions_register(DisclosureAuditAction)
        figures_register(*FIGURES)
        panel_register(consultation_panel)
