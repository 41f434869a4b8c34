"""`egov feedback_escalations [--date YYYY-MM-DD] [--enqueue] [--quiet]`: escalate questions
and reports unanswered past their time limit to the head of their unit, then up the org tree,
once per item, time limit and level."""

from __future__ import annotations

from egov.feedback.tasks import feedback_escalations_run
from egov.jobs.daily import DailyCommand


class Command(DailyCommand):
    help = "Escalate late questions and reports to the heads of their unit and the units above."
    task = feedback_escalations_run
    label = "Feedback escalations"
    summary = "{questions} questions and {reports} reports escalated, {people} people told."
