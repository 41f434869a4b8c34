from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class OnestopConfig(AppConfig):
    name = "egov.onestop"
    label = "onestop"
    verbose_name = _("One-stop shop")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.integration.signals import payment_confirmed
        from egov.onestop.choices import AUDIT_ACTIONS_LEGACY, AuditAction
        from egov.onestop.handlers import on_payment_confirmed
        from egov.onestop.models import Dossier
        from egov.workflow.subjects import subject_url_register

        actions_register(AuditAction, legacy=AUDIT_ACTIONS_LEGACY)
        subject_url_register(Dossier, _dossier_url)
        from egov.onestop import figures

        figures.register()
        payment_confirmed.connect(on_payment_confirmed, dispatch_uid="onestop.payment_confirmed")


def _dossier_url(pk: str) -> str:
    """The officer page an inbox item for a dossier opens."""
    return reverse("onestop:officer-dossier-detail", args=[pk])
