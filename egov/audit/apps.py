from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "egov.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from egov.audit import checks  # noqa: F401  (registers the system checks)
        from egov.audit.actions import actions_register
        from egov.audit.choices import AuditAction
        from egov.audit.maintenance import sqlite_function_register

        actions_register(AuditAction)
        connection_created.connect(sqlite_function_register, dispatch_uid="egov_audit_sqlite")
