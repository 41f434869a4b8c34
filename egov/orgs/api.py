"""Org tree API: the units an officer acts for, one unit, and the caller's own roles.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from egov.common.pagination import BoundedPageNumberPagination
from egov.orgs.access import require_officer
from egov.orgs.choices import UnitKind
from egov.orgs.models import OrgUnit
from egov.orgs.schemas import MembershipOut, MeOut, OrgUnitOut
from egov.orgs.selectors import (
    membership_list_for_user,
    orgunit_get_for_user,
    orgunit_list_for_user,
)

router = Router(tags=["orgs"])


class UnitFilter(Schema):
    q: str = ""
    kind: UnitKind | None = None
    include_closed: bool = False


@router.get("/units", response=list[OrgUnitOut])
@paginate(BoundedPageNumberPagination, page_size=100)
def orgunit_list(request: HttpRequest, filters: Query[UnitFilter]) -> list[OrgUnit]:
    """Units the caller acts for (their units and, with a subtree role, everything below)."""
    require_officer(request.user)
    return orgunit_list_for_user(
        request.user,
        query=filters.q[:100],
        kind=filters.kind or "",
        include_closed=filters.include_closed,
    )


@router.get("/units/{unit_id}", response=OrgUnitOut)
def orgunit_get(request: HttpRequest, unit_id: int) -> OrgUnit:
    require_officer(request.user)
    return orgunit_get_for_user(request.user, unit_id)


@router.get("/me", response=MeOut)
def me_get(request: HttpRequest) -> dict[str, object]:
    """The caller's account and current roles."""
    user = request.user
    roles = [
        MembershipOut(
            unit_id=m.unit_id,
            unit_name=m.unit.name,
            role=m.role,
            includes_subtree=m.includes_subtree,
            position=m.position,
        )
        for m in membership_list_for_user(user)
    ]
    return {"id": user.pk, "full_name": user.full_name, "kind": user.kind, "roles": roles}
