"""Indicator values as data: ``GET /api/v1/dashboards/values`` for a unit within the caller's
reach (default: the highest) and the units right below it, each with its definition and source.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from egov.common.api_errors import api_errors
from egov.common.periods import period_of
from egov.dashboards.schemas import ValueOut, ValuesFilter
from egov.dashboards.selectors import (
    board_for,
    indicator_set_in_force,
    indicators_of,
    top_unit_for,
)
from egov.orgs.access import require_officer

router = Router(tags=["dashboards"])


@router.get("/values", response=list[ValueOut])
@api_errors(404)
def indicator_values(request: HttpRequest, filters: Query[ValuesFilter]) -> list[dict]:
    """Every indicator of the set in force (the city's plans and the Decision 766 components)
    for the unit and each unit right below it, over the period of ``kind`` holding ``on``
    (default: today). Another unit than the caller's reach is a 404."""
    require_officer(request.user)
    top = top_unit_for(request.user, filters.unit)
    period = period_of(filters.kind, filters.on or timezone.localdate())
    indicator_set = indicator_set_in_force(period.last)
    indicators = indicators_of(indicator_set)
    board = board_for(top=top, period=period, indicators=indicators, indicator_set=indicator_set)
    return [
        {
            "unit_id": row.unit.pk,
            "unit_name": row.unit.name,
            "period_first": period.first,
            "period_last": period.last,
            "indicator_set": indicator_set.code,
            "indicator": ind.code,
            "name": ind.name,
            "source": ind.source,
            "source_confidence": ind.confidence,
            "kind": ind.kind,
            "unit_of_measure": ind.unit_of_measure,
            "numerator_figure": ind.numerator,
            "denominator_figure": ind.denominator,
            "available": cell.available,
            "numerator": cell.numerator,
            "denominator": cell.denominator,
            "value": cell.value,
            "target": cell.target,
            "band": cell.band.label if cell.band else None,
        }
        for row in board.rows
        for ind in indicators
        for cell in (row.cells[ind.code],)
    ]
