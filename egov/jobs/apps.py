from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "egov.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.jobs.choices import AuditAction

        actions_register(AuditAction)
