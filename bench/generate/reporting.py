"""Periodic reporting at the issue's scale (issue 16): a monthly regime of ``indicators``
indicators (200 in the full run) reported by every commune (579) and consolidated by every
district (30) for the city, over ``periods`` months (24): about 609 × 24 × 200 ≈ 2.9 M values.

The regime and its periods are made by the app's own services (``regime_create``,
``period_open``: the expected reports with their cut-off windows, due days and receivers);
the reports' states and values are then written in bulk: past months accepted (a few late, a
few never sent), the last month in every state. Each district's report holds the
consolidation of its communes' accepted reports by each indicator's rule, as
``submission_prefill`` computes it. The running totals (``ValueTotal``) are then built by the
app's own ``totals_rebuild``; the tiny run checks that they equal the raw sums.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection

from bench.generate.sink import Sink, table_spec
from egov.common.periods import period_of
from egov.orgs.choices import UnitKind
from egov.orgs.models import OrgUnit
from egov.reporting import rules, services
from egov.reporting.choices import Aggregation, DataType, Frequency, SubmissionStatus, ValueSource
from egov.reporting.models import Submission, Value
from egov.reporting.totals import totals_rebuild
from egov.workdays.rules import VN_TZ

VALUE_COLUMNS = ("id", "submission_id", "indicator_id", "number", "source", "prefilled")
S = SubmissionStatus
# The last month: how its reports stand (the rest accepted), by share of the units.
LAST_MONTH = ((S.ACCEPTED, 0.45), (S.SUBMITTED, 0.2), (S.RETURNED, 0.05), (S.DRAFT, 0.15))


@dataclass
class ReportingPlan:
    """What the runs need: the regime, its periods (oldest first), how much was written."""

    regime_id: int | None = None
    periods: list[datetime.date] = field(default_factory=list)
    reports: int = 0
    values: int = 0


def _months(until: datetime.date, count: int) -> list:
    period = period_of("month", until)
    months = [period]
    while len(months) < count:
        months.insert(0, months[0].previous())
    return months


def _regime(indicators: int):
    city = OrgUnit.objects.get(kind=UnitKind.PROVINCE, parent=None)
    form = [
        services.IndicatorIn(
            f"{n:03d}",
            f"Chỉ tiêu kinh tế - xã hội số {n}",
            "%" if n % 10 == 0 else "tỷ đồng",
            DataType.DECIMAL,
            Aggregation.AVERAGE if n % 10 == 0 else Aggregation.SUM,
        )
        for n in range(1, indicators + 1)
    ]
    return services.regime_create(
        actor=None,
        indicators=form,
        levels=[services.LevelIn(UnitKind.DISTRICT, 4)],
        code="bench-kt-xh-thang",
        name="Báo cáo tình hình kinh tế - xã hội tháng (benchmark)",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency=Frequency.MONTH,
        reporter_kind=UnitKind.COMMUNE,
        reporter_root=city,
        receiving_unit=city,
        deadline_days=2,
    )


def _moment(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=VN_TZ)


def _states(rng: random.Random, reports: list[Submission], last: bool) -> None:
    """Give each report of one month its state and times (bulk update, no values yet)."""
    for report in reports:
        roll = rng.random()
        if last:
            status, edge = S.NOT_STARTED, 0.0
            for candidate, share in LAST_MONTH:
                edge += share
                if roll < edge:
                    status = candidate
                    break
        else:
            status = S.NOT_STARTED if roll < 0.03 else S.ACCEPTED
        report.status = status
        if status in (S.ACCEPTED, S.SUBMITTED, S.RETURNED):
            late = rng.random() < 0.08
            sent = _moment(report.due_on + datetime.timedelta(days=2 if late else -1))
            report.first_submitted_at = report.submitted_at = sent
            report.times_submitted = 1
            if status != S.SUBMITTED:
                report.decided_at = sent + datetime.timedelta(days=1)
            if status == S.RETURNED:
                report.return_reason = "Số liệu chưa khớp, đề nghị rà soát lại."
    Submission.objects.bulk_update(
        reports,
        [
            "status",
            "first_submitted_at",
            "submitted_at",
            "decided_at",
            "times_submitted",
            "return_reason",
        ],
        batch_size=1000,
    )


def _number(rng: random.Random, rule: str) -> Decimal:
    if rule == Aggregation.AVERAGE:
        return Decimal(rng.randint(0, 1000)) / 10
    return Decimal(rng.randint(0, 5_000_000)) / 10


def _values(
    rng: random.Random, months: list[list[tuple]], indicators: list, next_id: int
) -> Iterator[tuple]:
    """Every report's values, a month at a time (``months``: each month's reports as (pk,
    level, unit, receiver, status), read before the COPY starts): the communes' typed values
    for every report that has any, then each sent district report's consolidation of its
    accepted communes."""
    value_id = next_id
    has_values = {S.ACCEPTED, S.SUBMITTED, S.RETURNED, S.DRAFT}
    for reports in months:
        sums: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
        for pk, level, _unit_id, receiver_id, status in reports:
            if level != 0 or status not in has_values:
                continue
            for indicator_id, rule in indicators:
                number = _number(rng, rule)
                if status == S.ACCEPTED:
                    sums[receiver_id][indicator_id].append(number)
                yield (value_id, pk, indicator_id, number, ValueSource.TYPED, None)
                value_id += 1
        for pk, level, unit_id, _receiver_id, status in reports:
            below = sums.get(unit_id)
            if level != 1 or status not in rules.SENT or not below:
                continue
            for indicator_id, rule in indicators:
                number = rules.aggregate(rule, below[indicator_id])
                yield (value_id, pk, indicator_id, number, ValueSource.CONSOLIDATED, number)
                value_id += 1


def reporting_create(
    sink: Sink, rng: random.Random, *, periods: int, indicators: int, until: datetime.date
) -> ReportingPlan:
    """The regime, ``periods`` months of expected reports up to ``until``'s month, their
    states and values, then the running totals."""
    regime = _regime(indicators)
    months = _months(until, periods)
    for month in months:
        services.period_open(actor=None, regime=regime, period=month)
    for n, month in enumerate(months):
        last = n == len(months) - 1
        reports = list(Submission.objects.filter(regime=regime, period_first=month.first, level=0))
        _states(rng, reports, last)
        districts = list(
            Submission.objects.filter(regime=regime, period_first=month.first, level=1)
        )
        _states(rng, districts, last)
    form = list(regime.indicators.order_by("order").values_list("pk", "aggregation"))
    reports = [
        list(
            Submission.objects.filter(regime=regime, period_first=month.first)
            .order_by("level", "pk")
            .values_list("pk", "level", "unit_id", "receiver_id", "status")
        )
        for month in months
    ]
    written = sink.copy(
        table_spec(Value, VALUE_COLUMNS), _values(rng, reports, form, sink.next_id(Value))
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE reporting_value")
            cursor.execute("ANALYZE reporting_submission")
    totals_rebuild(regime_ids=[regime.pk])
    return ReportingPlan(
        regime_id=regime.pk,
        periods=[m.first for m in months],
        reports=Submission.objects.filter(regime=regime).count(),
        values=written,
    )
