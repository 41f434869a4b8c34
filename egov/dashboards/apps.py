from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "egov.dashboards"
    label = "dashboards"
    verbose_name = _("Indicators and dashboards")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.dashboards.choices import AuditAction

        actions_register(AuditAction)
