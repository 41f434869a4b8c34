from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "egov.exchange"
    label = "exchange"
    verbose_name = _("Document exchange")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.exchange import handlers
        from egov.exchange.choices import AuditAction

        actions_register(AuditAction)
        handlers.connect()
