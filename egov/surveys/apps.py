from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "egov.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction surveys")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.common.figures import figures_register
        from egov.common.rollups import Rollup, rollups_register
        from egov.surveys.choices import SurveyAuditAction
        from egov.surveys.figures import FIGURES, STANDING_FIGURES
        from egov.surveys.services.rollup import rollup_is_stale, rollup_rebuild

        actions_register(SurveyAuditAction)
        figures_register(*FIGURES, *STANDING_FIGURES)
        rollups_register(
            Rollup(
                name="surveys.AnswerFigure",
                command="surveys_rollup_rebuild",
                is_stale=rollup_is_stale,
                rebuild=rollup_rebuild,
            )
        )
