"""Reads of the complaints figures page and its workbook (issue 18 §3): for a unit within the
officer's reach and everything below it, the numbers of one period and of the periods before
it, read from the roll-up (``PetitionFigure``, one grouped query per period whatever its
length), the numbers of each unit in the period, and the named late units: the units with open
cases past their legal time limit now, with their counts.

Whom it shows: an officer reads the units within their reach (``orgs.access``): their own
unit's subtree, the city office every unit. No person is ever in these numbers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Length
from django.http import Http404
from django.utils.translation import gettext as _

from egov.common.periods import Period, PeriodKind, period_of
from egov.complaints.models import Petition, PetitionFigure
from egov.complaints.services_rollup import rollup_cells
from egov.orgs.access import reach_of
from egov.orgs.models import OrgUnit

PERIOD_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR)
SERIES_LENGTH = 6  # the period asked for and the five before it
LATE_UNITS_SHOWN = 50
NUMBERS = (
    "received",
    "accepted",
    "settled",
    "settled_on_time",
    "found_right",
    "found_partly",
    "found_wrong",
    "receptions",
)


@dataclass(frozen=True)
class Numbers:
    """The roll-up's numbers of a set of units over a period (``late`` = settled late)."""

    received: int = 0
    accepted: int = 0
    settled: int = 0
    settled_on_time: int = 0
    found_right: int = 0
    found_partly: int = 0
    found_wrong: int = 0
    receptions: int = 0

    @property
    def settled_late(self) -> int:
        return self.settled - self.settled_on_time


@dataclass(frozen=True)
class PeriodNumbers:
    period: Period
    label: str
    numbers: Numbers


@dataclass(frozen=True)
class UnitNumbers:
    """One unit's own numbers in the period, with its cases open and past the limit now."""

    unit: OrgUnit
    numbers: Numbers
    open: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class ComplaintsFigures:
    unit: OrgUnit
    period: Period
    label: str
    total: Numbers
    open: int
    overdue: int
    series: list[PeriodNumbers] = field(default_factory=list)
    units: list[UnitNumbers] = field(default_factory=list)
    late_units: list[UnitNumbers] = field(default_factory=list)


def figure_units_for(user: Any) -> list[OrgUnit]:
    """The units an officer may read figures of (their reach), highest first."""
    reach = reach_of(user)
    if reach.is_empty:
        return []
    return list(
        OrgUnit.objects.active()
        .filter(reach.q("self"))
        .order_by(Length("path"), "path")
        .only("pk", "name", "path")[:500]
    )


def figure_unit_get(user: Any, unit_id: int | None) -> OrgUnit:
    """The unit asked for when within reach (another: 404); by default the highest one."""
    reach = reach_of(user)
    if unit_id is None:
        units = figure_units_for(user)
        if not units:
            raise Http404
        return units[0]
    unit = OrgUnit.objects.filter(pk=unit_id).first()
    if unit is None or not reach.covers(unit):
        raise Http404
    return unit


def period_label(period: Period) -> str:
    """How the page names a period: "11/2026", "Quarter 4/2026", "First half of 2026",
    "2026", else its first and last days."""
    first = period.first
    if period.kind == PeriodKind.MONTH:
        return f"{first:%m/%Y}"
    if period.kind == PeriodKind.QUARTER:
        return _("Quarter %(n)s/%(year)s") % {"n": (first.month - 1) // 3 + 1, "year": first.year}
    if period.kind == PeriodKind.HALF_YEAR:
        if first.month == 1:
            return _("First half of %(year)s") % {"year": first.year}
        return _("Second half of %(year)s") % {"year": first.year}
    if period.kind == PeriodKind.YEAR:
        return str(first.year)
    return f"{first:%d/%m/%Y} – {period.last:%d/%m/%Y}"


def _sums() -> dict[str, Sum]:
    return {name: Sum(name) for name in NUMBERS}


def _numbers(row: dict[str, Any] | None) -> Numbers:
    row = row or {}
    return Numbers(**{name: row.get(name) or 0 for name in NUMBERS})


def _rolled(unit_ids: Any, period: Period):
    return PetitionFigure.objects.filter(
        rollup_cells(period.first, period.last), unit_id__in=unit_ids
    )


def numbers_of(unit_ids: Any, period: Period) -> Numbers:
    """The numbers of ``unit_ids`` (ids or a subquery) over ``period``: one query."""
    return _numbers(_rolled(unit_ids, period).aggregate(**_sums()))


def _series(unit_ids: Any, period: Period) -> list[PeriodNumbers]:
    periods = [period]
    for _index in range(SERIES_LENGTH - 1):
        periods.insert(0, periods[0].previous())
    return [PeriodNumbers(p, period_label(p), numbers_of(unit_ids, p)) for p in periods]


def _per_unit(unit_ids: Any, period: Period) -> dict[int, Numbers]:
    rows = _rolled(unit_ids, period).values("unit_id").annotate(**_sums()).order_by()
    return {row["unit_id"]: _numbers(row) for row in rows}


def _open_per_unit(unit_ids: Any) -> dict[int, tuple[int, int]]:
    """Each unit's open cases and those past their limit now (one grouped query)."""
    overdue = Q(overdue_since__isnull=False)
    rows = (
        Petition.objects.open()
        .filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue))
        .order_by()
    )
    return {row["unit_id"]: (row["open"], row["overdue"]) for row in rows}


def complaints_figures(*, unit: OrgUnit, period: Period) -> ComplaintsFigures:
    """The figures of ``unit`` and the units below it (the caller checked the reach): seven
    queries for the series, one per unit table, one for the open cases, one for the names."""
    unit_ids = OrgUnit.objects.subtree_of(unit).values("pk")
    per_unit = _per_unit(unit_ids, period)
    open_cases = _open_per_unit(unit_ids)
    names = OrgUnit.objects.filter(pk__in=set(per_unit) | set(open_cases)).only("pk", "name")
    units = sorted(
        (
            UnitNumbers(
                unit=named,
                numbers=per_unit.get(named.pk, Numbers()),
                open=open_cases.get(named.pk, (0, 0))[0],
                overdue=open_cases.get(named.pk, (0, 0))[1],
            )
            for named in names
        ),
        key=lambda row: row.unit.name,
    )
    late = sorted(
        (row for row in units if row.overdue), key=lambda row: (-row.overdue, row.unit.name)
    )
    series = _series(unit_ids, period)
    return ComplaintsFigures(
        unit=unit,
        period=period,
        label=period_label(period),
        total=series[-1].numbers,
        open=sum(row.open for row in units),
        overdue=sum(row.overdue for row in units),
        series=series,
        units=units,
        late_units=late[:LATE_UNITS_SHOWN],
    )


def period_asked(kind: str | None, on: datetime.date) -> Period:
    """The period of ``kind`` (one of :data:`PERIOD_KINDS`, default the month) holding ``on``."""
    kind = kind if kind in PERIOD_KINDS else PeriodKind.MONTH
    return period_of(kind, on)
