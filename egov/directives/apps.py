from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "egov.directives"
    label = "directives"
    verbose_name = _("Directives and tasks")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.common.panels import panel_register as place_register
        from egov.directives.choices import AuditAction
        from egov.directives.panels import tasks_panel
        from egov.directives.serving import PLACE, dimension_panels
        from egov.documents.panels import panel_register

        actions_register(AuditAction)
        panel_register(tasks_panel)
        place_register(PLACE, dimension_panels)
        from egov.directives import figures

        figures.register()
