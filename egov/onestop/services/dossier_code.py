"""Dossier codes (mã số hồ sơ): ``<agency code>-<yymmdd>-<4-digit sequence of the day>``
(Circular 01/2018/TT-VPCP art. 19; Decree 61/2018 art. 26). The format string comes from the
dossier's rule set so a later format (Circular 03/2025) plugs in without code changes."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.onestop.models import DossierCodeCounter, RuleSet
from egov.onestop.rules import dossier_code_render
from egov.orgs.models import OrgUnit


class NoAgencyCode(DomainError):
    code = "no_agency_code"


def agency_code_for(unit: OrgUnit) -> str:
    """The electronic identifier code of ``unit`` or, failing that, of its nearest ancestor
    (a desk or a commune without its own code uses its district's or city's)."""
    if unit.agency_code:
        return unit.agency_code
    ancestors = OrgUnit.objects.filter(pk__in=unit.ancestor_ids()).exclude(agency_code="")
    nearest = ancestors.order_by("-depth").first()
    if nearest is None:
        raise NoAgencyCode(
            _("No electronic identifier code is configured for %(unit)s or the units above it.")
            % {"unit": unit.name}
        )
    return nearest.agency_code


def dossier_code_next(
    *, receiving_unit: OrgUnit, ruleset: RuleSet, at: datetime.datetime | None = None
) -> str:
    """Take the next code of the day for the receiving agency. The counter row is locked
    (``select_for_update``; SQLite serialises writers), so two desks never get the same code."""
    at = at or timezone.now()
    day = timezone.localtime(at).date()
    agency = agency_code_for(receiving_unit)
    # No savepoint of its own inside the caller's transaction (a failure here fails the
    # caller anyway); the day's row, once it exists, is read and locked in one statement.
    with transaction.atomic(savepoint=False):
        counters = DossierCodeCounter.objects.select_for_update()
        counter = counters.filter(agency_code=agency, day=day).first()
        if counter is None:
            created, _new = DossierCodeCounter.objects.get_or_create(agency_code=agency, day=day)
            counter = counters.get(pk=created.pk)
        counter.last_sequence += 1
        counter.save(update_fields=["last_sequence"])
    return dossier_code_render(
        ruleset.dossier_code_format, agency=agency, received_on=day, sequence=counter.last_sequence
    )
