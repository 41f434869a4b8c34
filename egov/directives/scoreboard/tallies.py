"""Computing and writing the tallies (one per task, one per report owed by a task's lead unit)
from the task tables. Used by :mod:`egov.directives.scoreboard.services` inside its locked
transaction; nothing here checks permissions or commits."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Model

from egov.directives.choices import Recurrence, ReportStatus
from egov.directives.models import ReportTally, Task, TaskReport, TaskTally
from egov.directives.scoreboard.rules import ReportFact, report_bucket, settle, task_bucket
from egov.workdays.rules import VN_TZ, WorkCalendar

# A report counts as sent while it is with the assigning office; a returned one must be sent
# again (its first sending is kept in the audit trail, not here).
SENT_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
CHUNK = 500
BATCH = 2000
TALLY_FIELDS = ("unit_id", "document_id", "day", "outcome", "overdue_after")
Cell = tuple[int, datetime.date]  # unit id, period day


def chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    for index in range(0, len(values), size):
        yield values[index : index + size]


def _submitted_on(status: str, submitted_at: datetime.datetime | None) -> datetime.date | None:
    if status not in SENT_STATUSES or submitted_at is None:
        return None
    return submitted_at.astimezone(VN_TZ).date()


def _report_rows(task_ids: list[int]) -> dict[int, list[tuple]]:
    rows = TaskReport.objects.filter(task_id__in=task_ids).values_list(
        "pk", "task_id", "unit_id", "due_on", "status", "submitted_at"
    )
    by_task: dict[int, list[tuple]] = {}
    for pk, task_id, unit_id, due_on, status, submitted_at in rows:
        by_task.setdefault(task_id, []).append(
            (pk, unit_id, due_on, _submitted_on(status, submitted_at))
        )
    return by_task


def tallies_compute(
    calendar: WorkCalendar, task_ids: list[int], settled_on: datetime.date | None
) -> tuple[dict[int, TaskTally], dict[int, ReportTally]]:
    """The tallies of these tasks and of their lead units' reports, from two queries;
    overdue-after days before ``settled_on`` are stored as one past day."""
    reports = _report_rows(task_ids)
    rows = Task.objects.filter(pk__in=task_ids).values_list(
        "pk",
        "lead_unit_id",
        "document_id",
        "assigned_on",
        "recurrence",
        "deadline_on",
        "done_on",
        "percent_done",
    )
    tasks: dict[int, TaskTally] = {}
    report_tallies: dict[int, ReportTally] = {}
    for pk, lead_id, document_id, assigned_on, recurrence, deadline, done, percent in rows:
        facts = []
        for report_id, unit_id, due_on, submitted in reports.get(pk, ()):
            facts.append(ReportFact(unit_id == lead_id, due_on, submitted))
            if unit_id != lead_id:  # the reports owed are the lead unit's (one per period)
                continue
            bucket = report_bucket(calendar, due_on=due_on, submitted_on=submitted)
            report_tallies[report_id] = ReportTally(
                report_id=report_id,
                task_id=pk,
                unit_id=unit_id,
                document_id=document_id,
                day=due_on,
                outcome=bucket.outcome,
                overdue_after=settle(bucket.overdue_after, settled_on),
            )
        bucket = task_bucket(
            calendar,
            recurring=recurrence != Recurrence.NONE,
            deadline_on=deadline,
            done_on=done,
            percent_done=percent,
            reports=facts,
        )
        tasks[pk] = TaskTally(
            task_id=pk,
            unit_id=lead_id,
            document_id=document_id,
            day=assigned_on,
            outcome=bucket.outcome,
            overdue_after=settle(bucket.overdue_after, settled_on),
        )
    return tasks, report_tallies


def _same(old: Model, new: Model) -> bool:
    return all(getattr(old, name) == getattr(new, name) for name in TALLY_FIELDS)


def tallies_replace(
    model: type[Model], old: dict[int, Model], new: dict[int, Model]
) -> tuple[int, set[Cell]]:
    """Write the tallies that changed; return how many, and the cells (unit, period day) they
    leave or enter."""
    stale = [pk for pk, row in old.items() if pk not in new or not _same(row, new[pk])]
    fresh = [row for pk, row in new.items() if pk not in old or not _same(old[pk], row)]
    for part in chunks(stale):
        model.objects.filter(pk__in=part).delete()
    model.objects.bulk_create(fresh, batch_size=BATCH)
    cells = {(old[pk].unit_id, old[pk].day) for pk in stale}
    return len(stale) + len(fresh), cells | {(row.unit_id, row.day) for row in fresh}
