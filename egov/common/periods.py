"""Calendar periods and the roll-up cover of a range of days (pure, no ORM, no Django).

The one place for period arithmetic: every figures page, roll-up and reporting module takes
its months, quarters and years from here. Vietnamese reporting uses the month, the quarter,
the first six months (and the last six), the first nine months and the year (Decree
09/2019/NĐ-CP art. 12); roll-ups also use the day and the dekad (days 1–10, 11–20, 21–end of
a month); weeks run Monday to Sunday.

A roll-up keeps rows of a few nested kinds (each period of a kind lies inside one period of
the next coarser kind) and reads any range as the whole coarse periods inside it plus finer
ones at either end: :func:`period_cover`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

ONE_DAY = datetime.timedelta(days=1)


class PeriodKind(StrEnum):
    """The kinds of period. The values are the codes roll-up tables store as their grain."""

    DAY = "day"
    WEEK = "week"
    DEKAD = "dekad"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    NINE_MONTHS = "nine_months"
    YEAR = "year"
    CUSTOM = "custom"


def month_start(day: datetime.date) -> datetime.date:
    """The first day of the month of ``day``."""
    return day.replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    """The last day of the month of ``day``."""
    return day + relativedelta(day=31)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` calendar months, kept within the month (31 January + 1 →
    28 or 29 February)."""
    return day + relativedelta(months=months)


