"""Definitions: checks on publishing, immutability, versions pinned by running instances."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.workflow.exceptions import DefinitionPublished, InvalidDefinition
from egov.workflow.models import ProcessDefinition, StepDefinition
from egov.workflow.selectors import process_definition_current, process_definition_current_of
from egov.workflow.services import (
    StepSpec,
    process_definition_create,
    process_definition_new_version,
    process_definition_publish,
    process_definition_replace_draft,
    step_forward,
)
from egov.workflow.tests.factories import at, liaison_definition, liaison_steps, started

D = Decimal


def test_publishing_refuses_allowances_that_do_not_add_up(world):
    steps = liaison_steps(world)[:3]  # 4.5 of 5.5 days
    draft = process_definition_create(
        actor=None,
        code="X",
        name="X",
        version=1,
        effective_from=datetime.date(2025, 1, 1),
        total_days=D("5.5"),
        steps=steps,
    )

    with translation.override("en"), pytest.raises(InvalidDefinition) as refused:
        process_definition_publish(actor=None, definition=draft)

    assert refused.value.message == (
        "The step allowances add up to 4.5 working days, not to the legal time limit of 5.5 "
        "working days."
    )
    draft.refresh_from_db()
    assert (draft.is_published, draft.published_at) == (False, None)


def test_publishing_refuses_gaps_in_the_order(world):
    steps = [StepSpec(1, "a", "A", "specialist", D(1)), StepSpec(3, "b", "B", "unit_head", D(1))]
    draft = process_definition_create(
        actor=None,
        code="X",
        name="X",
        version=1,
        effective_from=datetime.date(2025, 1, 1),
        total_days=D(2),
        steps=steps,
    )

    with translation.override("en"), pytest.raises(InvalidDefinition) as refused:
        process_definition_publish(actor=None, definition=draft)

    assert refused.value.message == (
        "Steps must be numbered 1, 2, 3… without gaps or repeats; found 1, 3."
    )


def test_a_published_version_cannot_change(world):
    definition = liaison_definition(world)

    with pytest.raises(DefinitionPublished):
        process_definition_replace_draft(
            actor=None,
            definition=definition,
            name="Đổi tên",
            effective_from=datetime.date(2025, 1, 1),
            total_days=D("5.5"),
            steps=liaison_steps(world),
        )
    with pytest.raises(DefinitionPublished):
        process_definition_publish(actor=None, definition=definition)
    assert StepDefinition.objects.filter(definition=definition).count() == 4


def test_only_administrators_change_definitions(world, unit_head):
    with pytest.raises(PermissionDenied):
        process_definition_create(
            actor=unit_head,
            code="X",
            name="X",
            version=1,
            effective_from=datetime.date(2025, 1, 1),
            total_days=D(1),
            steps=[],
        )
    assert not ProcessDefinition.objects.exists()


def test_a_new_version_leaves_running_instances_on_theirs(
    world, clock, citizen, front_desk_officer
):
    old = liaison_definition(world)
    instance = started(world, citizen, received_at=at(2025, 1, 22, 10), definition=old)
    draft = process_definition_new_version(
        actor=None, definition=old, effective_from=datetime.date(2025, 3, 1)
    )
    steps = [
        StepSpec(1, "receive", "Tiếp nhận", "front_desk_officer", D("0.5"), world.desk_a),
        StepSpec(2, "sign", "Ký duyệt", "unit_head", D("2.5")),
    ]
    draft = process_definition_replace_draft(
        actor=None,
        definition=draft,
        name=old.name,
        effective_from=datetime.date(2025, 3, 1),
        total_days=D(3),
        steps=steps,
    )
    new = process_definition_publish(actor=None, definition=draft)

    clock.set(at(2025, 1, 22, 11))
    instance = step_forward(actor=front_desk_officer, instance=instance, expected_version=1)

    assert (new.version, instance.definition_id) == (2, old.pk)
    assert instance.current_step.step_definition.code == "appraise"  # v1's step 2
    assert process_definition_current(old.code, on=datetime.date(2025, 2, 28)) == old
    assert process_definition_current(old.code, on=datetime.date(2025, 3, 1)) == new


def _admin_client(client, user):
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def test_admin_refuses_to_edit_a_published_version_and_publishes_drafts(
    world, client, system_admin
):
    published = liaison_definition(world)
    draft = process_definition_new_version(actor=None, definition=published)
    admin = _admin_client(client, system_admin)
    url = f"/admin/workflow/processdefinition/{published.pk}/change/"

    refused = admin.post(url, {"code": "X", "name": "Đổi", "version": 1})
    done = admin.post(
        "/admin/workflow/processdefinition/", {"action": "publish", "_selected_action": [draft.pk]}
    )

    assert refused.status_code == 403
    assert done.status_code == 302
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.is_published, published.name) == (True, "Hỗ trợ chi phí mai táng")
    assert (
        AuditEvent.objects.filter(
            action="workflow.definition_published", object_id=str(draft.pk)
        ).count()
        == 1
    )


def test_the_first_code_with_a_current_version_wins_in_one_query(world, django_assert_num_queries):
    """The desk's look-up of a unit's own internal procedure, then the shared one (issue 24:
    one query for both): the first code in the list that has a version in force, its highest."""

    def published(code: str, version: int, effective_from: datetime.date) -> ProcessDefinition:
        draft = process_definition_create(
            actor=None,
            code=code,
            name=code,
            version=version,
            effective_from=effective_from,
            total_days=D("5.5"),
            steps=liaison_steps(world),
        )
        return process_definition_publish(actor=None, definition=draft)

    shared = published("onestop:1.1", 1, datetime.date(2025, 1, 1))
    own_v1 = published("onestop:1.1@000.00.20.H26", 1, datetime.date(2025, 1, 1))
    own_v2 = published("onestop:1.1@000.00.20.H26", 2, datetime.date(2025, 3, 1))
    codes = ["onestop:1.1@000.00.20.H26", "onestop:1.1"]

    with django_assert_num_queries(1):
        found = process_definition_current_of(codes, on=datetime.date(2025, 3, 2))

    assert found == own_v2
    assert process_definition_current_of(codes, on=datetime.date(2025, 2, 1)) == own_v1
    assert process_definition_current_of(codes[1:], on=datetime.date(2025, 2, 1)) == shared
    assert process_definition_current_of(codes, on=datetime.date(2024, 12, 31)) is None
