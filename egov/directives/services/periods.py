"""The expected reports of a task: one draft row per reporting period of its lead unit, made
when the task is created and, for recurring tasks, by the daily run as periods begin. A row not
sent by its due day counts as "not reported"."""

from __future__ import annotations

import datetime

from egov.directives.choices import Recurrence, ReportStatus
from egov.directives.models import Task, TaskReport
from egov.directives.rules import REPORT_OPEN, report_periods

OPEN_STATUSES = REPORT_OPEN


def task_periods(task: Task, *, until: datetime.date) -> list:
    """The reporting periods of ``task`` up to the one containing ``until``."""
    return report_periods(
        task.recurrence,
        assigned_on=task.assigned_on,
        until=max(until, task.assigned_on),
        deadline_on=task.deadline_on,
        report_by_on=task.report_by_on,
        period_day=task.period_day,
        period_month=task.period_month,
    )


def expected_reports_ensure(task: Task, *, until: datetime.date) -> int:
    """Create the missing expected report rows of the lead unit (idempotent; safe when the
    daily run does the same at the same moment). Returns how many were created."""
    periods = task_periods(task, until=until)
    existing = set(
        TaskReport.objects.filter(task=task, unit_id=task.lead_unit_id).values_list(
            "period_start", flat=True
        )
    )
    missing = [
        TaskReport(
            task=task,
            unit_id=task.lead_unit_id,
            period_start=p.start,
            period_end=p.end,
            due_on=p.due_on,
        )
        for p in periods
        if p.start not in existing
    ]
    TaskReport.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def single_period_sync(task: Task) -> None:
    """A one-deadline task's report is due on its report day, else its deadline: follow a
    changed deadline on the reports not yet accepted."""
    if task.recurrence != Recurrence.NONE or task.deadline_on is None:
        return
    TaskReport.objects.filter(task=task, period_start=task.assigned_on).exclude(
        status=ReportStatus.ACCEPTED
    ).update(period_end=task.deadline_on, due_on=task.report_by_on or task.deadline_on)


def untouched_reports_remove(task: Task, unit_id: int) -> None:
    """Drop the expected rows of a unit that is no longer the lead, where nothing was written."""
    TaskReport.objects.filter(
        task=task,
        unit_id=unit_id,
        status=ReportStatus.DRAFT,
        submitted_at__isnull=True,
        done_text="",
        percent=0,
        files__isnull=True,
    ).delete()
