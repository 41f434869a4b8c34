"""`egov meetings_written_close [--date YYYY-MM-DD] [--enqueue] [--quiet]`: close the votes
whose written ballots' deadline has passed (the daily catch-up of the job deferred to each
deadline), counted as the chair's close counts; idempotent."""

from __future__ import annotations

from egov.jobs.daily import DailyCommand
from egov.meetings.tasks import meetings_written_close_run


class Command(DailyCommand):
    help = "Close the votes whose written ballots' deadline has passed."
    task = meetings_written_close_run
    label = "Written votes closed"
    summary = "{closed} votes closed at their deadline."
