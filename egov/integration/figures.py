"""Figures of the integration layer for the dashboards (egov/common/figures.py): successful
look-ups of personal or business data in the national databases, and those that filled a form
(the plans' "20 % of citizens' information filled automatically" and "50 % of services use the
business registry"), per unit the look-up was made for, by local day."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure
from egov.integration.choices import CallOutcome, ConnectorCode
from egov.integration.models import ConnectorCall

LOOKUP_CONNECTORS = (ConnectorCode.POPULATION, ConnectorCode.BUSINESS_REGISTRY)


def _bounds(first: datetime.date, last: datetime.date) -> tuple[datetime.datetime, ...]:
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return start, end


def _counts(
    extra: Q, *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None
) -> dict[int, int]:
    start, end = _bounds(first, last)
    calls = ConnectorCall.objects.filter(
        extra,
        connector__in=LOOKUP_CONNECTORS,
        outcome=CallOutcome.SUCCESS,
        unit__isnull=False,
        created_at__gte=start,
        created_at__lt=end,
    )
    if unit_ids is not None:
        calls = calls.filter(unit_id__in=list(unit_ids))
    rows = calls.values("unit_id").annotate(n=Count("pk"))
    return {row["unit_id"]: row["n"] for row in rows}


def lookups_values(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    return _counts(Q(), first=first, last=last, unit_ids=unit_ids)


def forms_autofilled_values(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, int]:
    return _counts(Q(is_autofill=True), first=first, last=last, unit_ids=unit_ids)


FIGURES = (
    Figure(
        code="integration.lookups",
        label=_("Look-ups in national databases"),
        description=_(
            "Successful look-ups of a citizen in the national population database or of an "
            "enterprise in the national business registry, by the unit they were made for."
        ),
        measure=Measure.COUNT,
        values=lookups_values,
    ),
    Figure(
        code="integration.forms_autofilled",
        label=_("Forms filled from national databases"),
        description=_(
            "Successful look-ups made to fill an applicant's form (purpose: fill an "
            "application form), by the unit they were made for."
        ),
        measure=Measure.COUNT,
        values=forms_autofilled_values,
    ),
)
