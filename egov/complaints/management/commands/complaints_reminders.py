"""`egov complaints_reminders [--date YYYY-MM-DD] [--enqueue] [--quiet]`: remind the handlers of
petitions whose acceptance or settlement time limit is near or has passed, once per petition,
kind and limit, and flag the overdue ones."""

from __future__ import annotations

from egov.complaints.tasks import complaints_reminders_run
from egov.jobs.daily import DailyCommand


class Command(DailyCommand):
    help = "Remind handlers of petitions due soon and overdue; flag overdue petitions."
    task = complaints_reminders_run
    label = "Complaints reminders"
    summary = "{before} reminders, {overdue} overdue notices, {flagged} flagged, {cleared} cleared."
