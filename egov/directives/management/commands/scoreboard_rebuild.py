"""`egov scoreboard_rebuild`: recompute every tally and roll-up row of the task scoreboard from
the task tables with the current working-day calendar (after a calendar change, or to load the
roll-up of a database filled before it existed). Safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from egov.directives.scoreboard.services import scoreboard_rebuild


class Command(BaseCommand):
    help = "Recompute the task scoreboard's roll-up from the task tables, in one transaction."

    def handle(self, *args: Any, **options: Any) -> None:
        result = scoreboard_rebuild()
        self.stdout.write(f"Scoreboard rebuilt: {result.tallies} tallies, {result.cells} rows.")
