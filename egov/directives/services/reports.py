"""Reports on tasks: an assigned unit's specialist writes the report of a period, its head
sends it, the assigning office accepts it or returns it with a reason.

A lead unit's accepted report sets the task's progress and actual figure; an accepted final
("done") report of a one-deadline task marks it done on the day it was sent (Decision
42/2014/QĐ-TTg as amended: done on time or late is judged against the deadline in force).
Progress of sub-tasks rolls up to their task.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.directives.choices import AuditAction, ProgressStatus, Recurrence, ReportStatus
from egov.directives.exceptions import InvalidTask
from egov.directives.models import Task, TaskReport, TaskUnit
from egov.directives.rules import REPORT_TRANSITIONS, period_containing
from egov.directives.services import common
from egov.directives.services.files import (
    AttachmentIn,
    attachments_check,
    attachments_store,
)
from egov.directives.services.rollup import progress_roll_up
from egov.orgs.access import reach_of
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ


def _report_unit(actor: Any, task: Task, unit: OrgUnit | None) -> OrgUnit:
    """The unit the actor reports for: the one given, else the first of the task's units
    (lead first) the actor may report for."""
    reach = reach_of(actor, roles=common.REPORT_ROLES)
    rows = TaskUnit.objects.filter(task=task).select_related("unit").order_by("role", "pk")
    units = [row.unit for row in rows]
    units.sort(key=lambda u: u.pk != task.lead_unit_id)
    for candidate in units:
        if (unit is None or candidate.pk == unit.pk) and reach.covers(candidate):
            return candidate
    raise PermissionDenied(_("Only a unit assigned to this task can report on it."))


def _period(task: Task, period_start: datetime.date | None) -> tuple[datetime.date, ...]:
    if task.recurrence == Recurrence.NONE:
        end = task.deadline_on or task.assigned_on
        return task.assigned_on, end, task.report_by_on or end
    period = period_containing(
        task.recurrence,
        period_start or common.today(),
        period_day=task.period_day,
        period_month=task.period_month,
    )
    if period_start is not None and period_start != period.start:
        message = _("This is not the first day of a reporting period.")
        raise InvalidTask(message, fields={"period_start": message})
    if period.start > common.today():
        message = _("This period has not begun yet.")
        raise InvalidTask(message, fields={"period_start": message})
    return period.start, period.end, period.due_on


def _check_figures(progress: str, percent: int, actual_value: Decimal | None) -> None:
    if progress not in ProgressStatus.values:
        raise InvalidTask(_("Choose a progress status."), fields={"progress": _("Invalid.")})
    if not 0 <= percent <= 100:
        message = _("Give a percentage from 0 to 100.")
        raise InvalidTask(message, fields={"percent": message})
    if progress == ProgressStatus.DONE and percent != 100:
        message = _("A task reported done is done in full (100 percent).")
        raise InvalidTask(message, fields={"percent": message})
    if actual_value is not None and actual_value < 0:
        message = _("The figure cannot be negative.")
        raise InvalidTask(message, fields={"actual_value": message})


def task_report_save(
    *,
    actor: Any,
    task: Task,
    progress: str,
    percent: int,
    done_text: str = "",
    actual_value: Decimal | None = None,
    files: Sequence[AttachmentIn] = (),
    unit: OrgUnit | None = None,
    period_start: datetime.date | None = None,
    expected_version: int | None = None,
) -> TaskReport:
    """Write (or rewrite) the draft report of the actor's unit for a period (the current one
    by default). A report already sent cannot be changed; a returned one can, then is sent
    again. ``expected_version`` guards a rewrite against a concurrent one."""
    unit = _report_unit(actor, task, unit)
    _check_figures(progress, percent, actual_value)
    files = list(files)
    with transaction.atomic():
        start, end, due = _period(task, period_start)
        report, created = TaskReport.objects.select_for_update().get_or_create(
            task=task,
            unit=unit,
            period_start=start,
            defaults={"period_end": end, "due_on": due},
        )
        if not created:
            version_check(report, expected_version)
        REPORT_TRANSITIONS.check("save", report.status)
        types = attachments_check(files, already=report.files.count())
        report.progress, report.percent = progress, percent
        report.done_text, report.actual_value = done_text.strip(), actual_value
        if not created:
            report.version += 1
        report.save()
        attachments_store(report, files, types)
        event_record(
            actor=actor,
            action=AuditAction.TASK_REPORT_SAVED,
            obj=report,
            changes={
                "task": task.pk,
                "unit": unit.pk,
                "period_start": start,
                "progress": progress,
                "percent": percent,
                "actual_value": actual_value,
                "files": [f.name for f in files],
            },
        )
        if created:  # a new expected report counts as "not sent" until it is sent
            common.scoreboard_refresh([task.pk])
    return report


def _report_lock(report: TaskReport, expected_version: int) -> TaskReport:
    locked = row_lock(TaskReport.objects.select_related("task", "unit"), report.pk)
    version_check(locked, expected_version)
    return locked


def task_report_submit(*, actor: Any, report: TaskReport, expected_version: int) -> TaskReport:
    """Send a draft (or returned) report to the assigning office; by a head of the unit."""
    common.require_role(
        actor, report.unit, common.HEAD_ROLES, _("Only the head of the unit can send its report.")
    )
    with transaction.atomic():
        report = _report_lock(report, expected_version)
        REPORT_TRANSITIONS.check("submit", report.status)
        require_text(report.done_text, "done_text")
        report.status = ReportStatus.SUBMITTED
        report.submitted_by = common.actor_or_none(actor)
        report.submitted_at = timezone.now()
        report.version += 1
        report.save()
        event_record(
            actor=actor,
            action=AuditAction.TASK_REPORT_SUBMITTED,
            obj=report,
            changes={
                "task": report.task_id,
                "percent": report.percent,
                "progress": report.progress,
            },
        )
        common.scoreboard_refresh([report.task_id])
    return report


def _review(actor: Any, report: TaskReport, expected_version: int, transition: str) -> TaskReport:
    common.require_office(actor, report.task.assigning_unit)
    report = _report_lock(report, expected_version)
    REPORT_TRANSITIONS.check(transition, report.status)
    report.reviewed_by = common.actor_or_none(actor)
    report.reviewed_at = timezone.now()
    report.version += 1
    return report


def _apply_to_task(report: TaskReport) -> Task | None:
    """What an accepted report of the lead unit changes on its task."""
    task = Task.objects.select_for_update().get(pk=report.task_id)
    if report.unit_id != task.lead_unit_id:
        return None
    if not task.subtasks.exists():
        task.percent_done = report.percent
    if report.actual_value is not None:
        task.actual_value = report.actual_value
    if (
        report.progress == ProgressStatus.DONE
        and task.recurrence == Recurrence.NONE
        and task.done_on is None
    ):
        task.done_on = report.submitted_at.astimezone(VN_TZ).date()
        task.percent_done = 100
    task.version += 1
    task.save(update_fields=["percent_done", "actual_value", "done_on", "version"])
    return task


def task_report_accept(
    *, actor: Any, report: TaskReport, expected_version: int, note: str = ""
) -> TaskReport:
    """Accept a sent report; by the assigning office. Progress rolls up to parent tasks."""
    with transaction.atomic():
        report = _review(actor, report, expected_version, "accept")
        report.status = ReportStatus.ACCEPTED
        report.review_note = note.strip()
        report.save()
        task = _apply_to_task(report)
        touched = progress_roll_up(task) if task is not None else []
        event_record(
            actor=actor,
            action=AuditAction.TASK_REPORT_ACCEPTED,
            obj=report,
            changes={
                "task": report.task_id,
                "percent": report.percent,
                "progress": report.progress,
                "done_on": task.done_on if task is not None else None,
            },
        )
        common.scoreboard_refresh([report.task_id, *touched])
    return report


def task_report_return(
    *, actor: Any, report: TaskReport, expected_version: int, reason: str
) -> TaskReport:
    """Return a sent report to its unit with the reason; by the assigning office."""
    reason = require_text(reason)
    with transaction.atomic():
        report = _review(actor, report, expected_version, "return")
        report.status = ReportStatus.RETURNED
        report.review_note = reason
        report.save()
        event_record(
            actor=actor,
            action=AuditAction.TASK_REPORT_RETURNED,
            obj=report,
            changes={"task": report.task_id, "reason": reason},
        )
        common.scoreboard_refresh([report.task_id])
    return report
