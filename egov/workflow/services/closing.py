"""Ending an instance: finish (completed or refused) and cancel."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.versioned import versioned_update
from egov.common.validation import require_text
from egov.workdays.selectors import work_calendar_get
from egov.workflow import rules
from egov.workflow.choices import AuditAction, InstanceStatus, Outcome, StepAction
from egov.workflow.exceptions import InvalidTransition
from egov.workflow.locks import instance_lock
from egov.workflow.models import Pause, ProcessInstance, StepInstance
from egov.workflow.services import _base as base


def finish(
    actor: User | None, instance: ProcessInstance, step: StepInstance, *, outcome: str, note: str
) -> ProcessInstance:
    """Close the last open step and the instance, graded against the due moment in force.
    Runs inside the caller's transaction, with the instance locked."""
    now, calendar = timezone.now(), work_calendar_get()
    before = base.snapshot(instance, step)
    base.leave_step(
        step, at=now, action=StepAction.FINISHED, actor=actor, note=note, calendar=calendar
    )
    instance.status, instance.outcome, instance.finished_at = InstanceStatus.FINISHED, outcome, now
    instance.timeliness = rules.timeliness_grade(
        left_at=now, due_at=instance.due_at, tz=calendar.tz
    )
    instance.current_step, instance.closing_note = None, note
    versioned_update(
        actor=actor,
        row=instance,
        action=AuditAction.FINISHED,
        also_save=[
            "status",
            "outcome",
            "finished_at",
            "timeliness",
            "current_step",
            "closing_note",
        ],
        before=before,
        after=lambda i: base.snapshot(i, None),
        changes={"outcome": outcome, "timeliness": instance.timeliness},
    )
    return instance


def process_finish(
    *,
    actor: User,
    instance: ProcessInstance,
    expected_version: int,
    outcome: str = Outcome.COMPLETED,
    note: str = "",
) -> ProcessInstance:
    """Finish at the current step, e.g. a result ready early or a refusal after appraisal
    (Decree 61/2018/NĐ-CP art. 19: refused within the time limit, with the reason)."""
    if outcome not in Outcome.values:
        raise InvalidTransition(_("Unknown outcome."))
    if outcome == Outcome.REFUSED:
        note = require_text(note, "note")
    with transaction.atomic():
        instance = instance_lock(instance.pk, expected_version)
        step = base.open_step(instance)
        base.require_may_act(actor, step)
        rules.INSTANCE_TRANSITIONS.check("finish", instance.status)
        return finish(actor, instance, step, outcome=outcome, note=note)


def process_cancel(
    *, actor: User | None, instance: ProcessInstance, expected_version: int, reason: str
) -> ProcessInstance:
    """Stop the instance for good (e.g. the applicant withdrew); an open pause ends with it."""
    reason = require_text(reason, "reason")
    with transaction.atomic():
        instance = instance_lock(instance.pk, expected_version)
        step = base.open_step(instance)
        base.require_may_manage(actor, instance, step)
        rules.INSTANCE_TRANSITIONS.check("cancel", instance.status)
        now, calendar = timezone.now(), work_calendar_get()
        before = base.snapshot(instance, step)
        Pause.objects.filter(instance=instance, ended_at__isnull=True).update(
            ended_at=now, ended_by=actor
        )
        base.leave_step(
            step, at=now, action=StepAction.CANCELLED, actor=actor, note=reason, calendar=calendar
        )
        instance.status, instance.finished_at = InstanceStatus.CANCELLED, now
        instance.current_step, instance.closing_note = None, reason
        versioned_update(
            actor=actor,
            row=instance,
            action=AuditAction.CANCELLED,
            also_save=["status", "finished_at", "current_step", "closing_note"],
            before=before,
            after=lambda i: base.snapshot(i, None),
            changes={"reason": reason},
        )
    return instance
