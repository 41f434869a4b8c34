from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "egov.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created

        from egov.audit import checks  # noqa: F401  (registers the system checks)
        from egov.audit.actions import actions_register
        from egov.audit.choices import AuditAction
        from egov.audit.maintenance import sqlite_function_register
        from egov.audit.services import seal_after_response_run

        actions_register(AuditAction)
        connection_created.connect(sqlite_function_register, dispatch_uid="egov_audit_sqlite")
        # After the response is written (the WSGI server closes it): the request's sealing run.
        request_finished.connect(seal_after_response_run, dispatch_uid="egov_audit_seal")
