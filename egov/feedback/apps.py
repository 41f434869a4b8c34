from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "egov.feedback"
    label = "feedback"
    verbose_name = _("Citizen feedback")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.common.figures import figures_register
        from egov.feedback.choices import FeedbackAuditAction
        from egov.feedback.figures import FIGURES
        from egov.feedback.models import Report
        from egov.workflow.subjects import subject_url_register

        actions_register(FeedbackAuditAction)
        figures_register(*FIGURES)
        subject_url_register(Report, lambda pk: f"/workspace/feedback/reports/{pk}/")
