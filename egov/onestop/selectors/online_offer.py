"""Whether a procedure is offered online, and for which units: the one rule behind the catalog's
"Submit online" button, its online-service labels and filters, the online submission itself and
the figures' count of procedures fully online.

A procedure is offered online when it is in force, lists the online channel (Decree 61/2018/
NĐ-CP art. 16) and a dossier submitted for the chosen unit can be received and processed end to
end: an internal procedure is published for the procedure (shared by the level, or the unit's
own), or the default internal procedure of the level applies (its time limit is given in
working days; see ``services.desk_routing``). Without any, a submitted dossier could never be
received, so the procedure is shown as not online.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from egov.onestop.choices import Channel, OnlineLevel
from egov.onestop.models import Procedure
from egov.onestop.rules import default_process_allowances
from egov.orgs.levels import kinds_of_level
from egov.orgs.models import OrgUnit
from egov.workflow.models import ProcessDefinition

DEFINITION_PREFIX = "onestop:"


def default_process_applies(procedure: Procedure) -> bool:
    """The default internal procedure of the level can run this procedure: its time limit is
    known in working days and divides into whole hours."""
    days = procedure.working_days
    return days is not None and default_process_allowances(days) is not None


def published_definition_codes(on: datetime.date | None = None) -> frozenset[str]:
    """Codes of the one-stop internal procedures published and in force on ``on`` (one query)."""
    day = on or timezone.localdate()
    return frozenset(
        ProcessDefinition.objects.published()
        .effective_on(day)
        .filter(code__startswith=DEFINITION_PREFIX)
        .values_list("code", flat=True)
    )


@dataclass(frozen=True)
class OnlineRoute:
    """Where an online dossier of a procedure can be processed: every unit of its level
    (``all_units``), or only the units with these agency codes (their own internal
    procedures)."""

    all_units: bool
    agency_codes: frozenset[str]

    @property
    def exists(self) -> bool:
        return self.all_units or bool(self.agency_codes)


def online_route(procedure: Procedure, codes: frozenset[str]) -> OnlineRoute:
    """The route of ``procedure`` given the published definition ``codes``."""
    shared = f"{DEFINITION_PREFIX}{procedure.code}"
    if shared in codes or default_process_applies(procedure):
        return OnlineRoute(all_units=True, agency_codes=frozenset())
    own = frozenset(c.split("@", 1)[1] for c in codes if c.startswith(f"{shared}@"))
    return OnlineRoute(all_units=False, agency_codes=own)


def is_offered_online(
    procedure: Procedure, codes: frozenset[str], on: datetime.date | None = None
) -> bool:
    """In force, with the online channel, and a route to process it."""
    day = on or timezone.localdate()
    return (
        procedure.is_active
        and procedure.is_in_force_on(day)
        and Channel.ONLINE in (procedure.channels or [])
        and online_route(procedure, codes).exists
    )


def online_level_offered(
    procedure: Procedure, codes: frozenset[str], on: datetime.date | None = None
) -> str:
    """The online service level the portal really offers: the catalog's end-to-end level when
    the procedure is offered online, "partly online" for any other procedure offered online
    (submission online, the rest as the catalog says), "not online" otherwise."""
    if not is_offered_online(procedure, codes, on):
        return OnlineLevel.NONE
    return OnlineLevel.FULL if procedure.online_level == OnlineLevel.FULL else OnlineLevel.PARTIAL


def online_levels_offered(
    procedures: Iterable[Procedure], on: datetime.date | None = None
) -> dict[int, str]:
    """:func:`online_level_offered` of each procedure by pk (one query for the definitions)."""
    codes = published_definition_codes(on)
    return {p.pk: online_level_offered(p, codes, on) for p in procedures}


def online_unit_choices(procedure: Procedure, on: datetime.date | None = None) -> list[OrgUnit]:
    """The active units of the procedure's level an online dossier can go to (for province
    level, the city and its departments), by parent then name (the applicant picks one)."""
    units = (
        OrgUnit.objects.active()
        .filter(kind__in=kinds_of_level(procedure.level))
        .select_related("parent")
        .order_by("parent__name", "name", "pk")
    )
    route = online_route(procedure, published_definition_codes(on))
    if not route.all_units:
        units = units.filter(agency_code__in=route.agency_codes)
    return list(units)
