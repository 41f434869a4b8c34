"""The catalog of disclosure duties is data (``data/duties.json``, loaded by migration 0002):
an administrator sets the figures once checked against the gazette (due days, minimum display,
places, confidence) here, through the admin, each change audited."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.disclosure.choices import DisclosureAuditAction, Place
from egov.disclosure.models import Duty
from egov.disclosure.services._common import invalid
from egov.orgs.choices import UnitKind

EDITABLE = (
    "name",
    "unit_kinds",
    "frequency",
    "counts_from",
    "due_working_days",
    "min_display_days",
    "places",
    "legal_basis",
    "confidence",
    "unconfirmed",
    "is_list_of_people",
    "order",
    "is_active",
)


def _check(duty: Duty) -> None:
    if not duty.unit_kinds or set(duty.unit_kinds) - set(UnitKind.values):
        raise invalid("unit_kinds", _("Name the kinds of unit the duty falls on."))
    if not duty.places or set(duty.places) - set(Place.values):
        raise invalid("places", _("Choose the places where the duty is published."))
    if not duty.legal_basis.strip():
        raise invalid("legal_basis", _("Give the legal basis of the duty."))


def duty_update(*, actor: Any, duty: Duty, changed: Sequence[str]) -> Duty:
    """Save the ``changed`` fields of ``duty`` (already set on it by the admin's form) for an
    administrator allowed to change it; the statuses of the units follow at once (never stored)."""
    if not actor.has_perm("disclosure.change_duty"):
        raise PermissionDenied(_("Only the system administrator edits the duty catalog."))
    fields = [name for name in changed if name in EDITABLE]
    if not fields:
        return duty
    _check(duty)
    with transaction.atomic():
        duty.save(update_fields=fields)
        event_record(
            actor=actor,
            action=DisclosureAuditAction.DUTY_CHANGED,
            obj=duty,
            changes={name: getattr(duty, name) for name in fields},
        )
    return duty
