"""Reads of the complaints API for the inspectorate's other systems: the cases of units within
the caller's reach (filtered), one case with its steps, and the complaints figures of a unit
within reach with the units below it. No person is ever in these answers: not the petitioner
(a denouncer least of all, Law on Denunciations 2018 art 8.3), not the content or a step's
record, which may name one; the pages show those to whom the law allows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Length
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.common.figures import day_bounds, figures_read, figures_registered
from egov.complaints.exceptions import InvalidInput
from egov.complaints.models import Petition
from egov.complaints.selectors import petition_get_for_user, petition_list_for_user
from egov.orgs.access import reach_of
from egov.orgs.models import OrgUnit

MAX_FIGURE_DAYS = 366 * 10  # ten years, the span the roll-up is measured at


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, fields={field: message})


def _unit_within_reach(user: Any, unit_id: int) -> OrgUnit:
    unit = OrgUnit.objects.filter(pk=unit_id).first()
    if unit is None or not reach_of(user).covers(unit):
        raise Http404
    return unit


def case_list_for_api(
    user: Any,
    *,
    unit_id: int | None = None,
    status: str | None = None,
    kind: str | None = None,
    received_from: datetime.date | None = None,
    received_to: datetime.date | None = None,
    overdue: bool | None = None,
) -> QuerySet[Petition]:
    """The cases within the caller's reach, newest first; ``unit_id`` narrows to a unit
    within reach and the units below it (another unit: 404)."""
    if received_from and received_to and received_from > received_to:
        raise _invalid("received_to", _("The end of the period comes before its start."))
    cases = petition_list_for_user(user).select_related("unit", "decision", "published_decision")
    if unit_id is not None:
        unit = _unit_within_reach(user, unit_id)
        cases = cases.filter(unit__in=OrgUnit.objects.subtree_of(unit))
    if status:
        cases = cases.filter(status=status)
    if kind:
        cases = cases.filter(kind=kind)
    if received_from:
        cases = cases.filter(received_at__gte=day_bounds(received_from, received_from)[0])
    if received_to:
        cases = cases.filter(received_at__lt=day_bounds(received_to, received_to)[1])
    if overdue is True:
        cases = cases.overdue()
    elif overdue is False:
        cases = cases.exclude(pk__in=Petition.objects.overdue().values("pk"))
    return cases.order_by("-received_at", "-pk")


def case_get_for_api(user: Any, pk: int) -> Petition:
    return petition_get_for_user(user, pk)


@dataclass(frozen=True)
class FigureValue:
    code: str
    label: str
    description: str
    value: int


def _top_unit_within_reach(user: Any) -> OrgUnit:
    """The highest unit the caller acts for (the shortest path; ties by name)."""
    reach = reach_of(user)
    unit = (
        OrgUnit.objects.filter(pk__in=reach.unit_ids).order_by(Length("path"), "name").first()
        if not reach.is_empty
        else None
    )
    if unit is None:
        raise Http404
    return unit


def complaints_figures_for_api(
    user: Any,
    *,
    unit_id: int | None,
    first: datetime.date | None,
    last: datetime.date | None,
) -> tuple[OrgUnit, datetime.date, datetime.date, list[FigureValue]]:
    """Each ``complaints.*`` figure of the unit (default: the highest the caller acts for)
    and every unit below it over ``first..last`` (default: this year up to today); a unit
    outside the caller's reach: 404. The roll-up figures in one query (``figures_read``)."""
    last = last or timezone.localdate()
    first = first or datetime.date(last.year, 1, 1)
    if first > last:
        raise _invalid("last", _("The end of the period comes before its start."))
    if (last - first).days > MAX_FIGURE_DAYS:
        raise _invalid("first", _("Ask for ten years at most."))
    unit = _top_unit_within_reach(user) if unit_id is None else _unit_within_reach(user, unit_id)
    unit_ids = list(OrgUnit.objects.subtree_of(unit).values_list("pk", flat=True))
    figures = {
        code: figure
        for code, figure in sorted(figures_registered().items())
        if code.startswith("complaints.")
    }
    reads = figures_read(figures, first=first, last=last, unit_ids=unit_ids)
    values = []
    for code, figure in figures.items():
        read = reads[code] or {}
        values.append(
            FigureValue(
                code=code,
                label=str(figure.label),
                description=str(figure.description),
                value=int(sum(read.values())),
            )
        )
    return unit, first, last, values
