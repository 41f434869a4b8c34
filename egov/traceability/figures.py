"""Figures of traceability for the dashboards (egov.common.figures), each counted under the
producer's address unit: products approved, products traceable (approved, with a batch whose
chain runs from harvest or processing to shipping in the range), batches and consumer scans.
Each is one grouped query."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.db.models import Count, Exists, OuterRef, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure
from egov.traceability.choices import ApprovalStatus, BizStep
from egov.traceability.models import Batch, Event, Product, ScanCount
from egov.workdays.rules import VN_TZ


def _bounds(
    first: datetime.date, last: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(first, datetime.time(), tzinfo=VN_TZ)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time(), tzinfo=VN_TZ
    )
    return start, end


def _units(qs: QuerySet, field: str, unit_ids: Collection[int] | None) -> QuerySet:
    return qs if unit_ids is None else qs.filter(**{f"{field}__in": list(unit_ids)})


def _counted(qs: QuerySet, field: str) -> dict[int, int]:
    rows = qs.values(field).annotate(n=Count("pk", distinct=True)).values_list(field, "n")
    return {unit: n for unit, n in rows if n}


def products_approved(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    qs = Product.objects.filter(
        status=ApprovalStatus.APPROVED, decided_at__gte=start, decided_at__lt=end
    )
    return _counted(_units(qs, "producer__unit", unit_ids), "producer__unit")


def products_traceable(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    started = Event.objects.filter(
        batch=OuterRef("batch"), biz_step__in=[BizStep.COMMISSIONING, BizStep.TRANSFORMING]
    )
    shipped = Event.objects.filter(
        batch__product=OuterRef("pk"),
        biz_step=BizStep.SHIPPING,
        event_at__gte=start,
        event_at__lt=end,
    ).filter(Exists(started))
    qs = Product.objects.filter(status=ApprovalStatus.APPROVED).filter(Exists(shipped))
    return _counted(_units(qs, "producer__unit", unit_ids), "producer__unit")


def batches(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    qs = Batch.objects.filter(produced_on__gte=first, produced_on__lte=last)
    return _counted(_units(qs, "product__producer__unit", unit_ids), "product__producer__unit")


def scans(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    qs = _units(ScanCount.objects.filter(day__gte=first, day__lte=last), "unit", unit_ids)
    rows = qs.values("unit").annotate(n=Sum("count")).values_list("unit", "n")
    return {unit: n for unit, n in rows if n}


FIGURES = (
    Figure(
        code="traceability.products_approved",
        label=_("Products approved for traceability"),
        description=_("Products an officer approved in the period, under the producer's unit."),
        measure=Measure.COUNT,
        values=products_approved,
    ),
    Figure(
        code="traceability.products_traceable",
        label=_("Traceable products"),
        description=_(
            "Approved products with a batch shipped in the period whose chain starts with a "
            "harvest or processing event."
        ),
        measure=Measure.COUNT,
        values=products_traceable,
    ),
    Figure(
        code="traceability.batches",
        label=_("Batches issued codes"),
        description=_("Batches produced in the period, under the producer's unit."),
        measure=Measure.COUNT,
        values=batches,
    ),
    Figure(
        code="traceability.scans",
        label=_("Consumer scans"),
        description=_("Opens of the public batch pages in the period, under the producer's unit."),
        measure=Measure.COUNT,
        values=scans,
    ),
)
