"""Who acts for whom in task tracking, on top of ``egov.orgs.access``: the roles of the
assigning office, of the reporting units and of their heads."""

from __future__ import annotations

from typing import Any

from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import Role
from egov.orgs.models import OrgUnit

# The assigning office: officers of the unit that issued the directive (or of a unit above it
# with a subtree role), e.g. the city office's clerks and specialists for a city plan.
OFFICE_ROLES = (Role.CLERK, Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD)
# Specialists of an assigned unit prepare its report; its head sends it.
REPORT_ROLES = (Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD)
HEAD_ROLES = (Role.DIVISION_HEAD, Role.UNIT_HEAD)


def is_office(actor: Any, unit: OrgUnit) -> bool:
    """True if ``actor`` acts for the assigning office of ``unit`` (the assigning unit)."""
    return can_act_for_unit(actor, unit, roles=OFFICE_ROLES)
