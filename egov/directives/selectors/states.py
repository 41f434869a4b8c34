"""A task's or report's state at a moment (not yet due, on track, overdue, done on time or
late, not reported), counted on the working-day calendar with ``rules``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from egov.directives.choices import Recurrence, ReportStatus, TaskState
from egov.directives.models import Task, TaskReport
from egov.directives.rules import Period, recurring_state, report_state, task_state
from egov.workdays.rules import VN_TZ, WorkCalendar

SENT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def submitted_on(report: TaskReport) -> datetime.date | None:
    """The day a report was sent, while it stands sent (a returned one must be sent again)."""
    if report.status not in SENT or report.submitted_at is None:
        return None
    return report.submitted_at.astimezone(VN_TZ).date()


def report_state_of(calendar: WorkCalendar, report: TaskReport, today: datetime.date) -> TaskState:
    return report_state(
        calendar, due_on=report.due_on, submitted_on=submitted_on(report), today=today
    )


def task_state_of(
    calendar: WorkCalendar, task: Task, reports: Iterable[TaskReport], today: datetime.date
) -> TaskState:
    """The state of ``task`` on ``today``; ``reports`` are its reports (any unit)."""
    lead_reports = [r for r in reports if r.unit_id == task.lead_unit_id]
    if task.recurrence != Recurrence.NONE and task.done_on is None:
        periods = [
            (Period(r.period_start, r.period_end, r.due_on), submitted_on(r)) for r in lead_reports
        ]
        return recurring_state(calendar, periods=periods, today=today)
    has_progress = task.percent_done > 0 or any(submitted_on(r) for r in reports)
    return task_state(
        calendar,
        deadline_on=task.deadline_on,
        done_on=task.done_on,
        has_progress=has_progress,
        today=today,
    )
