"""Pure rules of disclosure: working days to a due day, the period a duty is judged on, the
status of a duty and the display period against the duty's minimum."""

from __future__ import annotations

import datetime

import pytest

from egov.common.periods import Period
from egov.disclosure import rules
from egov.disclosure.choices import DutyStatus
from egov.workdays.selectors import work_calendar_get

D = datetime.date


@pytest.fixture
def calendar(db):
    return work_calendar_get()


def test_working_days_after_a_day_skip_the_weekend(calendar):
    friday = D(2026, 3, 6)

    assert rules.working_day_after(calendar, friday, 1) == D(2026, 3, 9)
    assert rules.working_day_after(calendar, friday, 0) == friday


def test_the_due_day_counts_from_the_first_or_the_last_day_of_the_period(calendar):
    quarter = Period(D(2026, 4, 1), D(2026, 6, 30), "quarter")

    assert rules.due_on(calendar, counts_from="end", days=10, period=quarter) == D(2026, 7, 14)
    assert rules.due_on(calendar, counts_from="start", days=1, period=quarter) == D(2026, 4, 2)


def test_a_duty_is_judged_on_the_latest_period_whose_due_day_has_passed(calendar):
    judged = rules.latest_due_period(
        calendar, frequency="quarter", counts_from="end", days=10, today=D(2026, 7, 13)
    )
    after = rules.latest_due_period(
        calendar, frequency="quarter", counts_from="end", days=10, today=D(2026, 7, 14)
    )
    event = rules.latest_due_period(
        calendar, frequency="event", counts_from="start", days=0, today=D(2026, 7, 14)
    )

    assert judged == (Period(D(2026, 1, 1), D(2026, 3, 31), "quarter"), D(2026, 4, 14))
    assert after == (Period(D(2026, 4, 1), D(2026, 6, 30), "quarter"), D(2026, 7, 14))
    assert event is None


@pytest.mark.parametrize(
    ("published_on", "today", "status"),
    [
        (D(2026, 7, 14), D(2026, 8, 1), DutyStatus.ON_TIME),
        (D(2026, 7, 15), D(2026, 8, 1), DutyStatus.LATE),
        (None, D(2026, 7, 15), DutyStatus.MISSING),
        (None, D(2026, 7, 14), DutyStatus.DUE),
    ],
)
def test_the_status_of_a_duty(published_on, today, status):
    assert rules.duty_status(due=D(2026, 7, 14), published_on=published_on, today=today) == status


def test_the_display_must_last_the_duty_minimum_both_days_included():
    assert rules.display_problem(first=D(2026, 3, 1), last=D(2026, 3, 30), minimum_days=30) is None
    field, _message = rules.display_problem(
        first=D(2026, 3, 1), last=D(2026, 3, 29), minimum_days=30
    )
    reversed_field, _ = rules.display_problem(
        first=D(2026, 3, 2), last=D(2026, 3, 1), minimum_days=0
    )

    assert (field, reversed_field) == ("display_until", "display_until")
