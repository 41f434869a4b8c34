"""Creating, changing and splitting tasks. Every change of a task's deadline, units or target
is kept as a ``TaskChange`` row (shown on the task) and in the audit trail.

A task has one lead unit (the Government working rules: one body leads, others cooperate;
Decision 42/2014/QĐ-TTg as amended by 23/2018/QĐ-TTg) and a deadline or a recurrence.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check
from egov.common.validation import require_text
from egov.directives.choices import AuditAction, Recurrence, TaskUnitRole
from egov.directives.exceptions import InvalidTask
from egov.directives.models import Task, TaskChange, TaskGroup, TaskUnit
from egov.directives.rules import target_parse, task_search_text
from egov.directives.services import common
from egov.directives.services.periods import (
    expected_reports_ensure,
    single_period_sync,
    untouched_reports_remove,
)
from egov.documents.choices import Direction, DocumentStatus
from egov.documents.models import Document
from egov.orgs.levels import administrative_unit
from egov.orgs.models import OrgUnit, OutsideBody
from egov.surveys.standings import INDEXES


@dataclass(frozen=True)
class TaskData:
    """What a task says: content, units, expected result and schedule."""

    content: str
    lead_unit: OrgUnit
    cooperating: Sequence[OrgUnit] = ()
    implementing: Sequence[OrgUnit] = ()
    expected_result: str = ""
    target_value: Decimal | None = None
    target_unit: str = ""
    recurrence: str = Recurrence.NONE
    deadline_on: datetime.date | None = None
    period_day: int | None = None
    period_month: int | None = None
    report_by_on: datetime.date | None = None
    outside_bodies: Sequence[OutsideBody] = ()
    participants_text: str = ""
    collective: str = ""  # the collective phrase the lead unit was assigned under, if any
    index_code: str = ""  # the governance index (PAPI, PCI...) whose dimension the task serves
    index_dimension: str = ""


def _invalid(field_name: str, message: str) -> InvalidTask:
    return InvalidTask(message, fields={field_name: message})


def _validate_serves(data: TaskData) -> None:
    """The index dimension served must be one the surveys app knows (or none)."""
    if not data.index_code and not data.index_dimension:
        return
    index = INDEXES.get(data.index_code)
    if index is None or index.dimension(data.index_dimension) is None:
        raise _invalid("index_dimension", _("Choose a dimension of a governance index."))


def _validate(data: TaskData, assigned_on: datetime.date) -> None:
    _validate_serves(data)
    if not data.content.strip():
        raise _invalid("content", _("Write what the task is."))
    if data.recurrence not in Recurrence.values:
        raise _invalid("recurrence", _("Choose a valid recurrence."))
    if data.recurrence == Recurrence.NONE and data.deadline_on is None:
        raise _invalid("deadline_on", _("Give a deadline, or choose a recurrence."))
    if data.deadline_on is not None and data.deadline_on < assigned_on:
        raise _invalid("deadline_on", _("The deadline comes before the task was assigned."))
    if data.period_day is not None and not 1 <= data.period_day <= 31:
        raise _invalid("period_day", _("Give a day between 1 and 31."))
    if data.period_month is not None and not 1 <= data.period_month <= 12:
        raise _invalid("period_month", _("Give a month between 1 and 12."))
    if data.target_value is not None and data.target_value < 0:
        raise _invalid("target_value", _("The target cannot be negative."))
    if len(data.target_unit) > 50:
        raise _invalid("target_unit", _("Keep the unit of the target under 50 characters."))


def _target(data: TaskData) -> tuple[Decimal | None, str]:
    if data.target_value is not None or data.target_unit:
        return data.target_value, data.target_unit.strip()
    return target_parse(data.expected_result)


def require_directive(document: Document) -> None:
    if (
        document.direction != Direction.OUTGOING
        or document.status != DocumentStatus.ISSUED
        or not document.doc_type.assigns_tasks
    ):
        raise InvalidTask(_("Only an issued directive document can assign tasks."))


def _unit_sets(data: TaskData) -> dict[str, list[OrgUnit]]:
    """Units by role, each once, the lead never repeated as cooperating or implementing."""
    lead = data.lead_unit
    cooperating = list({u.pk: u for u in data.cooperating if u.pk != lead.pk}.values())
    implementing = list({u.pk: u for u in data.implementing}.values())
    return {
        TaskUnitRole.LEAD: [lead],
        TaskUnitRole.COOPERATE: cooperating,
        TaskUnitRole.IMPLEMENT: implementing,
    }


def _units_write(task: Task, data: TaskData) -> None:
    TaskUnit.objects.filter(task=task).delete()
    TaskUnit.objects.bulk_create(
        [
            TaskUnit(task=task, unit=unit, role=role)
            for role, units in _unit_sets(data).items()
            for unit in units
        ]
    )


def _check_units(data: TaskData, root: OrgUnit) -> None:
    common.require_units_in_scope([data.lead_unit], root, "lead_unit")
    common.require_units_in_scope(data.cooperating, root, "cooperating")
    common.require_units_in_scope(data.implementing, root, "implementing")


def task_build(
    *,
    document: Document,
    data: TaskData,
    assigning_unit: OrgUnit,
    assigned_on: datetime.date,
    group: TaskGroup | None = None,
    parent: Task | None = None,
    order: int | None = None,
) -> Task:
    """Write one task, its unit rows and its expected reports (no permission check, no audit:
    for the services of this package, inside their transaction)."""
    _validate(data, assigned_on)
    value, unit = _target(data)
    if order is None:
        order = (Task.objects.filter(document=document).aggregate(m=Max("order"))["m"] or 0) + 1
    task = Task.objects.create(
        document=document,
        group=group,
        parent=parent,
        order=order,
        content=data.content.strip(),
        assigning_unit=assigning_unit,
        lead_unit=data.lead_unit,
        collective=data.collective.strip()[:200],
        expected_result=data.expected_result.strip(),
        target_value=value,
        target_unit=unit,
        assigned_on=assigned_on,
        recurrence=data.recurrence,
        deadline_on=data.deadline_on,
        original_deadline_on=data.deadline_on,
        period_day=data.period_day,
        period_month=data.period_month,
        report_by_on=data.report_by_on,
        participants_text=data.participants_text.strip(),
        search_text=task_search_text(data.content, data.expected_result, data.lead_unit.name),
        index_code=data.index_code,
        index_dimension=data.index_dimension,
    )
    _units_write(task, data)
    if data.outside_bodies:
        task.outside_bodies.set(data.outside_bodies)
    expected_reports_ensure(task, until=common.today())
    return task


def task_create(
    *, actor: Any, document: Document, data: TaskData, group: TaskGroup | None = None
) -> Task:
    """Add a task to a directive; by its assigning office."""
    common.require_office(actor, document.unit)
    require_directive(document)
    _check_units(data, administrative_unit(document.unit))
    with transaction.atomic():
        task = task_build(
            document=document,
            data=data,
            assigning_unit=document.unit,
            assigned_on=document.issued_on or common.today(),
            group=group,
        )
        event_record(
            actor=actor, action=AuditAction.TASK_CREATED, obj=task, changes=_snapshot(task)
        )
        common.scoreboard_refresh([task])
    return task


def _snapshot(task: Task) -> dict[str, Any]:
    units = {
        role: sorted(
            TaskUnit.objects.filter(task=task, role=role).values_list("unit_id", flat=True)
        )
        for role in (TaskUnitRole.COOPERATE, TaskUnitRole.IMPLEMENT)
    }
    return {
        "content": task.content,
        "lead_unit": task.lead_unit_id,
        "cooperating": units[TaskUnitRole.COOPERATE],
        "implementing": units[TaskUnitRole.IMPLEMENT],
        "expected_result": task.expected_result,
        "target_value": (
            format(Decimal(task.target_value).normalize(), "f")
            if task.target_value is not None
            else ""
        ),
        "target_unit": task.target_unit,
        "recurrence": task.recurrence,
        "deadline_on": task.deadline_on.isoformat() if task.deadline_on else "",
        "period_day": task.period_day or "",
        "period_month": task.period_month or "",
        "report_by_on": task.report_by_on.isoformat() if task.report_by_on else "",
        **({"serves": f"{task.index_code}.{task.index_dimension}"} if task.index_code else {}),
    }


def _unit_names(ids: object) -> str:
    if not isinstance(ids, list):
        return str(OrgUnit.objects.filter(pk=ids).values_list("name", flat=True).first() or "")
    return "; ".join(
        OrgUnit.objects.filter(pk__in=ids).order_by("name").values_list("name", flat=True)
    )


def _display(name: str, value: object) -> str:
    if name in ("lead_unit", "cooperating", "implementing"):
        return _unit_names(value)
    return str(value)


def task_update(
    *, actor: Any, task: Task, expected_version: int, data: TaskData, reason: str
) -> Task:
    """Change a task; by its assigning office, with a reason. Each changed field is kept as a
    ``TaskChange`` (before, after, reason, who, when)."""
    common.require_office(actor, task.assigning_unit)
    with transaction.atomic():
        task = row_lock(Task.objects.all(), task.pk)
        version_check(task, expected_version)
        _validate(data, task.assigned_on)
        _check_units(data, administrative_unit(task.document.unit))
        before = _snapshot(task)
        old_lead = task.lead_unit_id
        value, unit = _target(data)
        for name, new in (
            ("content", data.content.strip()),
            ("lead_unit", data.lead_unit),
            ("expected_result", data.expected_result.strip()),
            ("target_value", value),
            ("target_unit", unit),
            ("recurrence", data.recurrence),
            ("deadline_on", data.deadline_on),
            ("period_day", data.period_day),
            ("period_month", data.period_month),
            ("report_by_on", data.report_by_on),
        ):
            setattr(task, name, new)
        _units_write(task, data)
        after = _snapshot(task)
        changed = {k: (before[k], after[k]) for k in after if before[k] != after[k]}
        if not changed:
            return task
        reason = require_text(reason)
        now = timezone.now()
        TaskChange.objects.bulk_create(
            [
                TaskChange(
                    task=task,
                    field=name,
                    old_value=_display(name, old),
                    new_value=_display(name, new),
                    reason=reason,
                    changed_by=common.actor_or_none(actor),
                    changed_at=now,
                )
                for name, (old, new) in changed.items()
            ]
        )
        task.version += 1
        task.search_text = task_search_text(task.content, task.expected_result, data.lead_unit.name)
        task.save()
        if old_lead != task.lead_unit_id:
            untouched_reports_remove(task, old_lead)
        expected_reports_ensure(task, until=common.today())
        single_period_sync(task)
        event_record(
            actor=actor,
            action=AuditAction.TASK_CHANGED,
            obj=task,
            changes={k: list(v) for k, v in changed.items()} | {"reason": reason},
        )
        common.scoreboard_refresh([task])
    return task


@dataclass(frozen=True)
class SubtaskData:
    """One part of a split task: the unit below the lead unit that does it, and optionally its
    own wording, deadline (not after the task's) and target."""

    lead_unit: OrgUnit
    content: str = ""
    deadline_on: datetime.date | None = None
    expected_result: str = ""
    target_value: Decimal | None = None
    target_unit: str = ""


def _subtask_data(task: Task, part: SubtaskData) -> TaskData:
    if not part.lead_unit.is_within(task.lead_unit) or part.lead_unit.pk == task.lead_unit_id:
        raise _invalid(
            "lead_unit",
            _("%(unit)s is not a unit below the lead unit.") % {"unit": part.lead_unit.name},
        )
    if part.deadline_on and task.deadline_on and part.deadline_on > task.deadline_on:
        raise _invalid("deadline_on", _("A sub-task cannot be due after its task."))
    return TaskData(
        content=part.content.strip() or task.content,
        lead_unit=part.lead_unit,
        expected_result=part.expected_result,
        target_value=part.target_value,
        target_unit=part.target_unit,
        recurrence=task.recurrence,
        deadline_on=part.deadline_on or task.deadline_on,
        period_day=task.period_day,
        period_month=task.period_month,
        report_by_on=task.report_by_on,
    )


def task_split(
    *, actor: Any, task: Task, expected_version: int, parts: Sequence[SubtaskData]
) -> list[Task]:
    """Split a task into sub-tasks for units below its lead unit; by the lead unit acting as
    the assigning office of the sub-tasks. The task's progress then rolls up from them."""
    common.require_office(actor, task.lead_unit)
    if not parts:
        raise _invalid("parts", _("Name at least one unit."))
    with transaction.atomic():
        task = row_lock(Task.objects.all(), task.pk)
        version_check(task, expected_version)
        if task.done_on is not None:
            raise InvalidTask(_("A task already done cannot be split."))
        subtasks = [
            task_build(
                document=task.document,
                data=_subtask_data(task, part),
                assigning_unit=task.lead_unit,
                assigned_on=common.today(),
                group=task.group,
                parent=task,
            )
            for part in parts
        ]
        task.version += 1
        task.save(update_fields=["version"])
        event_record(
            actor=actor,
            action=AuditAction.TASK_SPLIT,
            obj=task,
            changes={
                "subtasks": [s.pk for s in subtasks],
                "units": [s.lead_unit_id for s in subtasks],
            },
        )
        common.scoreboard_refresh([task, *subtasks])
    return subtasks
