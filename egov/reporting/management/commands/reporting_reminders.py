"""`egov reporting_reminders [--date YYYY-MM-DD] [--enqueue] [--quiet]`: remind reporting
units of reports due within their regime's reminder days and of overdue ones, once per report
and kind."""

from __future__ import annotations

from egov.jobs.daily import DailyCommand
from egov.reporting.tasks import reporting_reminders_run


class Command(DailyCommand):
    help = "Remind reporting units of reports due soon and of overdue reports."
    task = reporting_reminders_run
    label = "Reporting reminders"
    summary = "{before} reminders, {overdue} overdue notices."
