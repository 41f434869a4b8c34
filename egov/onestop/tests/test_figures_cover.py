"""The cover of a period by whole years, whole months and single days (pure, no database)."""

from __future__ import annotations

import datetime
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from egov.common.periods import month_end, period_cover, period_cover_signed
from egov.onestop.selectors.figures import COVER_GRAINS

DAY = datetime.timedelta(days=1)


def _days(cover: list[tuple[str, datetime.date, datetime.date]]) -> list[datetime.date]:
    days = []
    for grain, first, last in cover:
        start = first
        while start <= last:
            if grain == "day":
                end, following = start, start + DAY
            elif grain == "month":
                end = month_end(start)
                following = end + DAY
            else:
                end = start.replace(month=12, day=31)
                following = end + DAY
            while start <= end:
                days.append(start)
                start += DAY
            start = following
    return days


@given(
    st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=2200),
)
def test_cover_holds_every_day_of_the_period_exactly_once(first, length):
    last = first + datetime.timedelta(days=length)

    days = _days(period_cover(first, last, COVER_GRAINS))

    assert days == [first + datetime.timedelta(days=i) for i in range(length + 1)]


@given(
    st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=2200),
)
def test_signed_cover_adds_up_to_every_day_once_and_reads_fewer_rows(first, length):
    last = first + datetime.timedelta(days=length)
    signed = period_cover_signed(first, last, COVER_GRAINS)
    counts = Counter()
    for grain, start, end, sign in signed:
        for day in _days([(grain, start, end)]):
            counts[day] += sign

    assert +counts == Counter(first + datetime.timedelta(days=i) for i in range(length + 1))
    assert not -counts

    def rows(cover) -> int:
        """Rows read per key: one per day, month or year of each range."""
        sizes = {
            "day": lambda a, b: (b - a).days + 1,
            "month": lambda a, b: (b.year - a.year) * 12 + b.month - a.month + 1,
            "year": lambda a, b: b.year - a.year + 1,
        }
        return sum(sizes[grain](a, b) for grain, a, b, *_sign in cover)

    assert rows(signed) <= rows(period_cover(first, last, COVER_GRAINS))


def test_a_partial_month_is_the_month_minus_its_other_days():
    assert period_cover_signed(
        datetime.date(2026, 11, 3), datetime.date(2026, 11, 30), COVER_GRAINS
    ) == [
        ("month", datetime.date(2026, 11, 1), datetime.date(2026, 11, 1), 1),
        ("day", datetime.date(2026, 11, 1), datetime.date(2026, 11, 2), -1),
    ]
    assert period_cover_signed(
        datetime.date(2026, 11, 3), datetime.date(2026, 11, 5), COVER_GRAINS
    ) == [
        ("day", datetime.date(2026, 11, 3), datetime.date(2026, 11, 5), 1),
    ]


def test_five_years_are_years_months_and_days():
    assert period_cover(datetime.date(2021, 11, 21), datetime.date(2026, 11, 20), COVER_GRAINS) == [
        ("day", datetime.date(2021, 11, 21), datetime.date(2021, 11, 30)),
        ("month", datetime.date(2021, 12, 1), datetime.date(2021, 12, 1)),
        ("year", datetime.date(2022, 1, 1), datetime.date(2025, 1, 1)),
        ("month", datetime.date(2026, 1, 1), datetime.date(2026, 10, 1)),
        ("day", datetime.date(2026, 11, 1), datetime.date(2026, 11, 20)),
    ]
    assert period_cover(datetime.date(2026, 3, 5), datetime.date(2026, 3, 4), COVER_GRAINS) == []
