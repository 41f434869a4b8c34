"""`egov figures_refresh [--from YYYY-MM-DD] [--to YYYY-MM-DD]`: recompute the daily roll-up of
the one-stop figures (default: yesterday and today). Safe to run again: each day is replaced."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.common.progress import add_quiet_argument, progress_for_command
from egov.onestop.services.figures import figures_default_range, figures_refresh_range

MAX_DAYS = 3660


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = (
        "Recompute the one-stop figures of each day from --from (default: yesterday, or --to "
        "alone) to --to (default: today), both included, one transaction per day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="day_from", type=_day, help="First day (YYYY-MM-DD).")
        parser.add_argument("--to", dest="day_to", type=_day, help="Last day (YYYY-MM-DD).")
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        default_from, default_to = figures_default_range()
        end = options["day_to"] or default_to
        start = options["day_from"] or (default_from if options["day_to"] is None else end)
        if start > end:
            raise CommandError("--from comes after --to.")
        if (end - start).days >= MAX_DAYS:
            raise CommandError(f"Refresh at most {MAX_DAYS} days at a time.")
        with progress_for_command(self, options, "figures") as progress:
            rows = figures_refresh_range(day_from=start, day_to=end, progress=progress)
        self.stdout.write(f"Refreshed {start.isoformat()} to {end.isoformat()}: {rows} rows.")
