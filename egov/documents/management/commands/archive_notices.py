"""`egov archive_notices [--date YYYY-MM-DD] [--enqueue] [--quiet]`: the daily archiving notice
run (closed work files due for the agency archive within 30 days). Safe to run again: a file's
unit is told once."""

from __future__ import annotations

from egov.documents.tasks import archive_notices_run
from egov.jobs.daily import DailyCommand


class Command(DailyCommand):
    help = "Tell units of their closed work files due for the archive (default: as of today)."
    task = archive_notices_run
    label = "Archiving notices"
    summary = "{files} files due for the archive, {emails} e-mails."
