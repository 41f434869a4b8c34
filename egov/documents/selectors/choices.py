"""The choices the document forms offer: units an officer may draft or register for, the
people and units a document may be directed or sent to."""

from __future__ import annotations

from django.db.models import QuerySet

from egov.accounts.models import User
from egov.documents.models import Document
from egov.documents.selectors.permissions import DRAFTERS, REGISTRARS
from egov.orgs.access import reach_of, scope_to_units
from egov.orgs.models import Membership, OrgUnit


def drafting_units_for(user: User) -> QuerySet[OrgUnit]:
    """Units ``user`` may draft documents for."""
    return scope_to_units(
        OrgUnit.objects.active(), user, unit_field="self", roles=DRAFTERS
    ).order_by("path")


def drafts_somewhere(user: User) -> bool:
    """Whether ``user`` may draft for at least one unit (``drafting_units_for`` is not empty;
    one query, without listing the units)."""
    return not reach_of(user, roles=DRAFTERS).is_empty


def registers_somewhere(user: User) -> bool:
    """Whether ``user`` may register incoming documents for at least one unit."""
    return not reach_of(user, roles=REGISTRARS).is_empty


def registering_units_for(user: User) -> QuerySet[OrgUnit]:
    """Units whose incoming documents ``user`` registers (the clerk's)."""
    return scope_to_units(
        OrgUnit.objects.active(), user, unit_field="self", roles=REGISTRARS
    ).order_by("path")


def people_within_reach(user: User) -> QuerySet[User]:
    """Officers holding a current role in a unit within ``user``'s reach."""
    reach = reach_of(user)
    if reach.is_empty:
        return User.objects.none()
    ids = Membership.objects.current().filter(reach.q("unit")).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


def direction_units_for(user: User, document: Document) -> QuerySet[OrgUnit]:
    """Units a handling slip of ``document`` may name: its unit and the units below it that
    ``user`` acts for."""
    return scope_to_units(
        OrgUnit.objects.active().subtree_of(document.unit), user, unit_field="self"
    ).order_by("path")


def direction_people_for(user: User, document: Document) -> QuerySet[User]:
    """Officers of those units."""
    units = direction_units_for(user, document).values("pk")
    ids = Membership.objects.current().filter(unit__in=units).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


def send_units_for(document: Document) -> QuerySet[OrgUnit]:
    """Units of the platform an issued document may go to (every existing unit but its own)."""
    return OrgUnit.objects.active().exclude(pk=document.unit_id).order_by("path")
