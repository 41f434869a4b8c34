from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "egov.workdays"
    label = "workdays"
    verbose_name = _("Working-day calendar")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.workdays.choices import AuditAction

        actions_register(AuditAction)
