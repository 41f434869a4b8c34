from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TraceabilityConfig(AppConfig):
    name = "egov.traceability"
    label = "traceability"
    verbose_name = _("Traceability")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.common.figures import figures_register
        from egov.traceability.choices import TraceAuditAction
        from egov.traceability.figures import FIGURES

        actions_register(TraceAuditAction)
        figures_register(*FIGURES)
