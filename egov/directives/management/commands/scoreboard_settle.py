"""`egov scoreboard_settle`: the scoreboard's daily refresh (run it once a day, e.g. from cron
after midnight): deadlines passed since the last run are stored as one past day, so the
roll-up stays small; no number on the scoreboard changes. Safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from egov.directives.scoreboard.services import scoreboard_settle


class Command(BaseCommand):
    help = "Settle the task scoreboard's passed deadlines up to today (daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = scoreboard_settle()
        self.stdout.write(
            f"Scoreboard settled: {result.tallies} tallies moved, {result.cells} cells recounted."
        )
