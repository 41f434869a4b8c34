"""`egov flush`: Django's flush, allowed past the append-only triggers of the audit table.

Flush empties every table by design (TRUNCATE on PostgreSQL, DELETE on SQLite); the test
suite's TransactionTestCase teardown runs it after each test. It runs inside
:func:`egov.audit.maintenance.audit_maintenance`, so on PostgreSQL it can empty the audit table
only when the connecting role owns it: an application role that does not (production, ADR 0002)
is still refused.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as DjangoFlushCommand
from django.db import DEFAULT_DB_ALIAS

from egov.audit.maintenance import audit_maintenance


class Command(DjangoFlushCommand):
    def handle(self, **options: Any) -> None:
        with audit_maintenance(options.get("database") or DEFAULT_DB_ALIAS):
            super().handle(**options)
