"""Where a unit stands: its administrative level, its People's Committee, its issuing body.

The pure cases pass the ancestors in (no database); the last tests read them from the tree."""

from __future__ import annotations

import pytest

from egov.orgs.levels import administrative_unit, issuing_unit, kinds_of_level, level_of
from egov.orgs.models import OrgUnit


def _unit(pk: int, kind: str, parent: OrgUnit | None = None) -> OrgUnit:
    path = f"{parent.path if parent else '/'}{pk}/"
    return OrgUnit(pk=pk, kind=kind, name=f"{kind} {pk}", path=path, depth=path.count("/") - 2)


CITY = _unit(1, "province")
DEPT = _unit(2, "department", CITY)
DEPT_DIVISION = _unit(3, "division", DEPT)
CITY_DESK = _unit(4, "one_stop_desk", CITY)
DISTRICT = _unit(5, "district", CITY)
DISTRICT_DIVISION = _unit(6, "division", DISTRICT)
DISTRICT_DESK = _unit(7, "one_stop_desk", DISTRICT)
COMMUNE = _unit(8, "commune", DISTRICT)
TREE = {u.pk: u for u in (CITY, DEPT, DEPT_DIVISION, CITY_DESK, DISTRICT, DISTRICT_DIVISION)}
TREE |= {u.pk: u for u in (DISTRICT_DESK, COMMUNE)}
LONE_DIVISION = _unit(9, "division")
DESK_IN_DIVISION = _unit(10, "one_stop_desk", LONE_DIVISION)


def _above(unit: OrgUnit) -> list[OrgUnit]:
    """The ancestors as a caller holding the tree passes them: any order, the unit included."""
    return [TREE.get(pk) or unit for pk in reversed(unit.ancestor_ids())]


@pytest.mark.parametrize(
    ("unit", "level"),
    [
        (CITY, "province"),
        (DEPT, "province"),
        (DEPT_DIVISION, "province"),
        (CITY_DESK, "province"),
        (DISTRICT, "district"),
        (DISTRICT_DIVISION, "district"),
        (DISTRICT_DESK, "district"),
        (COMMUNE, "commune"),
    ],
)
def test_level_of_a_unit_is_its_own_or_the_nearest_above(unit, level):
    assert level_of(unit, _above(unit)) == level


def test_a_unit_with_no_level_in_its_chain_has_none():
    assert level_of(DESK_IN_DIVISION, [LONE_DIVISION]) is None


def test_the_kinds_of_each_level_are_those_with_a_level_of_their_own():
    assert (kinds_of_level("province"), kinds_of_level("district")) == (
        ("province", "department"),
        ("district",),
    )
    assert kinds_of_level("commune") == ("commune",)


@pytest.mark.parametrize(
    ("unit", "committee"),
    [
        (CITY, CITY),
        (DEPT, CITY),
        (DEPT_DIVISION, CITY),
        (DISTRICT, DISTRICT),
        (DISTRICT_DIVISION, DISTRICT),
        (COMMUNE, COMMUNE),
        (LONE_DIVISION, LONE_DIVISION),
    ],
)
def test_administrative_unit_is_the_peoples_committee_at_or_above(unit, committee):
    assert administrative_unit(unit, _above(unit)) == committee


@pytest.mark.parametrize(
    ("unit", "issuer"),
    [
        (CITY, CITY),
        (DEPT, DEPT),
        (DEPT_DIVISION, DEPT),
        (CITY_DESK, CITY),
        (DISTRICT_DIVISION, DISTRICT),
        (DISTRICT_DESK, DISTRICT),
        (COMMUNE, COMMUNE),
        (LONE_DIVISION, LONE_DIVISION),
        (DESK_IN_DIVISION, LONE_DIVISION),
    ],
)
def test_issuing_unit_skips_divisions_and_desks(unit, issuer):
    ancestors = [LONE_DIVISION] if unit is DESK_IN_DIVISION else _above(unit)

    assert issuing_unit(unit, ancestors) == issuer


@pytest.mark.django_db
def test_a_unit_whose_own_kind_answers_reads_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        answers = (level_of(DEPT), administrative_unit(DISTRICT), issuing_unit(COMMUNE))

    assert answers == ("province", DISTRICT, COMMUNE)


@pytest.mark.django_db
def test_without_ancestors_the_chain_is_read_in_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        level = level_of(world.division_a)
    with django_assert_num_queries(1):
        committee = administrative_unit(world.dept)
    with django_assert_num_queries(1):
        issuer = issuing_unit(world.desk_a)

    assert (level, committee, issuer) == ("district", world.city, world.district_a)
