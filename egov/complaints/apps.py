from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "egov.complaints"
    label = "complaints"
    verbose_name = _("Complaints, denunciations and citizen reception")

    def ready(self) -> None:
        import egov.complaints.national  # noqa: F401  (registers its configuration check)
        from egov.audit.actions import actions_register
        from egov.common.figures import figures_register
        from egov.common.rollups import Rollup, rollups_register
        from egov.complaints.choices import ComplaintsAuditAction
        from egov.complaints.figures import FIGURES
        from egov.complaints.services_rollup import rollup_is_stale, rollup_rebuild

        actions_register(ComplaintsAuditAction)
        figures_register(*FIGURES)
        rollups_register(
            Rollup(
                name="complaints.PetitionFigure",
                command="complaints_rollup_rebuild",
                is_stale=rollup_is_stale,
                rebuild=rollup_rebuild,
            )
        )
