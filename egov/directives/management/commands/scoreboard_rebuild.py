"""`egov scoreboard_rebuild`: recompute every tally and roll-up row of the task scoreboard from
the task tables with the current working-day calendar (after a calendar change, or to load the
roll-up of a database filled before it existed). Safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from egov.common.progress import add_quiet_argument, progress_for_command
from egov.directives.scoreboard.services import scoreboard_rebuild


class Command(BaseCommand):
    help = "Recompute the task scoreboard's roll-up from the task tables, in one transaction."

    def add_arguments(self, parser: CommandParser) -> None:
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with progress_for_command(self, options, "scoreboard") as progress:
            result = scoreboard_rebuild(progress=progress)
        self.stdout.write(f"Scoreboard rebuilt: {result.tallies} tallies, {result.cells} rows.")
