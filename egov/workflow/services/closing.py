"""Ending an instance: finish (completed or refused) and cancel."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.workdays.selectors import work_calendar_get
from egov.workflow import rules
from egov.workflow.choices import AuditAction, InstanceStatus, Outcome, StepAction
from egov.workflow.exceptions import InvalidTransition
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
    base.bump_and_record(
        actor,
        AuditAction.FINISHED,
        instance,
        before,
        None,
        "status",
        "outcome",
        "finished_at",
        "timeliness",
        "current_step",
        "closing_note",
        outcome=outcome,
        timeliness=instance.timeliness,
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
        note = base.require_text(note, "note")
    with transaction.atomic():
        instance = base.locked(instance, expected_version)
        step = base.open_step(instance)
        base.require_may_act(actor, step)
        base.require_status(instance, InstanceStatus.RUNNING)
        return finish(actor, instance, step, outcome=outcome, note=note)


def process_cancel(
    *, actor: User | None, instance: ProcessInstance, expected_version: int, reason: str
) -> ProcessInstance:
    """Stop the instance for good (e.g. the applicant withdrew); an open pause ends with it."""
    reason = base.require_text(reason, "reason")
    with transaction.atomic():
        instance = base.locked(instance, expected_version)
        step = base.open_step(instance)
        base.require_may_manage(actor, instance, step)
        base.require_status(instance, InstanceStatus.RUNNING, InstanceStatus.PAUSED)
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
        base.bump_and_record(
            actor,
            AuditAction.CANCELLED,
            instance,
            before,
            None,
            "status",
            "finished_at",
            "current_step",
            "closing_note",
            reason=reason,
        )
    return instance
