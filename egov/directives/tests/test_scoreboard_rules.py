"""Pure scoreboard rules: a bucket plus today gives the state the task rules give; any period
is covered by years, months and days, each day exactly once. No database."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egov.common.periods import CoverRange, period_cover, period_end, period_start
from egov.directives.choices import TaskState
from egov.directives.models import Task, TaskReport
from egov.directives.rules import report_state
from egov.directives.scoreboard.choices import GRAINS, Grain
from egov.directives.scoreboard.rules import (
    NEVER,
    ReportFact,
    report_bucket,
    report_bucket_state,
    task_bucket,
    task_bucket_state,
)
from egov.directives.selectors import task_state_of
from egov.workdays.rules import VN_TZ
from egov.workdays.tests.calendars import shipped_calendar

CAL = shipped_calendar()
DAYS = st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2027, 12, 31))
D = datetime.date


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=VN_TZ)


reports_st = st.lists(st.tuples(st.booleans(), DAYS, st.none() | DAYS), max_size=4)


@settings(max_examples=600, deadline=None)
@given(
    recurring=st.booleans(),
    deadline=st.none() | DAYS,
    done=st.none() | DAYS,
    percent=st.sampled_from([0, 30, 100]),
    reports=reports_st,
    today=DAYS,
)
def test_task_bucket_gives_the_state_of_the_task_pages(
    recurring, deadline, done, percent, reports, today
):
    # Completion and sending are recorded on the day they happen, never after today.
    today = max([today, done or today, *(sent for _lead, _due, sent in reports if sent)])
    task = Task(
        lead_unit_id=1,
        recurrence="monthly" if recurring else "none",
        deadline_on=deadline,
        done_on=done,
        percent_done=percent,
    )
    rows = [
        TaskReport(
            unit_id=1 if lead else 2,
            period_start=due,
            period_end=due,
            due_on=due,
            status="submitted" if sent else "draft",
            submitted_at=_moment(sent) if sent else None,
        )
        for lead, due, sent in reports
    ]
    facts = [ReportFact(lead, due, sent) for lead, due, sent in reports]

    bucket = task_bucket(
        CAL,
        recurring=recurring,
        deadline_on=deadline,
        done_on=done,
        percent_done=percent,
        reports=facts,
    )

    assert task_bucket_state(bucket, today) == task_state_of(CAL, task, rows, today)


@settings(max_examples=400, deadline=None)
@given(due=DAYS, sent=st.none() | DAYS, today=DAYS)
def test_report_bucket_gives_the_state_of_the_rules(due, sent, today):
    if sent is not None and sent > today:
        today = sent
    bucket = report_bucket(CAL, due_on=due, submitted_on=sent)

    assert report_bucket_state(bucket, today) == report_state(
        CAL, due_on=due, submitted_on=sent, today=today
    )


def test_a_deadline_on_a_day_off_moves_to_the_next_working_day():
    # Tết 2026: 14–22 February off; a deadline on Sunday 15 February runs to Monday 23.
    bucket = task_bucket(
        CAL, recurring=False, deadline_on=D(2026, 2, 15), done_on=None, percent_done=10, reports=()
    )
    late = task_bucket(
        CAL,
        recurring=False,
        deadline_on=D(2026, 2, 15),
        done_on=D(2026, 2, 24),
        percent_done=100,
        reports=(),
    )
    on_time = task_bucket(
        CAL,
        recurring=False,
        deadline_on=D(2026, 2, 15),
        done_on=D(2026, 2, 23),
        percent_done=100,
        reports=(),
    )

    assert (bucket.outcome, bucket.overdue_after) == ("open_started", D(2026, 2, 23))
    assert task_bucket_state(bucket, D(2026, 2, 23)) == TaskState.ON_TRACK
    assert task_bucket_state(bucket, D(2026, 2, 24)) == TaskState.OVERDUE
    assert (late.outcome, late.overdue_after) == ("done_late", NEVER)
    assert on_time.outcome == "done_on_time"


def test_a_recurring_task_is_not_reported_after_its_first_report_missing():
    reports = [
        ReportFact(True, D(2026, 1, 31), D(2026, 1, 30)),
        ReportFact(True, D(2026, 2, 28), None),
        ReportFact(True, D(2026, 3, 31), None),
    ]
    bucket = task_bucket(
        CAL, recurring=True, deadline_on=None, done_on=None, percent_done=0, reports=reports
    )
    quiet = task_bucket(
        CAL, recurring=True, deadline_on=None, done_on=None, percent_done=0, reports=()
    )

    # 28 February 2026 is a Saturday: the report is due on Monday 2 March.
    assert (bucket.outcome, bucket.overdue_after) == ("recur_start", D(2026, 3, 2))
    assert task_bucket_state(bucket, D(2026, 3, 2)) == TaskState.ON_TRACK
    assert task_bucket_state(bucket, D(2026, 3, 3)) == TaskState.NOT_REPORTED
    assert quiet.overdue_after == NEVER
    assert task_bucket_state(quiet, D(2099, 12, 31)) == TaskState.NOT_DUE


def _days(cells: list[CoverRange]) -> list[datetime.date]:
    days = []
    for cell in cells:
        start = cell.first
        while start <= cell.last:
            end = period_end(cell.grain, start)
            days.extend(start + datetime.timedelta(n) for n in range((end - start).days + 1))
            start = end + datetime.timedelta(days=1)
    return sorted(days)


@settings(max_examples=500, deadline=None)
@given(start=DAYS, length=st.integers(min_value=0, max_value=5 * 366))
def test_period_cover_counts_every_day_once(start, length):
    end = start + datetime.timedelta(days=length)

    cells = period_cover(start, end, GRAINS[::-1])

    assert _days(cells) == [start + datetime.timedelta(n) for n in range(length + 1)]
    assert len(cells) <= 9  # years once, each finer grain at most once on each side
    for cell in cells:
        assert cell.first <= cell.last
        for day in (cell.first, cell.last):
            assert period_start(cell.grain, day) == day
    assert (
        sum(1 for c in cells if c.grain == Grain.DAY for _ in range((c.last - c.first).days + 1))
        <= 20
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 3, 5), D(2026, 3, 9), [CoverRange("day", D(2026, 3, 5), D(2026, 3, 9))]),
        (
            D(2026, 3, 5),
            D(2026, 3, 20),
            [
                CoverRange("day", D(2026, 3, 5), D(2026, 3, 10)),
                CoverRange("dekad", D(2026, 3, 11), D(2026, 3, 11)),
            ],
        ),
        (D(2026, 3, 1), D(2026, 3, 31), [CoverRange("month", D(2026, 3, 1), D(2026, 3, 1))]),
        (
            D(2022, 11, 21),
            D(2026, 11, 20),
            [
                CoverRange("dekad", D(2022, 11, 21), D(2022, 11, 21)),
                CoverRange("month", D(2022, 12, 1), D(2022, 12, 1)),
                CoverRange("year", D(2023, 1, 1), D(2025, 1, 1)),
                CoverRange("quarter", D(2026, 1, 1), D(2026, 7, 1)),
                CoverRange("month", D(2026, 10, 1), D(2026, 10, 1)),
                CoverRange("dekad", D(2026, 11, 1), D(2026, 11, 11)),
            ],
        ),
    ],
)
def test_period_cover_examples(start, end, expected):
    assert period_cover(start, end, GRAINS[::-1]) == expected
