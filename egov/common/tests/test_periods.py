"""Calendar periods and the roll-up cover (pure, no database)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egov.common.periods import (
    Period,
    PeriodKind,
    add_months,
    month_end,
    month_start,
    period_cover,
    period_end,
    period_of,
    period_range,
    period_start,
)

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
DAYS = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
CALENDAR_KINDS = [
    PeriodKind.DAY,
    PeriodKind.WEEK,
    PeriodKind.DEKAD,
    PeriodKind.MONTH,
    PeriodKind.QUARTER,
    PeriodKind.HALF_YEAR,
    PeriodKind.YEAR,
]
# Nested chains of grains, coarsest first, as roll-ups use them.
CHAINS = [
    (PeriodKind.YEAR, PeriodKind.MONTH, PeriodKind.DAY),
    (PeriodKind.YEAR, PeriodKind.QUARTER, PeriodKind.MONTH, PeriodKind.DEKAD, PeriodKind.DAY),
    (PeriodKind.YEAR, PeriodKind.HALF_YEAR, PeriodKind.QUARTER, PeriodKind.MONTH, PeriodKind.DAY),
    (PeriodKind.MONTH, PeriodKind.DAY),
    (PeriodKind.WEEK, PeriodKind.DAY),
    (PeriodKind.DAY,),
]


def _covered_days(cover: list) -> list[datetime.date]:
    days = []
    for grain, first, last in cover:
        start = first
        while start <= last:
            assert period_start(grain, start) == start
            end = period_end(grain, start)
            days.extend(start + n * ONE_DAY for n in range((end - start).days + 1))
            start = end + ONE_DAY
    return days


@settings(max_examples=300, deadline=None)
@given(
    first=DAYS, length=st.integers(min_value=0, max_value=6 * 366), chain=st.sampled_from(CHAINS)
)
def test_cover_partitions_any_range_exactly(first, length, chain):
    last = first + length * ONE_DAY

    cover = period_cover(first, last, chain)

    # Every day once, in order: the ranges are disjoint and listed in the order of their days.
    assert _covered_days(cover) == [first + n * ONE_DAY for n in range(length + 1)]
    assert len(cover) <= 2 * len(chain) - 1
    assert [grain for grain, _first, _last in cover].count(chain[0]) <= 1


def test_cover_of_an_empty_range_is_empty():
    assert period_cover(D(2026, 3, 5), D(2026, 3, 4), (PeriodKind.MONTH, PeriodKind.DAY)) == []


@given(day=DAYS, kind=st.sampled_from(CALENDAR_KINDS))
def test_periods_of_a_kind_tile_the_calendar(day, kind):
    period = period_of(kind, day)

    assert day in period
    assert period.kind == kind
    assert period.previous().last + ONE_DAY == period.first
    assert period.next().first == period.last + ONE_DAY
    assert period.next().previous() == period
    assert period_of(kind, period.first) == period_of(kind, period.last) == period


@pytest.mark.parametrize(
    ("kind", "day", "first", "last"),
    [
        (PeriodKind.WEEK, D(2026, 3, 5), D(2026, 3, 2), D(2026, 3, 8)),
        (PeriodKind.DEKAD, D(2026, 2, 25), D(2026, 2, 21), D(2026, 2, 28)),
        (PeriodKind.DEKAD, D(2024, 2, 11), D(2024, 2, 11), D(2024, 2, 20)),
        (PeriodKind.MONTH, D(2024, 2, 11), D(2024, 2, 1), D(2024, 2, 29)),
        (PeriodKind.QUARTER, D(2026, 8, 15), D(2026, 7, 1), D(2026, 9, 30)),
        (PeriodKind.HALF_YEAR, D(2026, 6, 30), D(2026, 1, 1), D(2026, 6, 30)),
        (PeriodKind.HALF_YEAR, D(2026, 7, 1), D(2026, 7, 1), D(2026, 12, 31)),
        (PeriodKind.NINE_MONTHS, D(2026, 9, 30), D(2026, 1, 1), D(2026, 9, 30)),
        (PeriodKind.YEAR, D(2026, 9, 30), D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_period_of(kind, day, first, last):
    assert period_of(kind, day) == Period(first, last, kind)


def test_nine_months_are_those_of_each_year():
    nine = period_of(PeriodKind.NINE_MONTHS, D(2026, 3, 1))

    assert nine.previous() == Period(D(2025, 1, 1), D(2025, 9, 30), PeriodKind.NINE_MONTHS)
    assert nine.next() == Period(D(2027, 1, 1), D(2027, 9, 30), PeriodKind.NINE_MONTHS)
    with pytest.raises(ValueError, match="after the first nine months"):
        period_of(PeriodKind.NINE_MONTHS, D(2026, 10, 1))


def test_a_custom_range_moves_by_its_length():
    week_and_a_day = period_range(D(2026, 2, 25), D(2026, 3, 4))

    assert week_and_a_day.days == 8
    assert week_and_a_day.previous() == period_range(D(2026, 2, 17), D(2026, 2, 24))
    assert week_and_a_day.next() == period_range(D(2026, 3, 5), D(2026, 3, 12))
    with pytest.raises(ValueError, match="ends on or after"):
        period_range(D(2026, 3, 5), D(2026, 3, 4))


def test_month_arithmetic():
    assert month_start(D(2026, 3, 17)) == D(2026, 3, 1)
    assert month_end(D(2024, 2, 3)) == D(2024, 2, 29)
    assert month_end(D(2026, 12, 31)) == D(2026, 12, 31)
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 3, 31), -13) == D(2025, 2, 28)
