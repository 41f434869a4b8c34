"""What the task page shows: the task and its state today, its units by role, its reports
with their states, extensions, the changes of its deadline, units and target, its sub-tasks,
and the actions the user may take."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from egov.directives.access import HEAD_ROLES, OFFICE_ROLES, REPORT_ROLES
from egov.directives.choices import (
    ExtensionStatus,
    Recurrence,
    TaskState,
    TaskUnitRole,
)
from egov.directives.models import DeadlineExtension, Task, TaskChange, TaskReport, TaskUnit
from egov.directives.rules import REPORT_TRANSITIONS
from egov.directives.selectors.access import task_get_for_user
from egov.directives.selectors.lists import TaskLine
from egov.directives.selectors.states import report_state_of, task_state_of
from egov.orgs.access import reach_of
from egov.orgs.models import OrgUnit
from egov.workdays.selectors import work_calendar_get


@dataclass(frozen=True)
class ReportLine:
    report: TaskReport
    state: TaskState
    can_edit: bool
    can_submit: bool
    can_review: bool


@dataclass
class TaskPage:
    task: Task
    state: TaskState
    units: dict[str, list[OrgUnit]]
    reports: list[ReportLine]
    extensions: list[DeadlineExtension]
    changes: list[TaskChange]
    subtasks: list[TaskLine]
    report_units: list[OrgUnit] = field(default_factory=list)
    can_edit: bool = False
    can_split: bool = False
    can_request_extension: bool = False
    can_decide_extension: bool = False

    @property
    def can_report(self) -> bool:
        return bool(self.report_units)

    @property
    def pending_extension(self) -> DeadlineExtension | None:
        return next((e for e in self.extensions if e.status == ExtensionStatus.PENDING), None)


def _units(task: Task) -> dict[str, list[OrgUnit]]:
    units: dict[str, list[OrgUnit]] = {role: [] for role in TaskUnitRole.values}
    for row in TaskUnit.objects.filter(task=task).select_related("unit").order_by("unit__name"):
        units[row.role].append(row.unit)
    return units


def _reports(
    task: Task, user: Any, today: datetime.date, calendar: Any, office: bool
) -> list[ReportLine]:
    reporters, heads = reach_of(user, roles=REPORT_ROLES), reach_of(user, roles=HEAD_ROLES)
    rows = (
        TaskReport.objects.filter(task=task)
        .select_related("unit", "submitted_by")
        .prefetch_related("files")
        .order_by("-period_start", "unit__name")
    )
    return [
        ReportLine(
            report=r,
            state=report_state_of(calendar, r, today),
            can_edit=REPORT_TRANSITIONS.can("save", r.status) and reporters.covers(r.unit),
            can_submit=REPORT_TRANSITIONS.can("submit", r.status)
            and heads.covers(r.unit)
            and bool(r.done_text),
            can_review=REPORT_TRANSITIONS.can("accept", r.status) and office,
        )
        for r in rows
    ]


def task_page(user: Any, pk: int, *, today: datetime.date | None = None) -> TaskPage:
    """Everything the task page shows, for ``user`` (404 for a task out of reach)."""
    today = today or timezone.localdate()
    task = task_get_for_user(user, pk)
    calendar = work_calendar_get()
    office = reach_of(user, roles=OFFICE_ROLES)
    is_office = office.covers(task.assigning_unit)
    reports = _reports(task, user, today, calendar, is_office)
    units = _units(task)
    reporters = reach_of(user, roles=REPORT_ROLES)
    subtasks = (
        Task.objects.filter(parent=task)
        .select_related("lead_unit")
        .prefetch_related(Prefetch("reports"))
        .order_by("order", "pk")
    )
    extensions = list(
        DeadlineExtension.objects.filter(task=task)
        .select_related("requested_by", "decided_by")
        .order_by("-requested_at")
    )
    page = TaskPage(
        task=task,
        state=task_state_of(calendar, task, [line.report for line in reports], today),
        units=units,
        reports=reports,
        extensions=extensions,
        changes=list(TaskChange.objects.filter(task=task).select_related("changed_by")),
        subtasks=[
            TaskLine(s, task_state_of(calendar, s, s.reports.all(), today)) for s in subtasks
        ],
        report_units=[
            u for role in TaskUnitRole.values for u in units[role] if reporters.covers(u)
        ],
        can_edit=is_office,
        can_split=office.covers(task.lead_unit) and task.done_on is None,
    )
    page.can_request_extension = (
        reporters.covers(task.lead_unit)
        and task.recurrence == Recurrence.NONE
        and task.done_on is None
        and page.pending_extension is None
    )
    page.can_decide_extension = is_office and page.pending_extension is not None
    return page
