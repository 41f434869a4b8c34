"""`egov task_reminders [--date YYYY-MM-DD] [--enqueue] [--quiet]`: the daily task reminder run
(expected reports of new periods, reminders before deadlines, escalations after them). Safe to
run again: a reminder is sent once per task, kind and deadline."""

from __future__ import annotations

from egov.directives.tasks import task_reminders_run
from egov.jobs.daily import DailyCommand


class Command(DailyCommand):
    help = "Send the task reminders of a day (default: today), here or on the job workers."
    task = task_reminders_run
    label = "Task reminders"
    summary = (
        "{reports_created} expected reports created, {reminders_before} reminders, "
        "{reminders_overdue} escalations."
    )
