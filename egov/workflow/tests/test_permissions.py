"""Who may act on a step, and two officers acting at once: one wins, the other is told."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, PermissionDenied
from egov.workflow.models import StepInstance
from egov.workflow.selectors import inbox_list_for_user, instance_get_for_user
from egov.workflow.services import step_forward, step_send_back
from egov.workflow.tests.factories import at, dept_specialist, liaison_definition, started


@pytest.fixture
def at_appraisal(world, clock, citizen, front_desk_officer):
    """At step 2 (district division, specialist) since 22/01/2025 11:00; version 2."""
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10))
    clock.set(at(2025, 1, 22, 11))
    return step_forward(actor=front_desk_officer, instance=instance, expected_version=1)


def test_two_officers_at_once_one_wins_the_other_is_told(at_appraisal, specialist, division_head):
    events, steps = AuditEvent.objects.count(), StepInstance.objects.count()
    step_forward(actor=specialist, instance=at_appraisal, expected_version=2)

    with translation.override("en"), pytest.raises(ConcurrentChange) as lost:
        step_send_back(
            actor=division_head, instance=at_appraisal, expected_version=2, reason="Chưa đủ căn cứ"
        )

    assert lost.value.code == "concurrent_change"
    assert lost.value.message == (
        "Someone else acted on “Hồ sơ 000.00.01.H26-250122-0001 — Nguyễn Văn An” first, so "
        "your action was not applied. Reload the page to see what changed."
    )
    assert AuditEvent.objects.count() == events + 1
    assert StepInstance.objects.count() == steps + 1
    at_appraisal.refresh_from_db()
    assert (at_appraisal.version, at_appraisal.current_step.step_definition.code) == (3, "consult")


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("specialist", True),
        ("division_head", True),
        ("unit_head", True),
        ("front_desk_officer", False),
        ("clerk", False),
        ("other_district_officer", False),
        ("system_admin", False),
    ],
)
def test_who_may_forward_the_division_step(request, at_appraisal, persona, allowed):
    actor = request.getfixturevalue(persona)
    events, steps = AuditEvent.objects.count(), StepInstance.objects.count()

    if allowed:
        step_forward(actor=actor, instance=at_appraisal, expected_version=2)
    else:
        with pytest.raises(PermissionDenied):
            step_forward(actor=actor, instance=at_appraisal, expected_version=2)

    assert AuditEvent.objects.count() == events + allowed
    assert StepInstance.objects.count() == steps + allowed


def test_other_district_officer_neither_sees_nor_gets_the_item(
    at_appraisal, other_district_officer
):
    assert list(inbox_list_for_user(other_district_officer, now=at(2025, 1, 22, 12))) == []
    with pytest.raises(Http404):
        instance_get_for_user(other_district_officer, at_appraisal.pk)


def test_district_head_sees_every_step_in_the_district_but_not_the_city_step(
    world, clock, citizen, front_desk_officer, specialist, unit_head
):
    definition = liaison_definition(world)
    first, second, third = (
        started(
            world,
            citizen,
            received_at=at(2025, 1, 22, 10),
            label=f"Hồ sơ {n}",
            definition=definition,
        )
        for n in (1, 2, 3)
    )
    clock.set(at(2025, 1, 22, 11))
    second = step_forward(actor=front_desk_officer, instance=second, expected_version=1)
    third = step_forward(actor=front_desk_officer, instance=third, expected_version=1)
    third = step_forward(actor=specialist, instance=third, expected_version=2)

    labels = [
        s.instance.subject_label for s in inbox_list_for_user(unit_head, now=at(2025, 1, 22, 12))
    ]

    assert labels == ["Hồ sơ 1", "Hồ sơ 2"]  # desk and division steps; not the Sở's
    assert instance_get_for_user(unit_head, third.pk) == third  # the district owns it
    assert [
        s.instance.subject_label
        for s in inbox_list_for_user(dept_specialist(world), now=at(2025, 1, 22, 12))
    ] == ["Hồ sơ 3"]
    assert first.current_step.unit == world.desk_a
