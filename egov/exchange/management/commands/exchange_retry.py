"""`egov exchange_retry`: attempt every exchange package whose next attempt is due. Run it every
few minutes from cron; safe to run at any time (delivery is idempotent by message id)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from egov.exchange.services import outbound_messages_retry_due


class Command(BaseCommand):
    help = "Attempt the document-exchange packages whose next attempt is due."

    def handle(self, *args: Any, **options: Any) -> None:
        count = outbound_messages_retry_due()
        self.stdout.write(f"Attempted {count} package(s).")
