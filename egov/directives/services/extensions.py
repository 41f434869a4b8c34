"""Deadline extensions: the lead unit asks for a later deadline with a reason; the assigning
office grants it (possibly for another day) or refuses it. A granted extension moves the
deadline in force, is kept as a ``TaskChange`` and counted on the task (the scoreboard shows
that the task was extended)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.validation import require_text
from egov.directives.choices import AuditAction, ExtensionStatus, Recurrence
from egov.directives.exceptions import InvalidTask, WrongTaskState
from egov.directives.models import DeadlineExtension, Task, TaskChange
from egov.directives.rules import EXTENSION_TRANSITIONS
from egov.directives.services import common
from egov.directives.services.periods import single_period_sync


def _later(proposed: datetime.date | None, current: datetime.date, field: str) -> datetime.date:
    if proposed is None or proposed <= current:
        message = _("Give a date after the current deadline (%(date)s).") % {
            "date": current.strftime("%d/%m/%Y")
        }
        raise InvalidTask(message, fields={field: message})
    return proposed


def extension_request(
    *, actor: Any, task: Task, proposed_deadline_on: datetime.date, reason: str
) -> DeadlineExtension:
    """Ask for a later deadline; by the lead unit. One request at a time per task."""
    common.require_role(
        actor, task.lead_unit, common.REPORT_ROLES, _("Only the lead unit can ask for more time.")
    )
    reason = require_text(reason)
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.recurrence != Recurrence.NONE or task.deadline_on is None:
            raise WrongTaskState(_("A recurring task has no deadline to extend."))
        if task.done_on is not None:
            raise WrongTaskState(_("The task is done."))
        proposed = _later(proposed_deadline_on, task.deadline_on, "proposed_deadline_on")
        if task.extensions.filter(status=ExtensionStatus.PENDING).exists():
            raise WrongTaskState(_("A request for more time is already waiting for a decision."))
        try:
            with transaction.atomic():
                extension = DeadlineExtension.objects.create(
                    task=task,
                    requested_by=actor,
                    requested_at=timezone.now(),
                    current_deadline_on=task.deadline_on,
                    proposed_deadline_on=proposed,
                    reason=reason,
                )
        except IntegrityError as exc:  # a second request at the same moment
            raise WrongTaskState(
                _("A request for more time is already waiting for a decision.")
            ) from exc
        event_record(
            actor=actor,
            action=AuditAction.TASK_EXTENSION_REQUESTED,
            obj=extension,
            changes={
                "task": task.pk,
                "current": task.deadline_on,
                "proposed": proposed,
                "reason": reason,
            },
        )
    return extension


def _decide(actor: Any, extension: DeadlineExtension, transition: str) -> DeadlineExtension:
    common.require_office(actor, extension.task.assigning_unit)
    locked = row_lock(DeadlineExtension.objects.select_related("task"), extension.pk)
    EXTENSION_TRANSITIONS.check(transition, locked.status)
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    return locked


def extension_grant(
    *,
    actor: Any,
    extension: DeadlineExtension,
    note: str = "",
    deadline_on: datetime.date | None = None,
) -> DeadlineExtension:
    """Grant the request (for ``deadline_on`` if given, else the day asked); by the assigning
    office. The new deadline is in force from now on."""
    with transaction.atomic():
        extension = _decide(actor, extension, "grant")
        task = Task.objects.select_for_update().get(pk=extension.task_id)
        if task.done_on is not None:
            raise WrongTaskState(_("The task is done."))
        new = _later(deadline_on or extension.proposed_deadline_on, task.deadline_on, "deadline_on")
        TaskChange.objects.create(
            task=task,
            field="deadline_on",
            old_value=str(task.deadline_on),
            new_value=str(new),
            reason=extension.reason,
            changed_by=actor,
            changed_at=extension.decided_at,
        )
        old = task.deadline_on
        task.deadline_on = new
        task.extension_count += 1
        task.version += 1
        task.save(update_fields=["deadline_on", "extension_count", "version"])
        single_period_sync(task)
        extension.status = ExtensionStatus.GRANTED
        extension.decision_note = note.strip()
        extension.save()
        event_record(
            actor=actor,
            action=AuditAction.TASK_EXTENSION_GRANTED,
            obj=extension,
            changes={"task": task.pk, "deadline_on": [old, new], "note": note},
        )
        common.scoreboard_refresh([task])
    return extension


def extension_refuse(*, actor: Any, extension: DeadlineExtension, note: str) -> DeadlineExtension:
    """Refuse the request with the reason; by the assigning office. The deadline stays."""
    note = require_text(note, "note")
    with transaction.atomic():
        extension = _decide(actor, extension, "refuse")
        extension.status = ExtensionStatus.REFUSED
        extension.decision_note = note
        extension.save()
        event_record(
            actor=actor,
            action=AuditAction.TASK_EXTENSION_REFUSED,
            obj=extension,
            changes={"task": extension.task_id, "note": note},
        )
    return extension
