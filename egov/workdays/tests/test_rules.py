"""Pure working-day arithmetic: real holiday periods 2024-2026, office sessions, the cut-off
rule, and hypothesis properties. No database."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egov.workdays import rules
from egov.workdays.choices import DayKind
from egov.workdays.tests.calendars import TZ, at, shipped_calendar

CUTOFF = datetime.time(15)
CAL = shipped_calendar()


# Real periods. Each row: start, working days, expected due moment (no cut-off involved).
HOLIDAY_PERIODS = [
    pytest.param(at(2024, 2, 7, 10), "1", at(2024, 2, 15, 10), id="tet-2024-8-to-14-feb-off"),
    pytest.param(at(2024, 4, 26, 10), "1", at(2024, 5, 2, 10), id="2024-29-4-swapped-30-4-1-5"),
    pytest.param(at(2024, 5, 3, 10), "1", at(2024, 5, 4, 10), id="2024-sat-4-5-worked"),
    pytest.param(at(2024, 8, 30, 10), "1", at(2024, 9, 4, 10), id="2024-national-day-2-3-sep"),
    pytest.param(at(2025, 1, 24, 10), "1", at(2025, 2, 3, 10), id="tet-2025-25-jan-2-feb-off"),
    pytest.param(at(2025, 1, 24, 10), "2", at(2025, 2, 4, 10), id="tet-2025-two-days"),
    pytest.param(at(2025, 2, 7, 10), "1", at(2025, 2, 8, 10), id="tet-2025-sat-8-feb-worked"),
    pytest.param(at(2025, 2, 7, 10), "2", at(2025, 2, 10, 10), id="tet-2025-over-make-up-day"),
    pytest.param(at(2025, 4, 25, 10), "1", at(2025, 4, 26, 10), id="2025-sat-26-4-worked"),
    pytest.param(at(2025, 4, 25, 10), "2", at(2025, 4, 28, 10), id="2025-sat-26-4-two-days"),
    pytest.param(at(2025, 4, 29, 10), "1", at(2025, 5, 5, 10), id="2025-30-4-1-5-2-5-off"),
    pytest.param(at(2025, 8, 29, 10), "1", at(2025, 9, 3, 10), id="2025-national-day-1-2-sep"),
    pytest.param(at(2025, 12, 31, 10), "1", at(2026, 1, 5, 10), id="2026-new-year-2-jan-off"),
    pytest.param(at(2026, 1, 9, 10), "1", at(2026, 1, 10, 10), id="2026-sat-10-jan-worked"),
    pytest.param(at(2026, 2, 13, 10), "1", at(2026, 2, 23, 10), id="tet-2026-14-to-22-feb-off"),
    pytest.param(at(2026, 2, 12, 14), "2", at(2026, 2, 23, 14), id="tet-2026-two-days"),
    pytest.param(at(2026, 4, 24, 10), "1", at(2026, 4, 28, 10), id="hung-kings-2026-observed"),
    pytest.param(at(2026, 4, 28, 10), "2", at(2026, 5, 4, 10), id="2026-30-4-1-5"),
    pytest.param(at(2026, 8, 21, 10), "1", at(2026, 8, 22, 10), id="2026-sat-22-8-worked"),
    pytest.param(at(2026, 8, 28, 10), "1", at(2026, 9, 3, 10), id="2026-31-8-1-2-sep-off"),
    pytest.param(at(2026, 11, 23, 10), "1", at(2026, 11, 25, 10), id="2026-cultural-day-24-11"),
]


@pytest.mark.parametrize(("start", "days", "due"), HOLIDAY_PERIODS)
def test_real_holiday_periods(start, days, due):
    assert rules.add_working_time(CAL, start, Decimal(days)) == due


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (datetime.date(2025, 1, 24), True),
        (datetime.date(2025, 1, 27), False),
        (datetime.date(2025, 2, 1), False),
        (datetime.date(2025, 2, 8), True),
        (datetime.date(2025, 4, 26), True),
        (datetime.date(2025, 5, 2), False),
        (datetime.date(2025, 5, 3), False),
        (datetime.date(2026, 4, 27), False),
        (datetime.date(2026, 8, 22), True),
        (datetime.date(2026, 8, 31), False),
        (datetime.date(2026, 11, 24), False),
    ],
)
def test_is_working_day(day, working):
    assert rules.is_working_day(CAL, day) is working


def test_next_working_day_skips_tet_2026():
    assert rules.next_working_day(CAL, datetime.date(2026, 2, 13)) == datetime.date(2026, 2, 23)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        pytest.param(at(2025, 3, 3, 8), "0.5", at(2025, 3, 3, 12), id="morning"),
        pytest.param(at(2025, 3, 3, 11), "0.5", at(2025, 3, 3, 16), id="over-lunch"),
        pytest.param(at(2025, 3, 3, 12, 30), "0.5", at(2025, 3, 3, 17), id="lunch-snaps-13h"),
        pytest.param(at(2025, 3, 3, 17, 30), "0.5", at(2025, 3, 4, 12), id="evening-snaps"),
        pytest.param(at(2025, 3, 3, 6), "1", at(2025, 3, 3, 17), id="early-snaps-8h"),
        pytest.param(at(2025, 3, 8, 7), "1", at(2025, 3, 10, 17), id="saturday-snaps-monday"),
        pytest.param(at(2025, 3, 3, 12), "0", at(2025, 3, 3, 13), id="zero-at-noon"),
        pytest.param(at(2025, 3, 3, 9, 15), "2.5", at(2025, 3, 5, 14, 15), id="two-and-a-half"),
    ],
)
def test_half_days_and_sessions(start, days, due):
    assert rules.add_working_time(CAL, start, Decimal(days)) == due


def test_other_timezones_are_converted():
    start = datetime.datetime(2025, 3, 3, 3, 0, tzinfo=datetime.UTC)  # 10:00 in Hà Nội

    due = rules.add_working_time(CAL, start, Decimal(1))

    assert due == at(2025, 3, 4, 10)
    assert due.utcoffset() == datetime.timedelta(hours=7)


@pytest.mark.parametrize(
    ("received", "counted"),
    [
        pytest.param(at(2025, 3, 3, 14, 59), at(2025, 3, 3, 14, 59), id="before-cutoff"),
        pytest.param(at(2025, 3, 3, 15), at(2025, 3, 3, 15), id="at-cutoff"),
        pytest.param(at(2025, 3, 3, 15, 0, 1), at(2025, 3, 4, 8), id="after-cutoff"),
        pytest.param(at(2025, 1, 24, 16), at(2025, 2, 3, 8), id="after-cutoff-before-tet"),
        pytest.param(at(2025, 2, 8, 16), at(2025, 2, 10, 8), id="make-up-saturday"),
        pytest.param(at(2025, 3, 8, 16), at(2025, 3, 10, 8), id="plain-saturday"),
        pytest.param(at(2025, 3, 3, 12, 10), at(2025, 3, 3, 13), id="lunch"),
    ],
)
def test_counting_start(received, counted):
    assert rules.counting_start(CAL, received, CUTOFF) == counted


def test_deadline_after_cutoff_counts_from_next_working_day():
    deadline = rules.deadline_for(CAL, at(2025, 1, 24, 16), Decimal(1), cutoff=CUTOFF)

    assert deadline == rules.Deadline(
        due_at=at(2025, 2, 3, 17),
        working_days=Decimal(1),
        calendar_version="test",
        start_counted_at=at(2025, 2, 3, 8),
    )


def test_deadline_without_cutoff_counts_the_afternoon():
    deadline = rules.deadline_for(CAL, at(2025, 1, 24, 16), Decimal(1), cutoff=None)

    assert deadline.start_counted_at == at(2025, 1, 24, 16)
    assert deadline.due_at == at(2025, 2, 3, 16)


def test_working_time_between_spans_tet_2025():
    elapsed = rules.working_time_between(CAL, at(2025, 1, 24, 10), at(2025, 2, 3, 10))

    assert elapsed == datetime.timedelta(hours=8)
    assert rules.working_days_between(CAL, at(2025, 2, 3, 10), at(2025, 1, 24, 10)) == -1


def test_other_office_sessions():
    sessions = rules.sessions_parse(["07:30-11:30", "13:30-17:30"])
    calendar = shipped_calendar(sessions)

    assert rules.add_working_time(calendar, at(2025, 3, 3, 7), Decimal("0.5")) == at(
        2025, 3, 3, 11, 30
    )
    assert rules.add_working_time(calendar, at(2025, 3, 3, 17), Decimal("1")) == at(2025, 3, 4, 17)


@pytest.mark.parametrize("value", [[], ["8-12"], ["12:00-08:00"], ["08:00-12:00", "11:00-17:00"]])
def test_bad_office_sessions_are_refused(value):
    with pytest.raises(ValueError, match="session"):
        rules.sessions_parse(value)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        rules.add_working_time(CAL, datetime.datetime(2025, 3, 3, 10), Decimal(1))  # noqa: DTZ001


def test_days_outside_the_calendar_are_refused():
    with pytest.raises(rules.CalendarRangeError):
        rules.add_working_time(CAL, at(2099, 12, 1, 10), Decimal(365))


def test_calendar_days_of_tet_2025():
    days = rules.calendar_days(CAL, datetime.date(2025, 1, 20), datetime.date(2025, 2, 10))

    assert [(d.on.isoformat(), d.kind) for d in days] == [
        ("2025-01-27", DayKind.DAY_OFF),
        ("2025-01-28", DayKind.DAY_OFF),
        ("2025-01-29", DayKind.DAY_OFF),
        ("2025-01-30", DayKind.DAY_OFF),
        ("2025-01-31", DayKind.DAY_OFF),
        ("2025-02-08", DayKind.MAKEUP_WORKING_DAY),
    ]
    assert days[2].name == "Lunar New Year"


# Properties -----------------------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime.datetime(2024, 1, 1),  # noqa: DTZ001 - hypothesis attaches the zone
    max_value=datetime.datetime(2026, 12, 31),  # noqa: DTZ001
    timezones=st.just(TZ),
)
half_days = st.integers(min_value=0, max_value=60).map(lambda n: Decimal(n) / 2)
positive_half_days = st.integers(min_value=1, max_value=60).map(lambda n: Decimal(n) / 2)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


@PROPERTY_SETTINGS
@given(start=moments, days=half_days)
def test_counting_back_gives_the_days_added(start, days):
    due = rules.add_working_time(CAL, start, days)

    assert rules.working_days_between(CAL, start, due) == days


@PROPERTY_SETTINGS
@given(start=moments, days=half_days)
def test_result_is_in_office_hours_of_a_working_day(start, days):
    due = rules.add_working_time(CAL, start, days)

    assert rules.is_within_office_hours(CAL, due)
    assert due >= start


@PROPERTY_SETTINGS
@given(start=moments, a=half_days, b=half_days)
def test_monotonic_in_days(start, a, b):
    low, high = sorted([a, b])

    assert rules.add_working_time(CAL, start, low) <= rules.add_working_time(CAL, start, high)


@PROPERTY_SETTINGS
@given(a=moments, b=moments, days=half_days)
def test_monotonic_in_start(a, b, days):
    early, late = sorted([a, b])

    assert rules.add_working_time(CAL, early, days) <= rules.add_working_time(CAL, late, days)


@PROPERTY_SETTINGS
@given(raw_start=moments, a=half_days, b=positive_half_days)
def test_adding_a_then_b_is_adding_a_plus_b(raw_start, a, b):
    # b > 0: adding nothing to a session's closing time (12:00) would move it to 13:00.
    start = rules.office_hours_start(CAL, raw_start)

    in_two_steps = rules.add_working_time(CAL, rules.add_working_time(CAL, start, a), b)

    assert in_two_steps == rules.add_working_time(CAL, start, a + b)


@PROPERTY_SETTINGS
@given(a=moments, b=moments, c=moments)
def test_working_time_between_is_additive(a, b, c):
    total = rules.working_time_between(CAL, a, b) + rules.working_time_between(CAL, b, c)

    assert total == rules.working_time_between(CAL, a, c)
    assert rules.working_time_between(CAL, a, b) == -rules.working_time_between(CAL, b, a)


def test_count_includes_both_ends_and_refuses_a_reversed_range():
    assert rules.working_days_count(CAL, datetime.date(2025, 2, 7), datetime.date(2025, 2, 8)) == 2
    assert rules.working_days_count(CAL, datetime.date(2025, 2, 9), datetime.date(2025, 2, 9)) == 0
    with pytest.raises(ValueError):
        rules.working_days_count(CAL, datetime.date(2025, 2, 9), datetime.date(2025, 2, 8))


def test_tet_2026_days_carry_their_reason():
    tet = rules.day_status(CAL, datetime.date(2026, 2, 17))
    saturday = rules.day_status(CAL, datetime.date(2026, 1, 10))

    assert (tet.is_working_day, tet.reason, tet.swapped_with) == (False, "holiday", None)
    assert tet.name
    assert (saturday.is_working_day, saturday.reason) == (True, "makeup_working_day")
    assert saturday.swapped_with == datetime.date(2026, 1, 2)
