"""`egov archive_notices [--date YYYY-MM-DD] [--enqueue]`: the daily archiving notice run
(closed work files due for the agency archive within 30 days). Safe to run again: a file's
unit is told once."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.documents.tasks import archive_notices_run


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = (
        "Tell units of their closed work files due for the archive (default: as of today): "
        "run now, or with --enqueue hand the run to the job workers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", dest="day", type=_day, help="Day to run for (YYYY-MM-DD).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the job instead of running it here."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["day"].isoformat() if options["day"] else None
        if options["enqueue"]:
            result = archive_notices_run.enqueue(day)
            self.stdout.write(f"Enqueued archiving notices ({result.id}).")
            return
        counts = archive_notices_run.call(day)
        self.stdout.write(
            "Archiving notices: {files} files due for the archive, {emails} e-mails.".format(
                **counts
            )
        )
