"""Reads behind the desk's forms: the procedures a desk can receive today and the units a
dossier may be routed to (Decree 61/2018 art. 19; Decree 118/2025)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from egov.onestop.models import Procedure, RuleSet
from egov.orgs.levels import kinds_of_level
from egov.orgs.models import OrgUnit

PICKER_SIZE = 30


def procedure_list_for_desk(*, query: str, on: datetime.date) -> list[Procedure]:
    """Procedure versions in force on ``on`` matching ``query`` (accent-insensitive, every
    word), for the desk's picker."""
    qs = Procedure.objects.in_force_on(on).search(query).select_related("field")
    return list(qs.order_by("level", "name", "code")[:PICKER_SIZE])


def competent_unit_choices(
    *, desk: OrgUnit, procedure: Procedure, ruleset: RuleSet
) -> QuerySet[OrgUnit]:
    """Units of the procedure's level the desk may route to: within its own administration
    (Decree 61/2018), or anywhere in its province when any centre may receive (Decree 118)."""
    if ruleset.accepts_any_centre_in_province:
        root = "/" + desk.path.strip("/").split("/")[0] + "/"
    else:
        root = desk.parent.path if desk.parent else desk.path
    return (
        OrgUnit.objects.active()
        .filter(path__startswith=root, kind__in=kinds_of_level(procedure.level))
        .order_by("depth", "name")
    )
