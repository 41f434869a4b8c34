"""Starting an instance and moving it between steps: forward, send back, hand over, assign.

Every action takes ``expected_version`` (the instance version the actor saw) and runs in one
transaction holding the instance lock; the audit entry and the signal go out inside it.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.audit.versioned import versioned_update
from egov.common.exceptions import PermissionDenied
from egov.common.text import fold
from egov.common.validation import require_text
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit
from egov.workdays.rules import Deadline
from egov.workdays.selectors import deadline_compute, work_calendar_get
from egov.workflow import rules
from egov.workflow.choices import AuditAction, Outcome, StepAction
from egov.workflow.exceptions import InvalidTransition
from egov.workflow.locks import instance_lock
from egov.workflow.models import ProcessDefinition, ProcessInstance, StepDefinition, StepInstance
from egov.workflow.services import _base as base
from egov.workflow.services.closing import finish


def _instance_create(
    definition: ProcessDefinition,
    owner_unit: OrgUnit,
    subject: models.Model,
    subject_label: str,
    received_at: datetime.datetime,
    deadline: Deadline,
    apply_cutoff: bool,
) -> ProcessInstance:
    return ProcessInstance.objects.create(
        definition=definition,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        subject_label=subject_label,
        search_text=fold(subject_label)[:300],
        owner_unit=owner_unit,
        received_at=received_at,
        counting_started_at=deadline.start_counted_at,
        legal_due_at=deadline.due_at,
        due_at=deadline.due_at,
        calendar_version=deadline.calendar_version,
        apply_cutoff=apply_cutoff,
    )


def process_start(
    *,
    actor: User | None,
    definition: ProcessDefinition,
    owner_unit: OrgUnit,
    subject: models.Model,
    subject_label: str,
    received_at: datetime.datetime,
    apply_cutoff: bool = True,
) -> ProcessInstance:
    """Start ``subject`` on a published definition (pinned: later versions do not affect it).
    The clock counts the legal time from ``received_at`` (15:00 cut-off unless turned off) and
    the first step opens. ``actor=None`` is the system (e.g. an online submission)."""
    if actor is not None and not can_act_for_unit(actor, owner_unit):
        raise PermissionDenied(_("You cannot start processing for this unit."))
    if not definition.is_published or not owner_unit.is_active:
        raise InvalidTransition(_("Only a published process can be started, for an existing unit."))
    calendar = work_calendar_get()
    deadline = deadline_compute(
        received_at,
        definition.total_days,
        apply_cutoff=apply_cutoff,
        calendar_version=calendar.version,
    )
    first = definition.steps.select_related("unit").order_by("order").first()
    # No savepoint of its own inside a caller's transaction (the desk's receipt): nothing here
    # is caught and retried, a failure fails the caller's transaction as a whole.
    with transaction.atomic(savepoint=False):
        instance = _instance_create(
            definition, owner_unit, subject, subject_label, received_at, deadline, apply_cutoff
        )
        step = base.enter_step(
            instance,
            first,
            seq=1,
            at=received_at,
            via=StepAction.STARTED,
            calendar=calendar,
            counted_from=deadline.start_counted_at,
        )
        instance.current_step = step
        instance.save(update_fields=["current_step"])
        changes = {
            "definition": [definition.code, definition.version],
            **base.snapshot(instance, step),
        }
        event_record(actor=actor, action=AuditAction.STARTED, obj=instance, changes=changes)
    return instance


def _step_at(instance: ProcessInstance, order: int) -> StepDefinition | None:
    return (
        StepDefinition.objects.select_related("unit")
        .filter(definition_id=instance.definition_id, order=order)
        .first()
    )


# How a step was left, and the audit action that records the move.
_STEP_AUDIT = {
    StepAction.FORWARDED: AuditAction.STEP_FORWARDED,
    StepAction.SENT_BACK: AuditAction.STEP_SENT_BACK,
    StepAction.HANDED_OVER: AuditAction.STEP_HANDED_OVER,
}


def _return_point(
    instance: ProcessInstance, step_def: StepDefinition
) -> tuple[OrgUnit | None, User | None]:
    """A step handled before in this instance goes back to the same unit and officer."""
    last = (
        StepInstance.objects.filter(instance=instance, step_definition=step_def)
        .select_related("unit", "acted_by")
        .order_by("-seq")
        .first()
    )
    if last is None:
        return None, None
    officer = last.acted_by
    if officer is not None and not can_act_for_unit(officer, last.unit, roles=[last.role]):
        officer = None
    return last.unit, officer


def _move(
    actor: User | None,
    instance: ProcessInstance,
    step: StepInstance,
    *,
    to: StepDefinition,
    via: str,
    note: str,
    assignee: User | None,
    unit: OrgUnit | None = None,
    instance_due_at: datetime.datetime | None = None,
    **enter: object,
) -> ProcessInstance:
    """Leave ``step`` and enter ``to``: the common part of forward, send back and hand over.
    ``instance_due_at`` also moves the due moment of the whole instance (legal and in force)."""
    now, calendar = timezone.now(), work_calendar_get()
    before = base.snapshot(instance, step)
    base.leave_step(step, at=now, action=via, actor=actor, note=note, calendar=calendar)
    new = base.enter_step(
        instance,
        to,
        seq=step.seq + 1,
        at=now,
        via=via,
        calendar=calendar,
        unit=unit,
        assignee=assignee,
        **enter,
    )
    instance.current_step = new
    fields = ["current_step"]
    if instance_due_at is not None:
        instance.legal_due_at = instance.due_at = instance_due_at
        fields += ["legal_due_at", "due_at"]
    versioned_update(
        actor=actor,
        row=instance,
        action=_STEP_AUDIT[via],
        also_save=fields,
        before=before,
        after=lambda i: base.snapshot(i, new),
    )
    return instance


def step_forward(
    *,
    actor: User,
    instance: ProcessInstance,
    expected_version: int,
    note: str = "",
    assignee: User | None = None,
    to_unit: OrgUnit | None = None,
    due_at: datetime.datetime | None = None,
) -> ProcessInstance:
    """Send the item to the next step (optionally to a named officer there); forwarding the
    last step finishes the instance as completed.

    Two decisions taken at this step may shape the next one: ``to_unit`` sends it to a unit
    chosen now rather than the definition's (e.g. the lead unit named on the handling slip of
    an incoming document), and ``due_at`` sets the due moment of the next step and of the whole
    instance (a deadline the deciding officer sets, not a time limit fixed in advance)."""
    if due_at is not None and due_at <= timezone.now():
        raise InvalidTransition(_("The new due moment must be in the future."))
    with transaction.atomic():
        instance = instance_lock(instance.pk, expected_version)
        step = base.open_step(instance)
        base.require_may_act(actor, step)
        rules.INSTANCE_TRANSITIONS.check("forward", instance.status)
        to = _step_at(instance, step.step_definition.order + 1)
        if to is None:
            return finish(actor, instance, step, outcome=Outcome.COMPLETED, note=note)
        if to_unit is not None and not to_unit.is_active:
            raise InvalidTransition(
                _("%(unit)s no longer exists; choose another unit.") % {"unit": to_unit.name}
            )
        unit, officer = _return_point(instance, to)
        if to_unit is not None and unit is not None and unit.pk != to_unit.pk:
            officer = None
        unit = to_unit or unit or to.unit or instance.owner_unit
        if assignee is not None:
            base.require_can_hold(assignee, unit, to.role)
        return _move(
            actor,
            instance,
            step,
            to=to,
            via=StepAction.FORWARDED,
            note=note,
            unit=unit,
            assignee=assignee or officer,
            due_at=due_at,
            instance_due_at=due_at,
        )


def step_send_back(
    *, actor: User, instance: ProcessInstance, expected_version: int, reason: str
) -> ProcessInstance:
    """Return the item to the previous step, to the unit and officer who handled it there;
    that step gets its full allowance again. The reason is required."""
    reason = require_text(reason, "reason")
    with transaction.atomic():
        instance = instance_lock(instance.pk, expected_version)
        step = base.open_step(instance)
        base.require_may_act(actor, step)
        rules.INSTANCE_TRANSITIONS.check("send_back", instance.status)
        to = _step_at(instance, step.step_definition.order - 1)
        if to is None:
            raise InvalidTransition(_("The first step has no step before it to send back to."))
        unit, officer = _return_point(instance, to)
        return _move(
            actor,
            instance,
            step,
            to=to,
            via=StepAction.SENT_BACK,
            note=reason,
            unit=unit,
            assignee=officer,
        )


def step_handover(
    *,
    actor: User,
    instance: ProcessInstance,
    expected_version: int,
    to_unit: OrgUnit,
    reason: str,
    role: str | None = None,
) -> ProcessInstance:
    """Hand the current step over to another unit (or role), e.g. a unit not foreseen in the
    definition. The step keeps its due moment: its allowance does not start again."""
    reason = require_text(reason, "reason")
    with transaction.atomic():
        instance = instance_lock(instance.pk, expected_version)
        step = base.open_step(instance)
        base.require_may_act(actor, step)
        rules.INSTANCE_TRANSITIONS.check("handover", instance.status)
        role = role or step.role
        if (
            not to_unit.is_active
            or role not in rules.STEP_ROLES
            or (to_unit.pk == step.unit_id and role == step.role)
        ):
            raise InvalidTransition(_("Choose another existing unit or role to hand over to."))
        return _move(
            actor,
            instance,
            step,
            to=step.step_definition,
            via=StepAction.HANDED_OVER,
            note=reason,
            unit=to_unit,
            assignee=None,
            role=role,
            due_at=step.due_at,
        )


def step_assign(
    *, actor: User, instance: ProcessInstance, expected_version: int, assignee: User
) -> ProcessInstance:
    """A head assigns the current step to an officer holding its role in its unit; an officer
    who may act on an unassigned step may also take it (assign it to themselves)."""
    with transaction.atomic():
        instance = instance_lock(instance.pk, expected_version)
        step = base.open_step(instance)
        heads = rules.supervisors_over(step.role)
        is_head = bool(heads) and can_act_for_unit(actor, step.unit, roles=heads)
        if not is_head and not (assignee.pk == actor.pk and base.may_act(actor, step)):
            raise PermissionDenied(_("Only a head of this unit can assign this step."))
        rules.INSTANCE_TRANSITIONS.check("assign", instance.status)
        base.require_can_hold(assignee, step.unit, step.role)
        before = base.snapshot(instance, step)
        step.assignee = assignee
        step.save(update_fields=["assignee"])
        versioned_update(
            actor=actor,
            row=instance,
            action=AuditAction.STEP_ASSIGNED,
            also_save=[],
            before=before,
            after=lambda i: base.snapshot(i, step),
        )
    return instance
