"""`egov surveys_rollup_rebuild`: recompute the roll-up of survey answers and invitations from
the raw rows (after a bulk load, a repair, or units moved in the tree). Safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from egov.common.progress import add_quiet_argument, progress_for_command
from egov.surveys.services.rollup import rollup_rebuild


class Command(BaseCommand):
    help = "Recompute the survey answers' roll-up from the answers, in one transaction."

    def add_arguments(self, parser: CommandParser) -> None:
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with progress_for_command(self, options, "surveys") as progress:
            result = rollup_rebuild(progress=progress)
        self.stdout.write(
            f"Survey roll-up rebuilt: {result.responses} answers, "
            f"{result.invitations} invitations, {result.rows} rows."
        )
