"""`egov dashboards_close [--date YYYY-MM-DD] [--enqueue] [--quiet]`: close the month, quarter
and year that ended before the day (every unit's indicator values frozen), once each."""

from __future__ import annotations

from egov.dashboards.tasks import periods_close_run
from egov.jobs.daily import DailyCommand


class Command(DailyCommand):
    help = "Close the periods that ended (freeze every unit's indicator values), once each."
    task = periods_close_run
    label = "Closed periods"
    summary = "{closed} closed."
