from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "egov.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction surveys")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.common.figures import figures_register
        from egov.surveys.choices import SurveyAuditAction
        from egov.surveys.figures import FIGURES, STANDING_FIGURES

        actions_register(SurveyAuditAction)
        figures_register(*FIGURES, *STANDING_FIGURES)
