"""The clock of an instance: pause, resume (restart or exclude), re-set the due moment once."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.versioned import versioned_update
from egov.common.validation import require_text
from egov.workdays.rules import WorkCalendar, add_working_time, working_days_between
from egov.workdays.selectors import deadline_compute, work_calendar_get
from egov.workflow import rules
from egov.workflow.choices import AuditAction, InstanceStatus
from egov.workflow.exceptions import DueResetRefused
from egov.workflow.locks import instance_lock
from egov.workflow.models import Pause, ProcessInstance, StepInstance
from egov.workflow.services import _base as base


def process_pause(
    *,
    actor: User,
    instance: ProcessInstance,
    expected_version: int,
    reason: str,
    restarts_clock: bool,
) -> ProcessInstance:
    """Stop the clock, e.g. to request completion from the applicant. The caller (the domain
    app, which keeps its rule versions) decides whether resuming restarts the time limit
    (Decree 61/2018/NĐ-CP art. 19, supplement after appraisal) or excludes the wait."""
    reason = require_text(reason, "reason")
    with transaction.atomic():
        instance = instance_lock(instance.pk, expected_version)
        step = base.open_step(instance)
        base.require_may_act(actor, step)
        rules.INSTANCE_TRANSITIONS.check("pause", instance.status)
        before = base.snapshot(instance, step)
        Pause.objects.create(
            instance=instance,
            step=step,
            reason=reason,
            restarts_clock=restarts_clock,
            started_at=timezone.now(),
            started_by=actor,
        )
        instance.status = InstanceStatus.PAUSED
        versioned_update(
            actor=actor,
            row=instance,
            action=AuditAction.PAUSED,
            also_save=["status"],
            before=before,
            after=lambda i: base.snapshot(i, step),
            changes={"reason": reason, "restarts_clock": restarts_clock},
        )
    return instance


def _restart(
    instance: ProcessInstance, step: StepInstance, now: datetime.datetime, calendar: WorkCalendar
) -> None:
    """The whole time limit again from ``now``; the current step gets its full allowance."""
    deadline = deadline_compute(
        now,
        instance.definition.total_days,
        apply_cutoff=instance.apply_cutoff,
        calendar_version=calendar.version,
    )
    instance.counting_started_at = deadline.start_counted_at
    instance.legal_due_at = instance.due_at = deadline.due_at
    instance.calendar_version = deadline.calendar_version
    step.counted_from, step.paused_days = deadline.start_counted_at, Decimal(0)
    step.due_at = add_working_time(calendar, step.counted_from, step.step_definition.allowance_days)


def _exclude(
    instance: ProcessInstance, step: StepInstance, paused: Decimal, calendar: WorkCalendar
) -> None:
    """Move every due moment by the working time spent paused."""
    if paused > 0:
        instance.legal_due_at = add_working_time(calendar, instance.legal_due_at, paused)
        instance.due_at = add_working_time(calendar, instance.due_at, paused)
        step.due_at = add_working_time(calendar, step.due_at, paused)
        step.paused_days += paused
    instance.calendar_version = calendar.version


def process_resume(
    *, actor: User | None, instance: ProcessInstance, expected_version: int
) -> ProcessInstance:
    """Start the clock again, by the rule chosen when pausing (restart or exclude)."""
    with transaction.atomic():
        instance = instance_lock(instance.pk, expected_version)
        step = base.open_step(instance)
        base.require_may_manage(actor, instance, step)
        rules.INSTANCE_TRANSITIONS.check("resume", instance.status)
        now, calendar = timezone.now(), work_calendar_get()
        before = base.snapshot(instance, step)
        pause = Pause.objects.get(instance=instance, ended_at__isnull=True)
        paused = working_days_between(calendar, pause.started_at, now)
        if pause.restarts_clock:
            _restart(instance, step, now, calendar)
        else:
            _exclude(instance, step, paused, calendar)
        pause.ended_at, pause.ended_by = now, actor
        pause.excluded_days = None if pause.restarts_clock else paused.quantize(base.THOUSANDTH)
        pause.save(update_fields=["ended_at", "ended_by", "excluded_days"])
        step.save(update_fields=["counted_from", "paused_days", "due_at"])
        instance.status = InstanceStatus.RUNNING
        versioned_update(
            actor=actor,
            row=instance,
            action=AuditAction.RESUMED,
            also_save=[
                "status",
                "counting_started_at",
                "legal_due_at",
                "due_at",
                "calendar_version",
            ],
            before=before,
            after=lambda i: base.snapshot(i, step),
            changes={"restarted": pause.restarts_clock},
        )
    return instance


def _check_due_reset(instance: ProcessInstance, new_due_at: datetime.datetime) -> None:
    if instance.due_reset_count >= 1:
        raise DueResetRefused(
            _("The due moment has already been re-set once; it can be re-set only once.")
        )
    if timezone.now() >= instance.due_at:
        raise DueResetRefused(_("The due moment has passed; it had to be re-set before."))
    if new_due_at <= instance.due_at:
        raise DueResetRefused(
            _("The new due moment must be later than the current one."),
            fields={"new_due_at": _("Choose a later moment.")},
        )


def process_due_reset(
    *,
    actor: User | None,
    instance: ProcessInstance,
    expected_version: int,
    new_due_at: datetime.datetime,
    reason: str,
) -> ProcessInstance:
    """Re-set the appointment once, before it passes, to a later moment: the engine side of
    the apology letter (Decree 61/2018/NĐ-CP art. 19; TT 01/2018/TT-VPCP form 04)."""
    reason = require_text(reason, "reason")
    with transaction.atomic():
        instance = instance_lock(instance.pk, expected_version)
        step = base.open_step(instance)
        base.require_may_manage(actor, instance, step)
        rules.INSTANCE_TRANSITIONS.check("due_reset", instance.status)
        _check_due_reset(instance, new_due_at)
        before = base.snapshot(instance, step)
        instance.due_at, instance.due_reset_reason = new_due_at, reason
        instance.due_reset_count += 1
        versioned_update(
            actor=actor,
            row=instance,
            action=AuditAction.DUE_RESET,
            also_save=["due_at", "due_reset_count", "due_reset_reason"],
            before=before,
            after=lambda i: base.snapshot(i, step),
            changes={"reason": reason},
        )
    return instance
