"""The milestones of a crowded case followed as tasks of ``directives`` (ADR 0027): each
milestone not yet done becomes a task on the year plan's issued document (the city's Kế
hoạch), its lead unit the case's unit, its deadline the milestone's day, so the city
scoreboard and the task reminders follow it like any task. The task is created and changed
through directives' own services (``task_create``, ``task_update``) by the office of the plan
document's unit; complaints keeps a one-to-one link from the milestone to its task."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.complaints.choices import ComplaintsAuditAction, CrowdedStep
from egov.complaints.exceptions import ComplaintsError
from egov.complaints.models import CrowdedCase, CrowdedMilestone, CrowdedPlan
from egov.directives.access import is_office
from egov.directives.choices import TaskUnitRole
from egov.directives.models import Task, TaskUnit
from egov.directives.services.task_edit import TaskData, task_create, task_update
from egov.documents.choices import Direction, DocumentStatus
from egov.documents.models import Document

A = ComplaintsAuditAction


def _invalid(field: str, message: str) -> ComplaintsError:
    return ComplaintsError(message, code="invalid", fields={field: message})


def plan_document_check(actor: Any, document: Document) -> None:
    """A plan's document is an issued outgoing document whose type assigns tasks, of a unit
    whose office the actor acts for (the office that will own the tasks)."""
    if (
        document.direction != Direction.OUTGOING
        or document.status != DocumentStatus.ISSUED
        or not document.doc_type.assigns_tasks
    ):
        raise _invalid("document", _("Choose an issued plan or directive that assigns tasks."))
    if not is_office(actor, document.unit):
        raise _invalid("document", _("Choose a document of a unit whose office you act for."))


def may_make_tasks(user: Any, plan: CrowdedPlan) -> bool:
    return plan.document_id is not None and is_office(user, plan.document.unit)


def _content(case: CrowdedCase, step: str) -> str:
    """The task's wording: the step, the case's number and unit; never a person or the
    summary, which may name one (tasks appear in the public press release)."""
    return _("%(step)s: crowded case %(number)s of %(unit)s") % {
        "step": CrowdedStep(step).label,
        "number": case.petition.number,
        "unit": case.petition.unit.name,
    }


def crowded_case_tasks_create(*, actor: Any, case: CrowdedCase) -> list[CrowdedMilestone]:
    """Make each milestone of ``case`` not yet done and not yet a task a task of the plan's
    document (by its office). Running it again makes nothing twice."""
    plan = case.plan
    if plan.document_id is None:
        message = _(
            "The plan of %(year)s names no plan document to assign tasks from; the city "
            "inspectorate sets it on the plan."
        ) % {"year": plan.year}
        raise _invalid("document", message)
    if not is_office(actor, plan.document.unit):
        raise PermissionDenied(_("Only the office of the plan's document assigns its tasks."))
    with transaction.atomic():
        milestones = list(
            CrowdedMilestone.objects.select_for_update()
            .filter(case_id=case.pk)
            .order_by("position")
        )
        made = []
        for milestone in milestones:
            if milestone.task_id is not None or milestone.done_on is not None:
                continue
            task = task_create(
                actor=actor,
                document=plan.document,
                data=TaskData(
                    content=_content(case, milestone.step),
                    lead_unit=case.petition.unit,
                    deadline_on=milestone.due_on,
                ),
            )
            milestone.task = task
            milestone.save(update_fields=["task"])
            made.append(milestone)
        if made:
            event_record(
                actor=actor,
                action=A.CROWDED_TASKS_CREATED,
                obj=case,
                changes={
                    "document": plan.document_id,
                    "tasks": {m.step: m.task_id for m in made},
                },
            )
    return made


def _data_with_deadline(task: Task, deadline_on: datetime.date) -> TaskData:
    """The task as it is, with another deadline (for ``task_update``)."""
    units: dict[str, list] = {TaskUnitRole.COOPERATE: [], TaskUnitRole.IMPLEMENT: []}
    for row in TaskUnit.objects.filter(task=task).select_related("unit"):
        units.get(row.role, []).append(row.unit)
    return TaskData(
        content=task.content,
        lead_unit=task.lead_unit,
        cooperating=units[TaskUnitRole.COOPERATE],
        implementing=units[TaskUnitRole.IMPLEMENT],
        expected_result=task.expected_result,
        target_value=task.target_value,
        target_unit=task.target_unit,
        recurrence=task.recurrence,
        deadline_on=deadline_on,
        period_day=task.period_day,
        period_month=task.period_month,
        report_by_on=task.report_by_on,
    )


def tasks_follow_plan(*, actor: Any, plan: CrowdedPlan, days: dict[str, datetime.date]) -> int:
    """Move the deadline of each task of a milestone not done whose day changed, through
    directives' ``task_update`` (a ``TaskChange`` with the reason, the scoreboard recounted).
    Inside the plan's transaction, before the milestones' own days move."""
    moving = (
        CrowdedMilestone.objects.filter(case__plan=plan, done_on__isnull=True, task__isnull=False)
        .select_related("task__lead_unit", "task__document__unit", "task__assigning_unit")
        .order_by("pk")
    )
    reason = _("The five-step plan of %(year)s moved the day of this step.") % {"year": plan.year}
    moved = 0
    for milestone in moving:
        day = days[milestone.step]
        if milestone.task.deadline_on == day:
            continue
        task_update(
            actor=actor,
            task=milestone.task,
            expected_version=milestone.task.version,
            data=_data_with_deadline(milestone.task, day),
            reason=reason,
        )
        moved += 1
    return moved
