from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "egov.reporting"
    label = "reporting"
    verbose_name = _("Periodic reporting")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.reporting.choices import AuditAction

        actions_register(AuditAction)
        from egov.reporting import figures

        figures.register()
