"""`egov reporting_open_periods [--date YYYY-MM-DD] [--enqueue] [--quiet]`: open the current
period of every active periodic regime: each unit of the chain gets its expected report (run
daily; opening again only adds the reports of units created since)."""

from __future__ import annotations

from egov.jobs.daily import DailyCommand
from egov.reporting.tasks import reporting_periods_open_run


class Command(DailyCommand):
    help = "Open the current period of every active periodic reporting regime."
    task = reporting_periods_open_run
    label = "Reporting periods"
    summary = "{created} expected reports created."
