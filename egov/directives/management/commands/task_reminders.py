"""`egov task_reminders [--date YYYY-MM-DD] [--enqueue]`: the daily task reminder run (expected
reports of new periods, reminders before deadlines, escalations after them). Safe to run
again: a reminder is sent once per task, kind and deadline."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.directives.tasks import task_reminders_run


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = (
        "Send the task reminders of a day (default: today): run now, or with --enqueue "
        "hand the run to the job workers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", dest="day", type=_day, help="Day to run for (YYYY-MM-DD).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the job instead of running it here."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day = options["day"].isoformat() if options["day"] else None
        if options["enqueue"]:
            result = task_reminders_run.enqueue(day)
            self.stdout.write(f"Enqueued task reminders ({result.id}).")
            return
        counts = task_reminders_run.call(day)
        self.stdout.write(
            "Task reminders: {reports_created} expected reports created, {reminders_before} "
            "reminders, {reminders_overdue} escalations.".format(**counts)
        )
