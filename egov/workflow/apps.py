from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "egov.workflow"
    label = "workflow"
    verbose_name = _("Workflow")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.workflow.choices import AuditAction

        actions_register(AuditAction)
