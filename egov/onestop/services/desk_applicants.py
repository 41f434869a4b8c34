"""Finding the applicant at the desk: public accounts by an exact identifier, the read of
personal data recorded (Decree 13/2023/NĐ-CP on personal data; the audit trail)."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from egov.accounts.choices import AccountKind
from egov.accounts.models import User
from egov.accounts.rules import normalize_phone
from egov.audit.services import event_record_bulk_read
from egov.common.exceptions import PermissionDenied
from egov.onestop.services.dossier_officer import DESK_ROLES
from egov.orgs.access import reach_of

MAX_MATCHES = 10
_DIGITS = re.compile(r"^\d{10}(-\d{3})?$|^\d{12}$")


def applicant_find(*, actor: Any, query: str) -> list[User]:
    """Public accounts whose citizen ID, tax code or phone number is exactly ``query``
    (no partial matching: the desk looks a person up, it does not browse). Front-desk officers
    only; returning personal data is recorded as a bulk read."""
    if reach_of(actor, roles=DESK_ROLES).is_empty:
        raise PermissionDenied(_("Only front-desk officers can look applicants up."))
    text = (query or "").strip()
    phone = normalize_phone(text)
    conditions = Q(phone=phone) if phone.startswith("0") and phone.isdigit() else Q(pk__in=[])
    if _DIGITS.match(text):
        conditions |= Q(citizen_id=text) | Q(tax_code=text)
    accounts = User.objects.filter(
        conditions, kind__in=[AccountKind.CITIZEN, AccountKind.BUSINESS], is_active=True
    )
    found = list(accounts.order_by("full_name", "pk")[:MAX_MATCHES])
    if found:
        with transaction.atomic():
            event_record_bulk_read(
                actor=actor, model=User, count=len(found), purpose="onestop.applicant_find"
            )
    return found