def _months_start(day: datetime.date, months: int) -> datetime.date:
    """The first day of the block of ``months`` months (counted from January) holding ``day``."""
    return day.replace(month=months * ((day.month - 1) // months) + 1, day=1)


def period_start(kind: str, day: datetime.date) -> datetime.date:
    """The first day of the period of ``kind`` containing ``day`` (see :func:`period_of`)."""
    if kind == PeriodKind.DAY:
        return day
    if kind == PeriodKind.WEEK:
        return day - datetime.timedelta(days=day.weekday())
    if kind == PeriodKind.DEKAD:
        return day.replace(day=min(1 + 10 * ((day.day - 1) // 10), 21))
    if kind == PeriodKind.MONTH:
        return day.replace(day=1)
    if kind == PeriodKind.QUARTER:
        return _months_start(day, 3)
    if kind == PeriodKind.HALF_YEAR:
        return _months_start(day, 6)
    if kind == PeriodKind.NINE_MONTHS:
        if day.month > 9:
            raise ValueError(f"{day.isoformat()} is after the first nine months of its year")
        return day.replace(month=1, day=1)
    if kind == PeriodKind.YEAR:
        return day.replace(month=1, day=1)
    raise ValueError(f"not a calendar period kind: {kind!r}")


def period_end(kind: str, day: datetime.date) -> datetime.date:
    """The last day of the period of ``kind`` containing ``day``."""
    start = period_start(kind, day)
    if kind == PeriodKind.DAY:
        return start
    if kind == PeriodKind.WEEK:
        return start + datetime.timedelta(days=6)
    if kind == PeriodKind.DEKAD:
        return month_end(start) if start.day == 21 else start + datetime.timedelta(days=9)
    months = {
        PeriodKind.MONTH: 1,
        PeriodKind.QUARTER: 3,
        PeriodKind.HALF_YEAR: 6,
        PeriodKind.NINE_MONTHS: 9,
        PeriodKind.YEAR: 12,
    }[PeriodKind(kind)]
    return start + relativedelta(months=months, days=-1)


@dataclass(frozen=True, order=True)
class Period:
    """A period of days, ``first`` to ``last`` both included."""

    first: datetime.date
    last: datetime.date
    kind: str = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("a period ends on or after its first day")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.first <= day <= self.last

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> Period:
        """The period of the same kind just before (a custom range: the same number of days;
        nine months: those of the year before)."""
        if self.kind == PeriodKind.CUSTOM:
            return Period(self.first - self.days * ONE_DAY, self.first - ONE_DAY)
        if self.kind == PeriodKind.NINE_MONTHS:
            return period_of(self.kind, self.first - relativedelta(years=1))
        return period_of(self.kind, self.first - ONE_DAY)

    def next(self) -> Period:
        """The period of the same kind just after (see :meth:`previous`)."""
        if self.kind == PeriodKind.CUSTOM:
            return Period(self.last + ONE_DAY, self.last + self.days * ONE_DAY)
        if self.kind == PeriodKind.NINE_MONTHS:
            return period_of(self.kind, self.first + relativedelta(years=1))
        return period_of(self.kind, self.last + ONE_DAY)


def period_of(kind: str, day: datetime.date) -> Period:
    """The period of ``kind`` containing ``day``: the day; its week (Monday to Sunday); its
    dekad; its month; its quarter; its half of the year; the first nine months of its year
    (``ValueError`` from October on); its year."""
    return Period(period_start(kind, day), period_end(kind, day), PeriodKind(kind))


def period_range(first: datetime.date, last: datetime.date) -> Period:
    """A custom period from ``first`` to ``last`` (both included)."""
    return Period(first, last)


class CoverRange(NamedTuple):
    """Periods of one ``grain`` whose first days lie in ``first..last`` (both included)."""

    grain: str
    first: datetime.date
    last: datetime.date


def _cover(start: datetime.date, end: datetime.date, grains: Sequence[str]) -> list[CoverRange]:
    if start > end:
        return []
    grain, finer = grains[0], grains[1:]
    if not finer:
        return [CoverRange(grain, start, end)]
    first = period_start(grain, start)
    if first < start:
        first = period_end(grain, first) + ONE_DAY
    last = period_start(grain, end)
    if period_end(grain, last) > end:
        last = period_start(grain, last - ONE_DAY)
    if first > end or last < first:
        return _cover(start, end, finer)
    return [
        *_cover(start, first - ONE_DAY, finer),
        CoverRange(grain, first, last),
        *_cover(period_end(grain, last) + ONE_DAY, end, finer),
    ]


def period_cover(
    first: datetime.date, last: datetime.date, grains: Sequence[str]
) -> list[CoverRange]:
    """Cover ``first..last`` (both included) with the periods of ``grains``, given coarsest
    first, each nested in the one before it (e.g. year, quarter, month, dekad, day): the whole
    coarsest periods inside, then the whole periods of each finer grain left at either end,
    each day exactly once. One range per grain and side, in the order of their days; the
    grain of each range is the value given in ``grains``."""
    return _cover(first, last, tuple(grains))


class SignedRange(NamedTuple):
    """A :class:`CoverRange` added (``sign`` 1) or subtracted (``sign`` -1)."""

    grain: str
    first: datetime.date
    last: datetime.date
    sign: int


def _periods_in(grain: str, first: datetime.date, last: datetime.date) -> int:
    count, start = 0, first
    while start <= last:
        count, start = count + 1, period_end(grain, start) + ONE_DAY
    return count


def period_cover_signed(
    first: datetime.date, last: datetime.date, grains: Sequence[str]
) -> list[SignedRange]:
    """:func:`period_cover`, except that a range of the finest grain lying inside one period of
    the next coarser grain (the days at either end, inside their month) is read as that whole
    period minus the rest of it when the rest holds fewer periods: 25 days of a month are the
    month minus its other 5 days (6 rows instead of 25), and the days of this month up to today
    are the month alone (the later days have no rows yet). The rest lies outside ``first..last``,
    so the signed ranges add up to each day of the period exactly once."""
    signed = []
    for grain, start, end in period_cover(first, last, grains):
        if len(grains) < 2 or grain != grains[-1]:
            signed.append(SignedRange(grain, start, end, 1))
            continue
        parent = grains[-2]
        whole = Period(period_start(parent, start), period_end(parent, start))
        rest = [
            CoverRange(grain, a, b)
            for a, b in ((whole.first, start - ONE_DAY), (end + ONE_DAY, whole.last))
            if a <= b
        ]
        if end > whole.last or 1 + sum(_periods_in(grain, a, b) for _g, a, b in rest) >= (
            _periods_in(grain, start, end)
        ):
            signed.append(SignedRange(grain, start, end, 1))
            continue
        signed.append(SignedRange(parent, whole.first, whole.first, 1))
        signed.extend(SignedRange(grain, a, b, -1) for _g, a, b in rest)
    return signed
