"""The permission rule across units and subtrees, as a matrix of personas × units."""

from __future__ import annotations

import pytest

from egov.orgs.access import can_act_for_unit, scope_to_units
from egov.orgs.models import OrgUnit

UNITS = [
    "city",
    "city_office",
    "dept",
    "district_a",
    "division_a",
    "desk_a",
    "commune_a",
    "district_b",
    "commune_b",
]

# persona → the units it may act for (everything else is denied)
REACH = {
    "front_desk_officer": {"desk_a"},
    "clerk": {"district_a"},
    "specialist": {"division_a"},
    "division_head": {"division_a"},
    "unit_head": {"district_a", "division_a", "desk_a", "commune_a"},
    "other_district_officer": {"district_b", "commune_b"},
    "system_admin": set(UNITS),
    "citizen": set(),
}

CASES = [(persona, unit, unit in allowed) for persona, allowed in REACH.items() for unit in UNITS]


@pytest.mark.parametrize(("persona", "unit_name", "allowed"), CASES)
def test_can_act_for_unit_matrix(request, world, persona, unit_name, allowed):
    user = request.getfixturevalue(persona)
    unit = getattr(world, unit_name)

    assert can_act_for_unit(user, unit) is allowed


@pytest.mark.parametrize("persona", list(REACH))
def test_scope_to_units_returns_exactly_the_reach(request, world, persona):
    user = request.getfixturevalue(persona)

    visible = scope_to_units(OrgUnit.objects.all(), user, unit_field="self")

    assert {u.name for u in visible} == {getattr(world, n).name for n in REACH[persona]}


def test_role_filter_limits_reach(world, unit_head):
    assert can_act_for_unit(unit_head, world.commune_a, roles=["unit_head"]) is True
    assert can_act_for_unit(unit_head, world.commune_a, roles=["clerk"]) is False


def test_disabled_officer_reaches_nothing(world, clerk):
    clerk.is_active = False
    clerk.save(update_fields=["is_active"])

    assert can_act_for_unit(clerk, world.district_a) is False


@pytest.mark.parametrize("persona", ["unit_head", "specialist", "other_district_officer"])
def test_listed_reach_keeps_the_same_units(request, world, persona):
    from egov.orgs.access import reach_of

    reach = reach_of(request.getfixturevalue(persona))
    units = OrgUnit.objects.all()

    assert set(units.filter(reach.q_listed("pk"))) == set(units.filter(reach.q("self")))
