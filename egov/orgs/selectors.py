"""Reads of the org tree, always scoped to what the actor may see."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.http import Http404

from egov.accounts.models import User
from egov.common.text import fold
from egov.orgs.access import get_for_user_or_404, scope_to_units
from egov.orgs.choices import Role
from egov.orgs.models import Membership, OrgUnit, OrgUnitName, OutsideBody


def membership_list_for_user(user: User) -> list[Membership]:
    """The user's current roles, with their units."""
    return list(
        Membership.objects.current()
        .filter(user=user)
        .select_related("unit")
        .order_by("unit__path", "role")
    )


def orgunit_list_for_user(
    user: User, *, query: str = "", kind: str = "", include_closed: bool = False
) -> QuerySet[OrgUnit]:
    """Units the officer acts for, searched accent-insensitively by name."""
    qs = scope_to_units(OrgUnit.objects.all(), user, unit_field="self")
    if not include_closed:
        qs = qs.active()
    if query:
        qs = qs.filter(search_text__contains=fold(query))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("parent")


def orgunit_get_for_user(user: User, pk: int) -> OrgUnit:
    """One unit within the officer's reach, or 404."""
    return get_for_user_or_404(
        OrgUnit.objects.select_related("parent", "successor"), user, pk=pk, unit_field="self"
    )


def orgunit_name_on(unit: OrgUnit, day: datetime.date) -> str:
    """The unit's name as it was on ``day`` (its current name if no history covers the day)."""
    for period in OrgUnitName.objects.filter(unit=unit).order_by("-valid_from"):
        starts_ok = period.valid_from is None or period.valid_from <= day
        ends_ok = period.valid_to is None or period.valid_to >= day
        if starts_ok and ends_ok:
            return period.name
    return unit.name


def orgunit_members(unit: OrgUnit) -> list[Membership]:
    return list(
        Membership.objects.current()
        .filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def orgunit_get_public(pk: int) -> OrgUnit:
    """An active unit for its public page (the org tree is public), or 404."""
    unit = OrgUnit.objects.active().select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def orgunit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """The units above ``unit``, from the top of its tree down (one query on the path)."""
    ids = [int(p) for p in unit.path.strip("/").split("/") if p.isdigit()]
    return list(OrgUnit.objects.filter(pk__in=ids).exclude(pk=unit.pk).order_by("depth"))


def orgunit_children_public(unit: OrgUnit) -> list[OrgUnit]:
    """The active units directly below ``unit``, by name (its organisation chart)."""
    return list(OrgUnit.objects.active().filter(parent=unit).order_by("name"))


def orgunit_leaders(unit: OrgUnit) -> list[Membership]:
    """The unit's current heads with their positions (its leaders, Decree 43/2011 art. 10)."""
    return list(
        Membership.objects.current()
        .filter(unit=unit, role=Role.UNIT_HEAD)
        .select_related("user")
        .order_by("pk")
    )


def orgunit_list_public(*, query: str = "", limit: int = 300) -> list[OrgUnit]:
    """Active units in tree order, searched accent-insensitively by name (the public list of
    agencies). Without a query: the top units and those directly below them."""
    qs = OrgUnit.objects.active()
    wanted = {"search_text__contains": fold(query)} if query else {"depth__lte": 1}
    qs = qs.filter(**wanted)
    return list(qs.order_by("path")[:limit])


def outside_body_list(*, include_inactive: bool = False) -> list[OutsideBody]:
    """The register of bodies outside the org tree, by name (public organisational data: any
    officer may name them)."""
    bodies = OutsideBody.objects.all() if include_inactive else OutsideBody.objects.active()
    return list(bodies.order_by("name"))
