"""Reads of periodic reporting: the reports an officer sees, a report's page, the
completeness and timeliness of a regime's period, and the roll-up of its values to the
receiving unit.

Who sees a report (``orgs.access``): officers of the reporting unit (or over it) and officers
of the regime's receiving unit (or over it); nobody else, not even to learn that it exists."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from egov.orgs.access import can_act_for_unit, reach_of
from egov.reporting import rules
from egov.reporting.choices import Aggregation, DataType, SubmissionStatus
from egov.reporting.models import Indicator, Regime, Submission, Value
from egov.reporting.services import DECIDERS, FILLERS


def submissions_for_user(user: object) -> QuerySet[Submission]:
    """Reports of the units within the user's reach and those sent to a unit within it."""
    reach = reach_of(user)
    if reach.is_empty:
        return Submission.objects.none()
    return Submission.objects.filter(reach.q("unit") | reach.q("regime__receiving_unit"))


def submission_get_for_user(user: object, pk: int) -> Submission:
    found = (
        submissions_for_user(user).select_related("regime__receiving_unit", "unit").filter(pk=pk)
    ).first()
    if found is None:
        raise Http404
    return found


def regimes_for_user(user: object) -> QuerySet[Regime]:
    """Regimes whose receiving unit is within the user's reach (their completeness pages)."""
    reach = reach_of(user)
    if reach.is_empty:
        return Regime.objects.none()
    return Regime.objects.filter(reach.q("receiving_unit")).select_related("receiving_unit")


def regime_get_for_user(user: object, pk: int) -> Regime:
    found = regimes_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    number: Decimal | None
    text: str

    @property
    def shown(self) -> str:
        return self.text or rules.number_text(self.number)


@dataclass
class SubmissionPage:
    submission: Submission
    rows: list[Row]
    may_fill: bool
    may_decide: bool
    actions: frozenset[str]
    timeliness: str


def submission_page(user: object, submission: Submission) -> SubmissionPage:
    values = {v.indicator_id: v for v in submission.values.all()}
    rows = [
        Row(
            i,
            values[i.pk].number if i.pk in values else None,
            values[i.pk].text if i.pk in values else "",
        )
        for i in submission.regime.indicators.all()
    ]
    may_fill = can_act_for_unit(user, submission.unit, roles=FILLERS)
    may_decide = can_act_for_unit(user, submission.regime.receiving_unit, roles=DECIDERS)
    available = rules.SUBMISSION_TRANSITIONS.available(submission.status)
    actions = frozenset(
        name
        for name in available
        if (name in ("save", "submit") and may_fill)
        or (name in ("accept", "return") and may_decide)
    )
    return SubmissionPage(
        submission, rows, may_fill, may_decide, actions, submission_timeliness(submission)
    )


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return None if moment is None else timezone.localtime(moment).date()


def submission_timeliness(submission: Submission) -> str:
    return rules.timeliness(
        submission.status, _local_day(submission.first_submitted_at), submission.due_on
    )


def periods_of(regime: Regime) -> list[datetime.date]:
    """The first days of the regime's opened periods, latest first."""
    return list(
        Submission.objects.filter(regime=regime)
        .order_by("-period_first")
        .values_list("period_first", flat=True)
        .distinct()
    )


@dataclass
class Completeness:
    """Who reported for one period of a regime: counts and the units behind each."""

    regime: Regime
    period_first: datetime.date
    period_last: datetime.date | None = None
    due_on: datetime.date | None = None
    on_time: list[Submission] = field(default_factory=list)
    late: list[Submission] = field(default_factory=list)
    missing: list[Submission] = field(default_factory=list)
    overdue: bool = False

    @property
    def expected(self) -> int:
        return len(self.on_time) + len(self.late) + len(self.missing)

    @property
    def submitted(self) -> int:
        return len(self.on_time) + len(self.late)

    def rate(self, count: int) -> int | None:
        return None if not self.expected else round(100 * count / self.expected)


def completeness(
    regime: Regime, period_first: datetime.date, *, today: datetime.date | None = None
) -> Completeness:
    """Expected, on time, late and missing reports of one period (a report counts as sent
    from its first sending, even if it was returned since). One query."""
    result = Completeness(regime, period_first)
    rows = (
        Submission.objects.filter(regime=regime, period_first=period_first)
        .select_related("unit")
        .order_by("unit__path")
    )
    for submission in rows:
        result.period_last, result.due_on = submission.period_last, submission.due_on
        getattr(result, submission_timeliness(submission)).append(submission)
    today = today or timezone.localdate()
    result.overdue = result.due_on is not None and today > result.due_on
    return result


@dataclass(frozen=True)
class RolledUp:
    indicator: Indicator
    value: Decimal | None
    units: int

    @property
    def shown(self) -> str:
        return rules.number_text(self.value)


def rollup(regime: Regime, period_first: datetime.date) -> list[RolledUp]:
    """Each numeric indicator aggregated by its rule over the reports sent for the period
    (submitted or accepted), with how many units it rests on. Two queries."""
    numbers: dict[int, list[Decimal]] = defaultdict(list)
    for indicator_id, number in Value.objects.filter(
        submission__regime=regime,
        submission__period_first=period_first,
        submission__status__in=rules.SENT,
        number__isnull=False,
    ).values_list("indicator_id", "number"):
        numbers[indicator_id].append(number)
    return [
        RolledUp(i, rules.aggregate(i.aggregation, numbers[i.pk]), len(numbers[i.pk]))
        for i in regime.indicators.all()
        if i.data_type != DataType.TEXT and i.aggregation != Aggregation.NONE
    ]


def reporting_figures(regime: Regime, period_first: datetime.date) -> dict[str, Any]:
    """The figures of one regime and period for the dashboards, as plain numbers: expected,
    submitted, on time, late, missing, accepted reports (the indicators registry will read
    this selector when it exists; docs/adding-a-module.md)."""
    counts = completeness(regime, period_first)
    accepted = Submission.objects.filter(
        regime=regime, period_first=period_first, status=SubmissionStatus.ACCEPTED
    ).count()
    return {
        "expected": counts.expected,
        "submitted": counts.submitted,
        "on_time": len(counts.on_time),
        "late": len(counts.late),
        "missing": len(counts.missing),
        "accepted": accepted,
    }


def inbox_filter(status: str) -> Q:
    return Q(status=status) if status in SubmissionStatus.values else Q()


@dataclass
class UnitFigures:
    """One reporting unit's reports due in a range of periods: expected, on time, late,
    missing (the figures the dashboards read per unit and period)."""

    unit_id: int
    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0


def reporting_unit_figures(
    *, user: object, first: datetime.date, last: datetime.date
) -> dict[int, UnitFigures]:
    """Per reporting unit, the reports of the periods starting between ``first`` and
    ``last`` that ``user`` may see, graded by timeliness. One query."""
    rows: dict[int, UnitFigures] = {}
    reports = submissions_for_user(user).filter(period_first__range=(first, last))
    for unit_id, first_sent, due_on in reports.values_list(
        "unit_id", "first_submitted_at", "due_on"
    ):
        row = rows.setdefault(unit_id, UnitFigures(unit_id))
        row.expected += 1
        grade = rules.timeliness("", _local_day(first_sent), due_on)
        setattr(row, grade, getattr(row, grade) + 1)
    return rows
