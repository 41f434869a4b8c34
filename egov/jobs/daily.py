"""The shape of a daily command (cron once a day): ``egov <name> [--date YYYY-MM-DD]
[--enqueue]`` runs one django-tasks task for a day (default: today), here or, with
``--enqueue``, on the job workers, and prints what it did. The task takes the day as an ISO
string (or None: today) and returns its counts; the run must be idempotent (a second run the
same day, or one after a missed day, sends nothing twice).

A command is a subclass naming its task and how to say its counts::

    class Command(DailyCommand):
        help = "..."
        task = reporting_reminders_run
        label = "Reporting reminders"
        summary = "{before} reminders, {overdue} overdue notices."
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.core.management.base import BaseCommand, CommandError, CommandParser


def day_argument(value: str) -> datetime.date:
    """A ``--date`` value: an ISO date, else a command error naming it."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class DailyCommand(BaseCommand):
    """Run ``task`` for ``--date`` (default today) or enqueue it (``--enqueue``); print
    ``label: summary`` filled with the task's counts (``--quiet``: nothing)."""

    task: ClassVar[Any]
    label: ClassVar[str]
    summary: ClassVar[str]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", dest="day", type=day_argument, help="Day to run for (YYYY-MM-DD)."
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the job instead of running it here."
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["day"]
        if isinstance(day, str):  # call_command(..., date="…") skips the parser's type
            day = day_argument(day)
        day = day.isoformat() if day else None
        if options["enqueue"]:
            result = self.task.enqueue(day)
            if not options["quiet"]:
                self.stdout.write(f"Enqueued {self.label.lower()} ({result.id}).")
            return
        counts = self.task.call(day)
        if not options["quiet"]:
            self.stdout.write(f"{self.label}: " + self.summary.format(**counts))
