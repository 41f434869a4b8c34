from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "egov.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from egov.accounts.choices import AuditAction
        from egov.audit.actions import actions_register

        actions_register(AuditAction)

        from egov.accounts import middleware  # noqa: F401  (stamps the login time on sessions)
