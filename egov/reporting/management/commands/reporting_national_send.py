"""`egov reporting_national_send [--enqueue] [--quiet]`: try again every accepted report whose
sending to the national reporting system is due (cron: every few minutes; the database worker
also runs each deferred try itself)."""

from __future__ import annotations

from egov.jobs.daily import DailyCommand
from egov.reporting.tasks import national_sendings_run


class Command(DailyCommand):
    help = "Send the accepted reports waiting for the national reporting system."
    task = national_sendings_run
    label = "National reporting system"
    summary = "{acknowledged} acknowledged, {waiting} still waiting, {failed} failed."
