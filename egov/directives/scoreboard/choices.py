"""Vocabularies of the scoreboard roll-up."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subject(models.TextChoices):
    """What a roll-up row counts."""

    TASK = "task", _("tasks")
    REPORT = "report", _("reports")


class Grain(models.TextChoices):
    """The span of days a roll-up row covers, each nested in the next: a day, a dekad (days
    1–10, 11–20, 21–end of a month), a month, a quarter, a year."""

    DAY = "day", _("day")
    DEKAD = "dekad", _("ten days")
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    YEAR = "year", _("year")


# Finest first: each grain is counted from the one before it.
GRAINS = (Grain.DAY, Grain.DEKAD, Grain.MONTH, Grain.QUARTER, Grain.YEAR)


class TaskOutcome(models.TextChoices):
    """Where a task stands independently of today: done (on time or late, final) or open (with
    or without progress reported). Whether an open task is late depends on today and is read
    from ``overdue_after``: for a one-deadline task its deadline in force (then overdue), for a
    recurring task the due day of its first report not sent (then not reported)."""

    DONE_ON_TIME = "done_on_time", _("done on time")
    DONE_LATE = "done_late", _("done late")
    OPEN_STARTED = "open_started", _("open, progress reported")
    OPEN_IDLE = "open_idle", _("open, no progress reported")
    RECURRING_STARTED = "recur_start", _("recurring, a report sent")
    RECURRING_IDLE = "recur_idle", _("recurring, no report sent")


class ReportOutcome(models.TextChoices):
    """Where a periodic report stands independently of today."""

    SENT_ON_TIME = "sent_on_time", _("sent on time")
    SENT_LATE = "sent_late", _("sent late")
    NOT_SENT = "not_sent", _("not sent")


OPEN_OUTCOMES = (TaskOutcome.OPEN_STARTED, TaskOutcome.OPEN_IDLE)
RECURRING_OUTCOMES = (TaskOutcome.RECURRING_STARTED, TaskOutcome.RECURRING_IDLE)
STARTED_OUTCOMES = (TaskOutcome.OPEN_STARTED, TaskOutcome.RECURRING_STARTED)
IDLE_OUTCOMES = (TaskOutcome.OPEN_IDLE, TaskOutcome.RECURRING_IDLE)
LATE_OUTCOMES = (*OPEN_OUTCOMES, *RECURRING_OUTCOMES, ReportOutcome.NOT_SENT)
# The counters of a roll-up row: one per outcome, and for the outcomes that can be late a
# second one of those already late when the row was counted (``<outcome>_late``).
TASK_COUNTERS = tuple(TaskOutcome.values) + tuple(
    f"{o}_late" for o in (*OPEN_OUTCOMES, *RECURRING_OUTCOMES)
)
REPORT_COUNTERS = (*ReportOutcome.values, f"{ReportOutcome.NOT_SENT}_late")
COUNTERS = TASK_COUNTERS + REPORT_COUNTERS
