"""Pure rules against the real 2026 calendar of Vietnam: Tết is Mon 16 - Fri 20 February
(nine days off with the weekends), 30/4 and 1/5 fall on Thursday and Friday, 2/1 is a day off
made up on Saturday 10 January."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from egov.directives.choices import Recurrence, TaskState
from egov.directives.importing import schedule_parse
from egov.directives.rules import (
    Period,
    deadline_effective,
    period_containing,
    recurring_state,
    reminder_kind,
    report_periods,
    report_state,
    target_parse,
    task_state,
)
from egov.workdays.selectors import work_calendar_get

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar():
    return work_calendar_get()


@pytest.mark.parametrize(
    ("deadline", "effective"),
    [
        (D(2026, 2, 14), D(2026, 2, 23)),  # Saturday before Tết → Monday after it
        (D(2026, 2, 18), D(2026, 2, 23)),  # inside Tết
        (D(2026, 4, 30), D(2026, 5, 4)),  # Reunification Day
        (D(2026, 1, 2), D(2026, 1, 5)),  # New Year's extra day off
        (D(2026, 1, 10), D(2026, 1, 10)),  # make-up Saturday: a working day
        (D(2026, 3, 31), D(2026, 3, 31)),
    ],
)
def test_deadline_on_a_day_off_ends_with_the_next_working_day(calendar, deadline, effective):
    assert deadline_effective(calendar, deadline) == effective


@pytest.mark.parametrize(
    ("today", "done_on", "progress", "state"),
    [
        (D(2026, 2, 10), None, False, TaskState.NOT_DUE),
        (D(2026, 2, 10), None, True, TaskState.ON_TRACK),
        (D(2026, 2, 20), None, True, TaskState.ON_TRACK),  # Tết: the deadline has not come
        (D(2026, 2, 23), None, False, TaskState.NOT_DUE),  # the effective deadline itself
        (D(2026, 2, 24), None, True, TaskState.OVERDUE),
        (D(2026, 2, 24), D(2026, 2, 23), True, TaskState.DONE_ON_TIME),
        (D(2026, 3, 2), D(2026, 2, 24), True, TaskState.DONE_LATE),
        (D(2026, 2, 11), D(2026, 2, 24), True, TaskState.ON_TRACK),  # done later than "today"
    ],
)
def test_task_state_around_tet(calendar, today, done_on, progress, state):
    assert (
        task_state(
            calendar,
            deadline_on=D(2026, 2, 14),
            done_on=done_on,
            has_progress=progress,
            today=today,
        )
        == state
    )


def test_make_up_saturday_counts_as_a_working_day(calendar):
    assert (
        task_state(
            calendar,
            deadline_on=D(2026, 1, 10),
            done_on=None,
            has_progress=True,
            today=D(2026, 1, 12),
        )
        == TaskState.OVERDUE
    )
    assert (
        task_state(
            calendar,
            deadline_on=D(2026, 1, 10),
            done_on=D(2026, 1, 10),
            has_progress=True,
            today=D(2026, 1, 12),
        )
        == TaskState.DONE_ON_TIME
    )


def test_ongoing_task_without_deadline_is_never_overdue(calendar):
    assert (
        task_state(calendar, deadline_on=None, done_on=None, has_progress=True, today=D(2030, 1, 1))
        == TaskState.ON_TRACK
    )


@pytest.mark.parametrize(
    ("today", "submitted", "state"),
    [
        (D(2026, 10, 30), None, TaskState.NOT_DUE),
        (D(2026, 11, 2), None, TaskState.NOT_DUE),  # 31/10 is a Saturday: due Monday 2/11
        (D(2026, 11, 3), None, TaskState.NOT_REPORTED),
        (D(2026, 11, 3), D(2026, 11, 2), TaskState.DONE_ON_TIME),
        (D(2026, 11, 3), D(2026, 11, 3), TaskState.DONE_LATE),
    ],
)
def test_report_state_with_a_due_day_on_a_weekend(calendar, today, submitted, state):
    assert (
        report_state(calendar, due_on=D(2026, 10, 31), submitted_on=submitted, today=today) == state
    )


@pytest.mark.parametrize(
    ("recurrence", "day", "period_day", "period_month", "expected"),
    [
        (
            Recurrence.MONTHLY,
            D(2026, 2, 10),
            None,
            None,
            Period(D(2026, 2, 1), D(2026, 2, 28), D(2026, 2, 28)),
        ),
        (
            Recurrence.MONTHLY,
            D(2026, 2, 10),
            31,
            None,
            Period(D(2026, 2, 1), D(2026, 2, 28), D(2026, 2, 28)),
        ),
        (
            Recurrence.MONTHLY,
            D(2026, 4, 30),
            20,
            None,
            Period(D(2026, 4, 1), D(2026, 4, 30), D(2026, 4, 20)),
        ),
        (
            Recurrence.QUARTERLY,
            D(2026, 8, 5),
            None,
            None,
            Period(D(2026, 7, 1), D(2026, 9, 30), D(2026, 9, 30)),
        ),
        (
            Recurrence.QUARTERLY,
            D(2026, 8, 5),
            15,
            None,
            Period(D(2026, 7, 1), D(2026, 9, 30), D(2026, 9, 15)),
        ),
        (
            Recurrence.YEARLY,
            D(2026, 3, 2),
            31,
            10,
            Period(D(2026, 1, 1), D(2026, 12, 31), D(2026, 10, 31)),
        ),
        (
            Recurrence.CONTINUOUS,
            D(2026, 3, 2),
            None,
            None,
            Period(D(2026, 1, 1), D(2026, 12, 31), D(2026, 12, 31)),
        ),
    ],
)
def test_period_containing(recurrence, day, period_day, period_month, expected):
    assert (
        period_containing(recurrence, day, period_day=period_day, period_month=period_month)
        == expected
    )


def test_report_periods_of_a_quarterly_task_skip_a_period_already_due():
    periods = report_periods(
        Recurrence.QUARTERLY, assigned_on=D(2026, 3, 20), until=D(2026, 10, 1), period_day=15
    )

    assert [(p.start, p.due_on) for p in periods] == [
        (D(2026, 4, 1), D(2026, 6, 15)),
        (D(2026, 7, 1), D(2026, 9, 15)),
        (D(2026, 10, 1), D(2026, 12, 15)),
    ]


def test_report_periods_of_a_one_deadline_task():
    assert report_periods(
        Recurrence.NONE,
        assigned_on=D(2026, 3, 2),
        until=D(2026, 3, 2),
        deadline_on=D(2026, 6, 30),
        report_by_on=D(2026, 6, 25),
    ) == [Period(D(2026, 3, 2), D(2026, 6, 30), D(2026, 6, 25))]


def test_recurring_state(calendar):
    march = Period(D(2026, 3, 1), D(2026, 3, 31), D(2026, 3, 31))
    april = Period(D(2026, 4, 1), D(2026, 4, 30), D(2026, 4, 30))

    assert recurring_state(calendar, periods=[(march, None)], today=D(2026, 3, 5)) == (
        TaskState.NOT_DUE
    )
    assert (
        recurring_state(
            calendar, periods=[(march, D(2026, 3, 30)), (april, None)], today=D(2026, 4, 6)
        )
        == TaskState.ON_TRACK
    )
    # 30/4 and 1/5 are days off: April's report is due Monday 4 May
    assert (
        recurring_state(
            calendar, periods=[(march, D(2026, 3, 30)), (april, None)], today=D(2026, 5, 4)
        )
        == TaskState.ON_TRACK
    )
    assert (
        recurring_state(
            calendar, periods=[(march, D(2026, 3, 30)), (april, None)], today=D(2026, 5, 5)
        )
        == TaskState.NOT_REPORTED
    )


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (D(2026, 2, 10), None),  # four working days before
        (D(2026, 2, 11), "before"),  # 11, 12, 13 then 23 February: three working days
        (D(2026, 2, 13), "before"),
        (D(2026, 2, 16), None),  # Tết: no reminders on a day off
        (D(2026, 2, 23), "before"),  # the effective deadline itself
        (D(2026, 2, 24), "overdue"),
    ],
)
def test_reminder_kind_counts_working_days(calendar, today, kind):
    assert reminder_kind(calendar, deadline_on=D(2026, 2, 14), today=today, days_before=3) == kind


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("100% xã", Decimal(100), "% xã"),
        ("1,8 triệu con", Decimal("1.8"), "triệu con"),
        ("650 tỷ đồng", Decimal(650), "tỷ đồng"),
        ("1.000 km cáp quang", Decimal(1000), "km cáp quang"),
        ("Đạt 80% hồ sơ", Decimal(80), "% hồ sơ"),
        ("01 trung tâm", Decimal(1), "trung tâm"),
        ("Hoàn thành trong năm", None, ""),
        ("Phủ sóng 5G đến 100% xã", None, ""),
        ("", None, ""),
    ],
)
def test_target_parse(text, value, unit):
    assert target_parse(text) == (value, unit)


@pytest.mark.parametrize(
    ("text", "recurrence", "deadline", "day", "month"),
    [
        ("31/10/2026", Recurrence.NONE, D(2026, 10, 31), None, None),
        ("Trước ngày 15/6/2026", Recurrence.NONE, D(2026, 6, 15), None, None),
        ("Tháng 10/2026", Recurrence.NONE, D(2026, 10, 31), None, None),
        ("Quý III/2026", Recurrence.NONE, D(2026, 9, 30), None, None),
        ("Quý 4 năm 2026", Recurrence.NONE, D(2026, 12, 31), None, None),
        ("6 tháng đầu năm 2026", Recurrence.NONE, D(2026, 6, 30), None, None),
        ("Năm 2026", Recurrence.NONE, D(2026, 12, 31), None, None),
        ("ngày 15 tháng 12 năm 2026", Recurrence.NONE, D(2026, 12, 15), None, None),
        ("Thường xuyên", Recurrence.CONTINUOUS, None, None, None),
        ("Hằng tháng, trước ngày 20", Recurrence.MONTHLY, None, 20, None),
        ("Hàng quý", Recurrence.QUARTERLY, None, None, None),
        ("Trước ngày 31/10 hằng năm", Recurrence.YEARLY, None, 31, 10),
        ("Hằng năm, trước ngày 31 tháng 10", Recurrence.YEARLY, None, 31, 10),
    ],
)
def test_schedule_parse(text, recurrence, deadline, day, month):
    parsed = schedule_parse(text)

    assert (parsed.recurrence, parsed.deadline_on, parsed.period_day, parsed.period_month) == (
        recurrence,
        deadline,
        day,
        month,
    )


@pytest.mark.parametrize(
    "text", ["Theo tiến độ dự án", "2026-2027", "31/02/2026", "01/6/2026 - 30/6/2026", ""]
)
def test_schedule_parse_refuses_to_guess(text):
    assert schedule_parse(text) is None
