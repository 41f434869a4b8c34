"""THE permission check of egov: which units an officer may see or act for.

An officer acts for a unit through a current :class:`~egov.orgs.models.Membership`: the unit
itself, or (``includes_subtree``) the unit and everything below it. Every app scopes its reads
and writes with these helpers, adding what was explicitly sent or shared to the actor's units:

    qs = scope_to_units(Dossier.objects.all(), user, unit_field="handling_unit",
                        shared_field="shared_with")

Citizens and businesses never act for a unit; their own records are scoped by owner instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from egov.common.exceptions import PermissionDenied
from egov.orgs.models import Membership, OrgUnit


@dataclass(frozen=True)
class Reach:
    """The units an officer acts for: exact units and subtree roots (by path)."""

    unit_ids: frozenset[int]
    subtree_paths: tuple[str, ...]

    def covers(self, unit: OrgUnit) -> bool:
        return unit.pk in self.unit_ids or any(unit.path.startswith(p) for p in self.subtree_paths)

    def q(self, field: str) -> Q:
        """A filter keeping rows whose ``field`` (an FK to OrgUnit) is within reach;
        ``field="self"`` filters OrgUnit rows themselves.

        With subtrees, ``field`` is compared with the units within reach as one uncorrelated
        subquery (hashed once), not joined to each row's unit path: PostgreSQL cannot
        estimate a path prefix, and on a large table a join it believes matches one unit made
        it probe the table unit by unit, or join every row to every unit (issue 6)."""
        if field != "self" and self.subtree_paths:
            return Q(**{f"{field}__in": OrgUnit.objects.filter(self.q("self")).values("pk")})
        query = Q(**{f"{'pk' if field == 'self' else field}__in": self.unit_ids})
        for path in self.subtree_paths:
            query |= Q(path__startswith=path)
        return query

    def q_listed(self, field: str) -> Q:
        """As :meth:`q`, with the units within reach read first (one query) and compared as a
        list of ids. For a large table read newest first with a limit: PostgreSQL turns
        ``field IN (subquery)`` into a join it estimates from the path prefix, which it takes
        for one or two units; for the city head's complaints inbox (500,000 petitions) it then
        read every petition unit by unit, 3.4 s, against 22 ms with the list (issue 18)."""
        if not self.subtree_paths:
            return self.q(field)
        ids = list(OrgUnit.objects.filter(self.q("self")).values_list("pk", flat=True))
        return Q(**{f"{field}__in": ids})

    @property
    def is_empty(self) -> bool:
        return not self.unit_ids and not self.subtree_paths


EMPTY_REACH = Reach(frozenset(), ())


def reach_of(user: object, *, roles: Iterable[str] | None = None) -> Reach:
    """The units ``user`` acts for, optionally only through the given roles. One query."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_REACH
    memberships = Membership.objects.current().filter(user=user, unit__status="active")
    if roles is not None:
        memberships = memberships.filter(role__in=list(roles))
    unit_ids, paths = set(), []
    for unit_id, path, subtree in memberships.values_list(
        "unit_id", "unit__path", "includes_subtree"
    ):
        unit_ids.add(unit_id)
        if subtree:
            paths.append(path)
    return Reach(frozenset(unit_ids), tuple(sorted(paths)))


def require_officer(user: object) -> None:
    """Refuse anyone but an officer holding a current role in an active unit (the guard of
    every officer page and API operation): ``PermissionDenied``, answered with a 403."""
    if not getattr(user, "is_officer", False) or reach_of(user).is_empty:
        raise PermissionDenied(_("Only officers with a role in a unit can use this."))


def can_act_for_unit(user: object, unit: OrgUnit, *, roles: Iterable[str] | None = None) -> bool:
    """True if ``user`` holds (one of) ``roles`` in ``unit`` or over a unit above it."""
    return reach_of(user, roles=roles).covers(unit)


# The roles that, held over the top unit, make an officer of the city office (its specialists,
# heads and the system administrator): the keepers of city-wide registries.
CITY_OFFICE_ROLES = ("specialist", "division_head", "unit_head", "system_admin")


def acts_for_the_city(
    user: object,
    *,
    roles: Iterable[str] | None = CITY_OFFICE_ROLES,
    superusers: bool = True,
) -> bool:
    """True if ``user`` holds (one of) ``roles`` over the top of the organisation (a unit
    without a parent): the city office's officers, whose work is city-wide (registries the
    whole city shares). Superusers too, unless ``superusers`` is false (an act only a person
    in office may do, such as a leader closing a period)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if superusers and getattr(user, "is_superuser", False):
        return True
    reach = reach_of(user, roles=roles)
    if reach.is_empty:
        return False
    return OrgUnit.objects.filter(reach.q("self"), parent__isnull=True).exists()


def scope_to_units(
    qs: QuerySet,
    user: object,
    *,
    unit_field: str,
    shared_field: str | None = None,
    roles: Iterable[str] | None = None,
) -> QuerySet:
    """Rows owned by a unit within the user's reach, or shared with one (``shared_field``)."""
    reach = reach_of(user, roles=roles)
    if reach.is_empty:
        return qs.none()
    query = reach.q(unit_field)
    if shared_field:
        query |= reach.q(shared_field)
    return qs.filter(query).distinct() if shared_field else qs.filter(query)


def get_for_user_or_404(
    qs: QuerySet,
    user: object,
    *,
    pk: object,
    unit_field: str,
    shared_field: str | None = None,
    roles: Iterable[str] | None = None,
) -> Model:
    """One row within the user's reach; anything else is a 404 (no hint that it exists)."""
    obj = (
        scope_to_units(qs, user, unit_field=unit_field, shared_field=shared_field, roles=roles)
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise Http404
    return obj
