"""Officer reads of dossiers, scoped with :mod:`egov.orgs.access`.

An officer sees a dossier when they reach (hold a role in or over) its receiving desk, its
competent unit, or the unit of any step it has entered (a city department sees a dossier once
it was handed to it, never before), or handled a step of it themselves. A front-desk officer
also sees the online dossiers waiting for the check of a desk they work at: those for the
units their desk serves (the desk's parent and the units below it that have no desk of their
own). Citizens' unsubmitted online drafts are never shown to officers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from egov.common.text import fold
from egov.onestop.choices import Channel, DossierStatus, NoticeKind
from egov.onestop.models import Dossier
from egov.orgs.access import reach_of
from egov.orgs.choices import Role, UnitKind
from egov.orgs.models import OrgUnit
from egov.workdays.rules import add_working_time
from egov.workdays.selectors import work_calendar_get
from egov.workflow.models import StepInstance

DESK_ROLES = (Role.FRONT_DESK_OFFICER,)
# Dossiers whose clock runs: the ones that can become late.
RUNNING_STATUSES = (DossierStatus.RECEIVED, DossierStatus.PROCESSING)
NOTHING = Q(pk__in=[])


def desks_of(user: Any) -> list[OrgUnit]:
    """The active one-stop desks where ``user`` is a front-desk officer."""
    reach = reach_of(user, roles=DESK_ROLES)
    if reach.is_empty:
        return []
    units = OrgUnit.objects.active().filter(kind=UnitKind.ONE_STOP_DESK).filter(reach.q("self"))
    return list(units.select_related("parent").order_by("name"))


def served_q(desk: OrgUnit, field: str = "competent_unit") -> Q:
    """Rows whose ``field`` is a unit the desk serves: its parent and everything below,
    except the subtrees of units with a desk of their own."""
    home = desk.parent
    if home is None:
        return NOTHING
    query = Q(**{f"{field}__path__startswith": home.path})
    own_desks = (
        OrgUnit.objects.active()
        .filter(kind=UnitKind.ONE_STOP_DESK, path__startswith=home.path)
        .exclude(parent=home)
        .values_list("parent__path", flat=True)
    )
    for path in own_desks:
        query &= ~Q(**{f"{field}__path__startswith": path})
    return query


def _desk_queue_q(desks: list[OrgUnit]) -> Q:
    query = NOTHING
    for desk in desks:
        query |= Q(receiving_unit=desk) | served_q(desk)
    return Q(status=DossierStatus.SUBMITTED) & query


def dossier_scope(user: Any, *, desks: list[OrgUnit] | None = None) -> QuerySet[Dossier]:
    """Every dossier ``user`` may see as an officer (none for anyone else)."""
    if not getattr(user, "is_authenticated", False) or not user.is_officer:
        return Dossier.objects.none()
    reach = reach_of(user)
    if reach.is_empty:
        return Dossier.objects.none()
    steps = StepInstance.objects.filter(
        reach.q("unit") | Q(acted_by=user) | Q(assignee=user)
    ).values("instance_id")
    seen = reach.q("receiving_unit") | reach.q("competent_unit") | Q(process_id__in=steps)
    seen |= _desk_queue_q(desks_of(user) if desks is None else desks)
    return Dossier.objects.filter(seen).exclude(status=DossierStatus.DRAFT, channel=Channel.ONLINE)


def dossier_get_for_officer(user: Any, pk: int) -> Dossier:
    """One visible dossier with what its page shows first; anything else is a 404."""
    dossier = (
        dossier_scope(user)
        .filter(pk=pk)
        .select_related(
            "procedure",
            "procedure__field",
            "ruleset",
            "receiving_unit",
            "competent_unit",
            "support_unit",
            "applicant",
        )
        .first()
    )
    if dossier is None:
        raise Http404
    return dossier


def dossier_list_for_officer(
    user: Any,
    *,
    status: str = "",
    procedure_code: str = "",
    query: str = "",
    overdue: bool = False,
    received_from: datetime.date | None = None,
    received_to: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> QuerySet[Dossier]:
    """Visible dossiers, newest first, filtered by status, procedure code, code or name
    (accent-insensitive), the days of receipt (local days, both ends included) and overdue
    (due passed while the clock runs)."""
    qs = dossier_scope(user)
    if received_from:
        qs = qs.filter(received_at__gte=_day_start(received_from))
    if received_to:
        qs = qs.filter(received_at__lt=_day_start(received_to + datetime.timedelta(days=1)))
    if status:
        qs = qs.filter(status=status)
    if procedure_code:
        qs = qs.filter(procedure__code=procedure_code.strip())
    for term in fold(query or "").split()[:8]:
        qs = qs.filter(search_text__contains=term)
    if overdue:
        qs = qs.filter(status__in=RUNNING_STATUSES, due_at__lt=now or timezone.now())
    return qs.select_related("procedure", "competent_unit", "receiving_unit").order_by(
        "-created_at", "-pk"
    )


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight of ``day`` in Vietnam (the day people mean), as an aware moment."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class DeskHome:
    """The desk's day: dossiers received today and online dossiers waiting for the check."""

    desks: list[OrgUnit]
    received_today: list[Dossier]
    waiting_online: list[Dossier]


def desk_home(user: Any, *, now: datetime.datetime | None = None, limit: int = 100) -> DeskHome:
    """What the desk home page lists, for the desks ``user`` works at."""
    desks = desks_of(user)
    if not desks:
        return DeskHome([], [], [])
    local = timezone.localtime(now or timezone.now())
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    related = ("procedure", "competent_unit", "receiving_unit")
    received = (
        Dossier.objects.filter(receiving_unit__in=desks, received_at__gte=start)
        .select_related(*related)
        .order_by("-received_at")[:limit]
    )
    waiting = (
        Dossier.objects.filter(_desk_queue_q(desks))
        .select_related(*related)
        .order_by("submitted_at", "pk")[:limit]
    )
    return DeskHome(desks, list(received), list(waiting))


def _without_apology(qs: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return qs.filter(status__in=RUNNING_STATUSES, due_at__isnull=False).exclude(
        notices__kind=NoticeKind.APOLOGY
    )


def dossier_list_late_without_apology(
    user: Any, *, now: datetime.datetime | None = None
) -> QuerySet[Dossier]:
    """Visible dossiers past their appointment, not finished, with no apology issued: each
    one broke Decree 61/2018 art. 19 (the apology comes before the deadline)."""
    return _without_apology(dossier_scope(user)).filter(due_at__lt=now or timezone.now())


def dossier_list_needing_apology(
    user: Any, *, now: datetime.datetime | None = None
) -> QuerySet[Dossier]:
    """Visible dossiers due within one working day, not finished, with no apology yet: the
    last moment to apologise and set a new date (Decree 61/2018 art. 19)."""
    now = now or timezone.now()
    soon = add_working_time(work_calendar_get(), now, 1)
    return _without_apology(dossier_scope(user)).filter(due_at__gte=now, due_at__lte=soon)
