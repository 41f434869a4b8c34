"""Renaming, merging, dissolving and moving units keeps history; roles follow the rules."""

from __future__ import annotations

import datetime

import pytest

from egov.audit.models import AuditEvent
from egov.orgs.access import can_act_for_unit
from egov.orgs.exceptions import InvalidUnitChange, UnitClosed
from egov.orgs.models import Membership, OrgUnit
from egov.orgs.selectors import orgunit_name_on
from egov.orgs.services import (
    membership_end,
    membership_grant,
    orgunit_create,
    orgunit_dissolve,
    orgunit_merge,
    orgunit_move,
    orgunit_rename,
)

JULY_1 = datetime.date(2025, 7, 1)


def test_rename_keeps_the_old_name_for_old_dates(world):
    orgunit_rename(actor=None, unit=world.dept, new_name="Sở Khoa học và Công nghệ", on=JULY_1)

    world.dept.refresh_from_db()
    assert world.dept.name == "Sở Khoa học và Công nghệ"
    assert orgunit_name_on(world.dept, datetime.date(2025, 6, 30)) == "Sở Thông tin và Truyền thông"
    assert orgunit_name_on(world.dept, JULY_1) == "Sở Khoa học và Công nghệ"
    assert world.dept.search_text == "so khoa hoc va cong nghe"


def test_merge_moves_children_and_officers_and_closes_sources(world, unit_head, specialist):
    orgunit_merge(actor=None, sources=[world.district_a], into=world.district_b, on=JULY_1)

    world.district_a.refresh_from_db()
    world.commune_a.refresh_from_db()
    assert world.district_a.status == "merged"
    assert world.district_a.valid_to == datetime.date(2025, 6, 30)
    assert world.district_a.successor == world.district_b
    assert world.commune_a.parent == world.district_b
    assert world.commune_a.path.startswith(world.district_b.path)
    # the chairman's subtree role now sits on the successor
    assert can_act_for_unit(unit_head, world.commune_b) is True
    # a record handled by district A still points at district A
    assert OrgUnit.objects.get(pk=world.district_a.pk).name == "Quận Ba Đình"
    assert AuditEvent.objects.filter(action="orgunit.merged", object_id=str(world.district_a.pk))


def test_dissolve_closes_the_subtree_and_disables_officers_left_without_role(
    world, front_desk_officer, unit_head
):
    membership_grant(actor=None, user=unit_head, unit=world.city_office, role="specialist")

    orgunit_dissolve(actor=None, unit=world.district_a, on=JULY_1)

    world.desk_a.refresh_from_db()
    front_desk_officer.refresh_from_db()
    unit_head.refresh_from_db()
    assert world.desk_a.status == "dissolved"
    assert front_desk_officer.is_active is False  # no role left: disabled, not deleted
    assert unit_head.is_active is True  # still has a role at the city office
    assert not Membership.objects.current().filter(unit__in=[world.district_a, world.desk_a])


def test_no_unit_can_be_added_under_a_closed_one(world):
    orgunit_dissolve(actor=None, unit=world.commune_b, on=JULY_1)

    with pytest.raises(UnitClosed):
        orgunit_create(actor=None, name="Tổ dân phố 1", kind="division", parent=world.commune_b)


def test_move_rewrites_the_paths_of_the_whole_subtree(world):
    orgunit_move(actor=None, unit=world.district_a, new_parent=world.city_office)

    world.commune_a.refresh_from_db()
    world.district_a.refresh_from_db()
    assert world.commune_a.path == f"{world.district_a.path}{world.commune_a.pk}/"
    assert world.commune_a.depth == 3


def test_unit_cannot_move_or_merge_below_itself(world):
    with pytest.raises(InvalidUnitChange):
        orgunit_move(actor=None, unit=world.district_a, new_parent=world.commune_a)
    with pytest.raises(InvalidUnitChange):
        orgunit_merge(actor=None, sources=[world.district_a], into=world.commune_a, on=JULY_1)


def test_tree_depth_is_not_fixed(world):
    parent = world.commune_a
    for level in range(6):
        parent = orgunit_create(actor=None, name=f"Tổ {level}", kind="division", parent=parent)

    assert parent.depth == 8
    assert parent.is_within(world.city)


def test_granting_twice_is_idempotent_and_ending_the_last_role_disables(world, clerk):
    first = Membership.objects.get(user=clerk)
    again = membership_grant(actor=None, user=clerk, unit=world.district_a, role="clerk")
    assert again.pk == first.pk

    membership_end(actor=None, membership=first, on=JULY_1)

    clerk.refresh_from_db()
    assert clerk.is_active is False
    assert AuditEvent.objects.filter(action="account.disabled", object_id=str(clerk.pk)).exists()


def test_system_admin_role_grants_and_withdraws_admin_access(world, system_admin):
    assert system_admin.is_staff is True

    membership_end(actor=None, membership=Membership.objects.get(user=system_admin))

    system_admin.refresh_from_db()
    assert system_admin.is_staff is False


def test_citizens_cannot_hold_roles(world, citizen):
    with pytest.raises(InvalidUnitChange):
        membership_grant(actor=None, user=citizen, unit=world.commune_a, role="clerk")
