"""Forwarding with decisions taken at the step: the next step's unit (``to_unit``) and a due
moment set by the deciding officer (``due_at``), as the handling slip of an incoming document
does."""

from __future__ import annotations

import pytest

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.workflow.exceptions import InvalidTransition
from egov.workflow.models import ProcessInstance, StepInstance
from egov.workflow.services import step_forward
from egov.workflow.tests.factories import at, started


def test_forward_to_a_chosen_unit_with_a_set_due_moment(
    world, clock, citizen, front_desk_officer, unit_head
):
    instance = started(world, citizen, received_at=at(2025, 3, 3, 9))
    clock.set(at(2025, 3, 3, 10))

    instance = step_forward(
        actor=front_desk_officer,
        instance=instance,
        expected_version=1,
        to_unit=world.commune_a,
        due_at=at(2025, 3, 14, 17),
    )

    step = StepInstance.objects.get(pk=instance.current_step_id)
    instance.refresh_from_db()
    assert (step.step_definition.code, step.unit, step.due_at) == (
        "appraise",
        world.commune_a,
        at(2025, 3, 14, 17),
    )
    assert (instance.due_at, instance.legal_due_at, instance.version) == (
        at(2025, 3, 14, 17),
        at(2025, 3, 14, 17),
        2,
    )
    event = AuditEvent.objects.filter(action="workflow.step_forwarded").get()
    assert event.changes["unit"] == [world.desk_a.pk, world.commune_a.pk]
    assert "due_at" in event.changes


def test_forward_without_decisions_keeps_the_definition(world, clock, citizen, front_desk_officer):
    instance = started(world, citizen, received_at=at(2025, 3, 3, 9))
    legal_due = instance.legal_due_at
    clock.set(at(2025, 3, 3, 10))

    instance = step_forward(actor=front_desk_officer, instance=instance, expected_version=1)

    step = StepInstance.objects.get(pk=instance.current_step_id)
    assert (step.unit, instance.due_at, instance.legal_due_at) == (
        world.division_a,
        legal_due,
        legal_due,
    )


def test_a_due_moment_in_the_past_is_refused(world, clock, citizen, front_desk_officer):
    instance = started(world, citizen, received_at=at(2025, 3, 3, 9))
    clock.set(at(2025, 3, 3, 10))

    with pytest.raises(InvalidTransition):
        step_forward(
            actor=front_desk_officer,
            instance=instance,
            expected_version=1,
            due_at=at(2025, 3, 3, 9, 30),
        )

    assert ProcessInstance.objects.get(pk=instance.pk).version == 1
    assert StepInstance.objects.filter(instance=instance).count() == 1


def test_only_who_may_act_decides(world, clock, citizen, other_district_officer):
    instance = started(world, citizen, received_at=at(2025, 3, 3, 9))
    clock.set(at(2025, 3, 3, 10))

    with pytest.raises(PermissionDenied):
        step_forward(
            actor=other_district_officer,
            instance=instance,
            expected_version=1,
            to_unit=world.district_b,
            due_at=at(2025, 3, 14, 17),
        )

    assert StepInstance.objects.filter(instance=instance).count() == 1
    assert not AuditEvent.objects.filter(action="workflow.step_forwarded").exists()
