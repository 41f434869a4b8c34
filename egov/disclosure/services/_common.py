"""What the services of disclosure share: who may publish or run a consultation, and the
refusal attached to a form field."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from egov.common.exceptions import PermissionDenied
from egov.disclosure.exceptions import DisclosureError
from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import Role
from egov.orgs.models import OrgUnit

# They draft the registry document an item or a synthesis is (documents' drafters).
PUBLISHERS = (Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD)


def invalid(field: str, message: str, code: str = "invalid") -> DisclosureError:
    return DisclosureError(message, code=code, fields={field: message})


def require_publisher(actor: Any, unit: OrgUnit) -> None:
    if not can_act_for_unit(actor, unit, roles=PUBLISHERS):
        raise PermissionDenied(_("You cannot publish or consult for this unit."))
