"""``egov national_dossiers_pull [--date YYYY-MM-DD] [--enqueue]``: take the dossiers submitted
on the national public-service portal since the start of that day (default yesterday, so a
run just after midnight misses nothing). Idempotent: run it from cron as often as wanted."""

from __future__ import annotations

from egov.jobs.daily import DailyCommand
from egov.onestop.tasks import national_dossiers_pull_run


class Command(DailyCommand):
    help = "Pull the dossiers submitted on the national public-service portal since a day."
    task = national_dossiers_pull_run
    label = "Dossiers from the national portal"
    summary = (
        "{fetched} read, {registered} registered, {already} registered before, "
        "{unmapped} waiting for a procedure mapping, {failed} not registered, "
        "{malformed} unreadable, portal unreachable: {unreachable}."
    )
