"""A whole run of a four-step liên thông procedure across the Tết 2025 break, with exact due
moments; sending back, handing over and assigning."""

from __future__ import annotations

from decimal import Decimal

import pytest

from egov.audit.models import AuditEvent
from egov.common.validation import TextRequired
from egov.workflow.exceptions import InvalidTransition
from egov.workflow.models import StepInstance
from egov.workflow.services import (
    step_assign,
    step_forward,
    step_handover,
    step_send_back,
)
from egov.workflow.tests.factories import at, dept_specialist, started

D = Decimal


def _steps(instance):
    return [
        (
            s.seq,
            s.step_definition.code,
            s.unit.name,
            s.due_at,
            s.left_at,
            s.action,
            s.used_days,
            s.timeliness,
        )
        for s in StepInstance.objects.filter(instance=instance)
        .select_related("step_definition", "unit")
        .order_by("seq")
    ]


def test_full_run_across_tet_between_district_and_city(
    world, clock, citizen, front_desk_officer, specialist, unit_head
):
    """Received Wed 22/01/2025 10:00; Tết closes 25/01–02/02; 5.5 working days."""
    officer_dept = dept_specialist(world)
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10))
    assert (instance.counting_started_at, instance.due_at) == (
        at(2025, 1, 22, 10),
        at(2025, 2, 5, 15),
    )

    clock.set(at(2025, 1, 22, 11))
    instance = step_forward(actor=front_desk_officer, instance=instance, expected_version=1)
    clock.set(at(2025, 1, 24, 9))
    instance = step_forward(actor=specialist, instance=instance, expected_version=2)
    clock.set(at(2025, 2, 3, 15))
    instance = step_forward(actor=officer_dept, instance=instance, expected_version=3)
    clock.set(at(2025, 2, 4, 10))
    instance = step_forward(actor=unit_head, instance=instance, expected_version=4)

    district, division, desk, dept = (
        world.district_a.name,
        world.division_a.name,
        world.desk_a.name,
        world.dept.name,
    )
    assert _steps(instance) == [
        (
            1,
            "receive",
            desk,
            at(2025, 1, 22, 15),
            at(2025, 1, 22, 11),
            "forwarded",
            D("0.125"),
            "on_time",
        ),
        (
            2,
            "appraise",
            division,
            at(2025, 1, 23, 16),
            at(2025, 1, 24, 9),
            "forwarded",
            D("1.75"),
            "late",
        ),
        (
            3,
            "consult",
            dept,
            at(2025, 2, 4, 14),
            at(2025, 2, 3, 15),
            "forwarded",
            D("1.625"),
            "early",
        ),
        (
            4,
            "sign",
            district,
            at(2025, 2, 4, 15),
            at(2025, 2, 4, 10),
            "finished",
            D("0.5"),
            "on_time",
        ),
    ]
    assert (
        instance.status,
        instance.outcome,
        instance.timeliness,
        instance.finished_at,
        instance.current_step,
        instance.version,
    ) == ("finished", "completed", "early", at(2025, 2, 4, 10), None, 5)
    entered = StepInstance.objects.filter(instance=instance).order_by("seq")
    assert [step.unit_id for step in entered] == [
        world.desk_a.pk,
        world.division_a.pk,
        world.dept.pk,
        world.district_a.pk,
    ]
    assert list(
        AuditEvent.objects.for_object(instance).order_by("id").values_list("action", flat=True)
    ) == ["workflow.started"] + ["workflow.step_forwarded"] * 3 + ["workflow.finished"]


def test_received_after_the_cutoff_counts_from_the_makeup_saturday(world, citizen):
    """Fri 07/02/2025 16:00 → counting starts Sat 08/02/2025 08:00, a make-up working day."""
    instance = started(world, citizen, received_at=at(2025, 2, 7, 16))

    step = instance.current_step
    assert (instance.counting_started_at, instance.due_at, instance.calendar_version) == (
        at(2025, 2, 8, 8),
        at(2025, 2, 14, 12),
        "h0.109-r1",
    )
    assert (step.entered_at, step.counted_from, step.due_at) == (
        at(2025, 2, 7, 16),
        at(2025, 2, 8, 8),
        at(2025, 2, 8, 12),
    )


