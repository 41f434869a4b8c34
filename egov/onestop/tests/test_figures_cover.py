"""The cover of a period by whole years, whole months and single days (pure, no database)."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from egov.common.periods import month_end, period_cover
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


def test_five_years_are_years_months_and_days():
    assert period_cover(datetime.date(2021, 11, 21), datetime.date(2026, 11, 20), COVER_GRAINS) == [
        ("day", datetime.date(2021, 11, 21), datetime.date(2021, 11, 30)),
        ("month", datetime.date(2021, 12, 1), datetime.date(2021, 12, 1)),
        ("year", datetime.date(2022, 1, 1), datetime.date(2025, 1, 1)),
        ("month", datetime.date(2026, 1, 1), datetime.date(2026, 10, 1)),
        ("day", datetime.date(2026, 11, 1), datetime.date(2026, 11, 20)),
    ]
    assert period_cover(datetime.date(2026, 3, 5), datetime.date(2026, 3, 4), COVER_GRAINS) == []
