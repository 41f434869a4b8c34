"""What the task services share: who may act (the assigning office, the assigned units and
their heads), the units a directive may assign, and refreshing the scoreboard."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError, PermissionDenied
from egov.directives.access import HEAD_ROLES, OFFICE_ROLES, REPORT_ROLES, is_office
from egov.directives.models import Task
from egov.directives.scoreboard.services import scoreboard_refresh_tasks_on_commit
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit

__all__ = ["HEAD_ROLES", "OFFICE_ROLES", "REPORT_ROLES", "is_office"]


def today() -> datetime.date:
    return timezone.localdate()


def require_office(actor: Any, unit: OrgUnit) -> None:
    if not is_office(actor, unit):
        raise PermissionDenied(_("Only the office that assigned the task can do this."))


def require_role(actor: Any, unit: OrgUnit, roles: Iterable[str], message: str) -> None:
    if not can_act_for_unit(actor, unit, roles=roles):
        raise PermissionDenied(message)


def actor_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def scoreboard_refresh(tasks: Iterable[Task | int]) -> None:
    """Recount the scoreboard for these tasks after the transaction commits."""
    scoreboard_refresh_tasks_on_commit(tasks)


def require_units_in_scope(units: Iterable[OrgUnit], root: OrgUnit, field: str) -> None:
    """Every unit active and within ``root``'s subtree."""
    for unit in units:
        if not unit.is_active or not unit.is_within(root):
            message = _("%(unit)s cannot be assigned by this document.") % {"unit": unit.name}
            raise DomainError(message, code="unit_out_of_scope", fields={field: message})
