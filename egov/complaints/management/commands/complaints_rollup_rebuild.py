"""`egov complaints_rollup_rebuild`: recompute the roll-up of petitions and visits from the raw
rows (after a bulk load, a repair, or installing this version over existing cases). Safe to
run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from egov.common.progress import add_quiet_argument, progress_for_command
from egov.complaints.services_rollup import rollup_rebuild


class Command(BaseCommand):
    help = "Recompute the petitions' roll-up from the petitions and visits, in one transaction."

    def add_arguments(self, parser: CommandParser) -> None:
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with progress_for_command(self, options, "complaints") as progress:
            result = rollup_rebuild(progress=progress)
        self.stdout.write(
            f"Complaints roll-up rebuilt: {result.petitions} petitions, "
            f"{result.visits} visits, {result.rows} rows."
        )
