"""Figures of complaints and citizen reception for the dashboards (egov.common.figures): each
unit's own rows, dated by the local day of the event counted, one grouped query per figure."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure
from egov.complaints.models import Petition, Visit
from egov.workdays.rules import VN_TZ


def _bounds(first: datetime.date, last: datetime.date) -> tuple[datetime.datetime, ...]:
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=VN_TZ)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, VN_TZ)
    return start, end


def _grouped(qs: QuerySet, unit_ids: Collection[int] | None) -> dict[int, int]:
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    rows = qs.values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n")
    return {unit_id: n for unit_id, n in rows if n}


def petitions_received(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> Mapping[int, int]:
    start, end = _bounds(first, last)
    return _grouped(Petition.objects.filter(received_at__gte=start, received_at__lt=end), unit_ids)


def cases_accepted(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> Mapping[int, int]:
    return _grouped(Petition.objects.filter(accepted_on__range=(first, last)), unit_ids)


def cases_settled(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> Mapping[int, int]:
    return _grouped(Petition.objects.filter(settled_on__range=(first, last)), unit_ids)


def cases_settled_on_time(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> Mapping[int, int]:
    qs = Petition.objects.filter(settled_on__range=(first, last)).filter(
        Q(settled_on__lte=F("settlement_due_on"))
    )
    return _grouped(qs, unit_ids)


def receptions(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> Mapping[int, int]:
    start, end = _bounds(first, last)
    return _grouped(Visit.objects.filter(received_at__gte=start, received_at__lt=end), unit_ids)


FIGURES = (
    Figure(
        code="complaints.petitions_received",
        label=_("Petitions received"),
        description=_("Petitions registered, by the day they were received."),
        measure=Measure.COUNT,
        values=petitions_received,
    ),
    Figure(
        code="complaints.cases_accepted",
        label=_("Cases accepted"),
        description=_("Complaints and denunciations accepted for settlement, by acceptance day."),
        measure=Measure.COUNT,
        values=cases_accepted,
    ),
    Figure(
        code="complaints.cases_settled",
        label=_("Cases settled"),
        description=_("Cases settled with a decision or conclusion, by its day."),
        measure=Measure.COUNT,
        values=cases_settled,
    ),
    Figure(
        code="complaints.cases_settled_on_time",
        label=_("Cases settled on time"),
        description=_("Cases settled no later than their settlement time limit."),
        measure=Measure.COUNT,
        values=cases_settled_on_time,
    ),
    Figure(
        code="complaints.receptions",
        label=_("Citizen visits received"),
        description=_("Visits recorded in the reception book, by the day of the visit."),
        measure=Measure.COUNT,
        values=receptions,
    ),
)
