"""Pure rules of task tracking: the deadline in force on the calendar and a task's or report's
state at a moment. No ORM; the calendar comes from ``egov.workdays``.

States follow the categories of Government task reports (Decision 42/2014/QĐ-TTg as amended by
23/2018/QĐ-TTg; Báo cáo 1270/BC-TCTTTg): done on time / late, not done within the deadline /
overdue. Overdue is computed, never typed in.
"""

from __future__ import annotations

import datetime

from egov.directives.choices import TaskState
from egov.workdays.rules import WorkCalendar, is_working_day, next_working_day


def deadline_effective(calendar: WorkCalendar, deadline_on: datetime.date) -> datetime.date:
    """A deadline that falls on a weekend or holiday ends with the next working day (Civil Code
    2015, art. 148(5))."""
    if is_working_day(calendar, deadline_on):
        return deadline_on
    return next_working_day(calendar, deadline_on)


def task_state(
    calendar: WorkCalendar,
    *,
    deadline_on: datetime.date | None,
    done_on: datetime.date | None,
    has_progress: bool,
    today: datetime.date,
) -> TaskState:
    """The state of a task on ``today``. ``deadline_on`` is the deadline in force (None for an
    ongoing task); ``done_on`` the day its completion was reported (and accepted)."""
    due = deadline_effective(calendar, deadline_on) if deadline_on else None
    if done_on is not None and done_on <= today:
        if due is None or done_on <= due:
            return TaskState.DONE_ON_TIME
        return TaskState.DONE_LATE
    if due is not None and today > due:
        return TaskState.OVERDUE
    return TaskState.ON_TRACK if has_progress else TaskState.NOT_DUE


def report_state(
    calendar: WorkCalendar,
    *,
    due_on: datetime.date,
    submitted_on: datetime.date | None,
    today: datetime.date,
) -> TaskState:
    """The state of one periodic report on ``today``: sent on time or late, not yet due, or not
    reported once its due day has passed."""
    due = deadline_effective(calendar, due_on)
    if submitted_on is not None and submitted_on <= today:
        return TaskState.DONE_ON_TIME if submitted_on <= due else TaskState.DONE_LATE
    return TaskState.NOT_REPORTED if today > due else TaskState.NOT_DUE
