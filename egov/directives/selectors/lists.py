"""Lists of tasks and directives for an officer, with each task's state today."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from egov.common.text import fold
from egov.directives.access import OFFICE_ROLES
from egov.directives.choices import Recurrence, ReportStatus, TaskState
from egov.directives.models import Task, TaskReport
from egov.directives.selectors.access import directive_scope, task_scope
from egov.directives.selectors.states import task_state_of
from egov.documents.models import Document
from egov.orgs.access import reach_of
from egov.workdays.selectors import work_calendar_get

# Look back far enough that a deadline on a day off is still "not yet due" on the next
# working day (Tết: 9 days off in a row).
STATE_MARGIN = datetime.timedelta(days=14)


@dataclass(frozen=True)
class TaskLine:
    """A task as a list shows it."""

    task: Task
    state: TaskState

    @property
    def is_extended(self) -> bool:
        return self.task.extension_count > 0


def _by_state(qs: QuerySet[Task], state: str, today: datetime.date) -> QuerySet[Task]:
    """A database pre-filter that keeps every task that can be in ``state`` today."""
    if state in (TaskState.DONE_ON_TIME, TaskState.DONE_LATE):
        return qs.filter(done_on__isnull=False)
    if state == TaskState.OVERDUE:
        return qs.filter(done_on__isnull=True, recurrence=Recurrence.NONE, deadline_on__lt=today)
    if state == TaskState.NOT_REPORTED:
        late = TaskReport.objects.filter(
            status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED), due_on__lt=today
        )
        return qs.filter(done_on__isnull=True, pk__in=late.values("task_id")).exclude(
            recurrence=Recurrence.NONE
        )
    return qs.filter(done_on__isnull=True).filter(
        Q(deadline_on__isnull=True) | Q(deadline_on__gte=today - STATE_MARGIN)
    )


def task_list_for_user(
    user: Any,
    *,
    document: Document | None = None,
    state: str = "",
    role: str = "",
    query: str = "",
    today: datetime.date | None = None,
) -> list[TaskLine]:
    """Visible tasks, filtered, soonest deadline first, with their state today.
    ``role``: "lead" (led by a unit within reach), "assigned" (any role), "office" (assigned
    by a unit the user acts for as its office)."""
    today = today or timezone.localdate()
    qs = task_scope(user)
    if document is not None:
        qs = qs.filter(document=document)
    if role == "lead":
        qs = qs.filter(reach_of(user).q("lead_unit"))
    elif role == "office":
        qs = qs.filter(reach_of(user, roles=OFFICE_ROLES).q("assigning_unit"))
    if query:
        qs = qs.filter(search_text__contains=fold(query))
    if state:
        qs = _by_state(qs, state, today)
    qs = (
        qs.select_related("lead_unit", "document__doc_type", "group")
        .prefetch_related(
            Prefetch("reports", queryset=TaskReport.objects.order_by("period_start", "pk"))
        )
        .order_by(F("deadline_on").asc(nulls_last=True), "document_id", "order", "pk")
    )
    calendar = work_calendar_get()
    lines = [
        TaskLine(task, task_state_of(calendar, task, task.reports.all(), today)) for task in qs
    ]
    return [line for line in lines if not state or line.state == state]


def directive_list_for_user(user: Any, *, query: str = "") -> QuerySet[Document]:
    """Visible directives, newest first."""
    qs = directive_scope(user).select_related("doc_type", "unit")
    if query:
        qs = qs.filter(search_text__contains=fold(query))
    return qs.order_by("-issued_on", "-pk")