def test_send_back_returns_to_the_officer_who_forwarded(
    world, clock, citizen, front_desk_officer, specialist
):
    officer_dept = dept_specialist(world)
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10))
    clock.set(at(2025, 1, 22, 11))
    instance = step_forward(actor=front_desk_officer, instance=instance, expected_version=1)
    clock.set(at(2025, 1, 23, 9))
    instance = step_forward(actor=specialist, instance=instance, expected_version=2)

    clock.set(at(2025, 1, 24, 14))
    instance = step_send_back(
        actor=officer_dept,
        instance=instance,
        expected_version=3,
        reason="Thiếu xác nhận của UBND phường",
    )

    back = instance.current_step
    assert (
        back.seq,
        back.step_definition.code,
        back.unit,
        back.assignee,
        back.arrived_by,
        back.due_at,
    ) == (
        4,
        "appraise",
        world.division_a,
        specialist,
        "sent_back",
        at(2025, 2, 4, 9),
    )  # 3 h on 24/01, 8 h on 03/02, 1 h
    left = StepInstance.objects.get(instance=instance, seq=3)
    assert (left.action, left.note, left.acted_by) == (
        "sent_back",
        "Thiếu xác nhận của UBND phường",
        officer_dept,
    )
    assert instance.due_at == at(2025, 2, 5, 15)  # sending back does not stop the clock


def test_send_back_needs_a_reason_and_a_previous_step(world, citizen, front_desk_officer):
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10))

    with pytest.raises(TextRequired):
        step_send_back(actor=front_desk_officer, instance=instance, expected_version=1, reason="  ")
    with pytest.raises(InvalidTransition):
        step_send_back(
            actor=front_desk_officer, instance=instance, expected_version=1, reason="Sai thủ tục"
        )
    assert StepInstance.objects.filter(instance=instance).count() == 1
    assert AuditEvent.objects.for_object(instance).count() == 1


def test_handover_moves_the_step_and_keeps_its_due_moment(
    world, clock, citizen, front_desk_officer, specialist
):
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10))
    clock.set(at(2025, 1, 22, 11))
    instance = step_forward(actor=front_desk_officer, instance=instance, expected_version=1)

    clock.set(at(2025, 1, 23, 8))
    instance = step_handover(
        actor=specialist,
        instance=instance,
        expected_version=2,
        to_unit=world.commune_a,
        reason="Cần xác minh tại phường",
    )

    step = instance.current_step
    assert (step.step_definition.code, step.unit, step.role, step.due_at, step.arrived_by) == (
        "appraise",
        world.commune_a,
        "specialist",
        at(2025, 1, 23, 16),
        "handed_over",
    )
    assert StepInstance.objects.get(instance=instance, seq=2).action == "handed_over"


def test_head_assigns_and_only_the_assignee_or_a_head_may_act(
    world, clock, citizen, front_desk_officer, specialist, division_head
):
    from conftest import make_officer

    colleague = make_officer("chuyenvien2.vhtt@example.vn", world.division_a, "specialist")
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10))
    instance = step_forward(actor=front_desk_officer, instance=instance, expected_version=1)

    instance = step_assign(
        actor=division_head, instance=instance, expected_version=2, assignee=specialist
    )

    assert instance.current_step.assignee == specialist
    from egov.common.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        step_forward(actor=colleague, instance=instance, expected_version=3)
    with pytest.raises(PermissionDenied):
        step_assign(actor=colleague, instance=instance, expected_version=3, assignee=colleague)
    instance = step_forward(actor=specialist, instance=instance, expected_version=3)
    assert instance.current_step.step_definition.code == "consult"
