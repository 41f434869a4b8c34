"""`egov jobs_reap [--minutes N] [--quiet]`: end as failed the background jobs left "running" by
a worker that died (no progress written for N minutes, default 60). Run it from cron, or let
`egov start` run it when it starts its worker."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from egov.jobs.services import jobs_reap


class Command(BaseCommand):
    help = "End as failed the running jobs whose worker stopped (no progress for N minutes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--minutes", type=int, default=60, help="Quiet for this long (60).")
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        count = jobs_reap(quiet_for=datetime.timedelta(minutes=max(0, options["minutes"])))
        if not options["quiet"]:
            self.stdout.write(f"Interrupted jobs ended: {count}.")
