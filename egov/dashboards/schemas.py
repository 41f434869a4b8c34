"""Schemas of the dashboards API. No ``from __future__ import annotations``: ninja reads them."""

import datetime
from decimal import Decimal

from ninja import Schema

from egov.dashboards.choices import PeriodChoice


class ValuesFilter(Schema):
    unit: int | None = None
    kind: PeriodChoice = PeriodChoice.QUARTER
    on: datetime.date | None = None


class ValueOut(Schema):
    """One indicator's value for one unit (with the units below it) and period; ``available``
    false means a figure has no data source yet (``value`` is then null, never zero)."""

    unit_id: int
    unit_name: str
    period_first: datetime.date
    period_last: datetime.date
    indicator_set: str
    indicator: str
    name: str
    source: str
    source_confidence: str
    kind: str
    unit_of_measure: str
    numerator_figure: str
    denominator_figure: str
    available: bool
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    target: Decimal | None
    band: str | None
