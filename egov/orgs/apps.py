from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "egov.orgs"
    label = "orgs"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.orgs.choices import AuditAction

        actions_register(AuditAction)
