"""What every instance action shares: who may act, entering and leaving steps, and the
snapshot the audit entry compares (Wagtail ``BaseAction``: check, then execute). The lock, the
version check and the audited write are :mod:`egov.workflow.locks` and
:mod:`egov.audit.versioned`; the states an action is allowed from are
``rules.INSTANCE_TRANSITIONS``."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.common.exceptions import PermissionDenied
from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import Role
from egov.orgs.models import OrgUnit
from egov.workdays.rules import WorkCalendar, add_working_time, working_days_between
from egov.workflow import rules
from egov.workflow.exceptions import InvalidTransition
from egov.workflow.models import ProcessInstance, StepDefinition, StepInstance

THOUSANDTH = Decimal("0.001")


def open_step(instance: ProcessInstance) -> StepInstance:
    return StepInstance.objects.select_related("step_definition", "unit").get(
        pk=instance.current_step_id
    )


def may_act(actor: User | None, step: StepInstance) -> bool:
    """Holds the step's role in (or over) the step's unit and the step is not assigned to
    someone else; or heads it: a head of division or unit in (or over) the unit."""
    if actor is None or not actor.is_authenticated:
        return False
    return rules.may_act(
        step_role=step.role,
        step_assignee_id=step.assignee_id,
        actor_id=actor.pk,
        holds=lambda roles: can_act_for_unit(actor, step.unit, roles=list(roles)),
    )


def require_may_act(actor: User | None, step: StepInstance) -> None:
    if not may_act(actor, step):
        raise PermissionDenied(
            _(
                "Only the %(role)s of %(unit)s, or the officer it is assigned to, can act on "
                "this step."
            )
            % {"role": step.get_role_display().lower(), "unit": step.unit.name}
        )


def require_may_manage(actor: User | None, instance: ProcessInstance, step: StepInstance) -> None:
    """Instance-wide actions (resume, re-set the due moment, cancel): whoever may act on the
    current step, the head of the owner unit, or the system itself (``actor=None``)."""
    if actor is None or may_act(actor, step):
        return
    if not can_act_for_unit(actor, instance.owner_unit, roles=[Role.UNIT_HEAD]):
        raise PermissionDenied(_("You cannot change this item."))


def require_can_hold(user: User, unit: OrgUnit, role: str) -> None:
    if not can_act_for_unit(user, unit, roles=[role]):
        message = _("%(name)s is not a %(role)s of %(unit)s.") % {
            "name": user.full_name,
            "role": Role(role).label.lower(),
            "unit": unit.name,
        }
        raise InvalidTransition(message, fields={"assignee": message})


def enter_step(
    instance: ProcessInstance,
    step_def: StepDefinition,
    *,
    seq: int,
    at: datetime.datetime,
    via: str,
    calendar: WorkCalendar,
    unit: OrgUnit | None = None,
    role: str | None = None,
    assignee: User | None = None,
    counted_from: datetime.datetime | None = None,
    due_at: datetime.datetime | None = None,
) -> StepInstance:
    """Open a step: by default at the step's unit (or the owner unit), due after its allowance."""
    counted = counted_from or at
    return StepInstance.objects.create(
        instance=instance,
        seq=seq,
        step_definition=step_def,
        unit=unit or step_def.unit or instance.owner_unit,
        role=role or step_def.role,
        assignee=assignee,
        arrived_by=via,
        entered_at=at,
        counted_from=counted,
        due_at=due_at or add_working_time(calendar, counted, step_def.allowance_days),
    )


def leave_step(
    step: StepInstance,
    *,
    at: datetime.datetime,
    action: str,
    actor: User | None,
    note: str,
    calendar: WorkCalendar,
) -> None:
    """Close a step and grade it against its due moment (paused time excluded)."""
    used = working_days_between(calendar, step.counted_from, at) - step.paused_days
    step.left_at, step.action, step.note = at, action, note
    step.acted_by = actor if actor is not None and actor.is_authenticated else None
    step.used_days = max(used, Decimal(0)).quantize(THOUSANDTH, rounding=ROUND_HALF_UP)
    step.timeliness = rules.timeliness_grade(left_at=at, due_at=step.due_at, tz=calendar.tz)
    step.save(update_fields=["left_at", "action", "note", "acted_by", "used_days", "timeliness"])


def snapshot(instance: ProcessInstance, step: StepInstance | None) -> dict[str, Any]:
    """What the audit entry compares before and after an action."""
    return {
        "status": instance.status,
        "step": f"{step.step_definition.order}:{step.step_definition.code}" if step else None,
        "unit": step.unit_id if step else None,
        "assignee": step.assignee_id if step else None,
        "due_at": instance.due_at,
        "version": instance.version,
    }
