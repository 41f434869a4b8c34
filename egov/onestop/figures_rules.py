"""Pure rules of the figures roll-up: which whole years, whole months and single days cover a
period exactly (no ORM). The roll-up keeps rows of the three grains
(``onestop.models.DossierDayFigure.grain``), so a five-year period reads a handful of rows
per unit instead of some 1,800 days."""

from __future__ import annotations

import datetime

from egov.onestop.choices import FigureGrain

ONE_DAY = datetime.timedelta(days=1)
# The start of "everything before a period" (carried-over counts); no data is older.
EPOCH = datetime.date(1900, 1, 1)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month_start(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def month_end(day: datetime.date) -> datetime.date:
    return next_month_start(day) - ONE_DAY


def _months_and_days(
    first: datetime.date, last: datetime.date
) -> list[tuple[str, datetime.date, datetime.date]]:
    out: list[tuple[str, datetime.date, datetime.date]] = []
    full_from = first if first.day == 1 else next_month_start(first)
    full_to = (
        month_start(last) if last == month_end(last) else month_start(month_start(last) - ONE_DAY)
    )
    if full_from > full_to:
        return [(FigureGrain.DAY, first, last)]
    if first < full_from:
        out.append((FigureGrain.DAY, first, full_from - ONE_DAY))
    out.append((FigureGrain.MONTH, full_from, full_to))
    if month_end(full_to) < last:
        out.append((FigureGrain.DAY, month_end(full_to) + ONE_DAY, last))
    return out


def period_cover(
    first: datetime.date, last: datetime.date
) -> list[tuple[str, datetime.date, datetime.date]]:
    """Ranges ``(grain, first start, last start)`` whose periods cover every day from ``first``
    to ``last`` (both included) exactly once: the whole years inside, then the whole months,
    then the single days left at either end."""
    if last < first:
        return []
    full_from = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    full_to = last.year if (last.month, last.day) == (12, 31) else last.year - 1
    if full_from > full_to:
        return _months_and_days(first, last)
    out = []
    head_end = datetime.date(full_from, 1, 1) - ONE_DAY
    if first <= head_end:
        out += _months_and_days(first, head_end)
    out.append((FigureGrain.YEAR, datetime.date(full_from, 1, 1), datetime.date(full_to, 1, 1)))
    tail_start = datetime.date(full_to + 1, 1, 1)
    if tail_start <= last:
        out += _months_and_days(tail_start, last)
    return out
