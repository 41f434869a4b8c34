"""`egov scoreboard_settle`: the scoreboard's daily refresh (run it once a day, e.g. from cron
after midnight): deadlines passed since the last run are stored as one past day, so the
roll-up stays small; no number on the scoreboard changes. Safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from egov.common.progress import add_quiet_argument, progress_for_command
from egov.directives.scoreboard.services import scoreboard_settle


class Command(BaseCommand):
    help = "Settle the task scoreboard's passed deadlines up to today (daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with progress_for_command(self, options, "scoreboard") as progress:
            result = scoreboard_settle(progress=progress)
        self.stdout.write(
            f"Scoreboard settled: {result.tallies} tallies moved, {result.cells} cells recounted."
        )
