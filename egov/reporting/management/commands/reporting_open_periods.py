"""Open the current period of every active periodic regime: each reporting unit gets its
expected report (run daily; opening again only adds the reports of units created since)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from egov.reporting import rules, services
from egov.reporting.choices import RegimeKind, RegimeStatus
from egov.reporting.models import Regime


class Command(BaseCommand):
    help = "Open the current period of every active periodic reporting regime."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--on", type=datetime.date.fromisoformat, default=None)
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, on: datetime.date | None, quiet: bool, **options: Any) -> None:
        day = on or timezone.localdate()
        total = 0
        for regime in Regime.objects.filter(
            is_active=True, kind=RegimeKind.PERIODIC, status=RegimeStatus.PUBLISHED
        ):
            try:
                period = rules.period_for(regime.frequency, day)
            except ValueError:  # nine months: none from October on
                continue
            total += services.period_open(actor=None, regime=regime, period=period)
        if not quiet:
            self.stdout.write(f"{total} expected reports created.")
