"""Pure rules of the scoreboard: the bucket (outcome, overdue-after day) of a task or report,
and the state it stands in on a given day (the cover of a period by days, dekads, months,
quarters and years is :func:`egov.common.periods.period_cover`).

The states are those of :func:`egov.directives.selectors.task_state_of` (built on
:func:`egov.directives.rules.task_state` and ``recurring_state``) and
:func:`egov.directives.rules.report_state` (Decision 42/2014/QĐ-TTg as amended by
23/2018/QĐ-TTg; Báo cáo 1270/BC-TCTTTg): a bucket plus today gives exactly the state the rules
give, as long as completion and sending are recorded on or before today (they are recorded on
the day they happen).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from egov.directives.choices import TaskState
from egov.directives.rules import deadline_effective
from egov.directives.scoreboard.choices import (
    RECURRING_OUTCOMES,
    STARTED_OUTCOMES,
    ReportOutcome,
    TaskOutcome,
)
from egov.workdays.rules import CalendarRangeError, WorkCalendar

# "Never overdue": done tasks, sent reports and tasks without a deadline.
NEVER = datetime.date(9999, 12, 31)
# "Late since before the settled day": a passed overdue-after day, once settled (see
# ``settle``). Any day before today gives the same states; one value keeps the roll-up small.
PAST = datetime.date(1, 1, 1)


@dataclass(frozen=True)
class Bucket:
    """Where a row falls, independently of today."""

    outcome: str
    overdue_after: datetime.date


def effective_due(calendar: WorkCalendar, day: datetime.date) -> datetime.date:
    """The deadline in force moved to the next working day when it is a day off (Civil Code
    2015 art. 148(5)); a day outside the calendar's years is kept as it is."""
    try:
        return deadline_effective(calendar, day)
    except CalendarRangeError:
        return day


@dataclass(frozen=True)
class ReportFact:
    """What a task's bucket needs of one of its reports."""

    is_lead: bool
    due_on: datetime.date
    submitted_on: datetime.date | None


def task_bucket(
    calendar: WorkCalendar,
    *,
    recurring: bool,
    deadline_on: datetime.date | None,
    done_on: datetime.date | None,
    percent_done: int,
    reports: Sequence[ReportFact],
) -> Bucket:
    """The bucket of a task, as :func:`egov.directives.selectors.task_state_of` judges it:

    - done: on time or late against the effective deadline (no deadline: on time);
    - open with one deadline: progress is a percentage above zero or any report sent; overdue
      after the effective deadline;
    - open and recurring: progress is a report of the lead unit sent; not reported after the
      effective due day of the first report of the lead unit not sent.
    """
    if done_on is not None:
        due = effective_due(calendar, deadline_on) if deadline_on else None
        late = due is not None and done_on > due
        return Bucket(TaskOutcome.DONE_LATE if late else TaskOutcome.DONE_ON_TIME, NEVER)
    if recurring:
        lead = [report for report in reports if report.is_lead]
        unsent = [effective_due(calendar, r.due_on) for r in lead if r.submitted_on is None]
        started = any(report.submitted_on is not None for report in lead)
        outcome = TaskOutcome.RECURRING_STARTED if started else TaskOutcome.RECURRING_IDLE
        return Bucket(outcome, min(unsent, default=NEVER))
    started = percent_done > 0 or any(report.submitted_on is not None for report in reports)
    outcome = TaskOutcome.OPEN_STARTED if started else TaskOutcome.OPEN_IDLE
    return Bucket(outcome, effective_due(calendar, deadline_on) if deadline_on else NEVER)


def report_bucket(
    calendar: WorkCalendar, *, due_on: datetime.date, submitted_on: datetime.date | None
) -> Bucket:
    """The bucket of a report: sent on time or late against its effective due day, or not sent
    (overdue after that day)."""
    due = effective_due(calendar, due_on)
    if submitted_on is not None:
        outcome = ReportOutcome.SENT_ON_TIME if submitted_on <= due else ReportOutcome.SENT_LATE
        return Bucket(outcome, NEVER)
    return Bucket(ReportOutcome.NOT_SENT, due)


def task_bucket_state(bucket: Bucket, today: datetime.date) -> TaskState:
    """The state on ``today`` of a task in ``bucket`` (what the task rules give)."""
    if bucket.outcome == TaskOutcome.DONE_ON_TIME:
        return TaskState.DONE_ON_TIME
    if bucket.outcome == TaskOutcome.DONE_LATE:
        return TaskState.DONE_LATE
    if bucket.overdue_after < today:
        recurring = bucket.outcome in RECURRING_OUTCOMES
        return TaskState.NOT_REPORTED if recurring else TaskState.OVERDUE
    return TaskState.ON_TRACK if bucket.outcome in STARTED_OUTCOMES else TaskState.NOT_DUE


def report_bucket_state(bucket: Bucket, today: datetime.date) -> TaskState:
    """The state on ``today`` of a report in ``bucket`` (what :func:`report_state` gives)."""
    if bucket.outcome == ReportOutcome.SENT_ON_TIME:
        return TaskState.DONE_ON_TIME
    if bucket.outcome == ReportOutcome.SENT_LATE:
        return TaskState.DONE_LATE
    return TaskState.NOT_REPORTED if bucket.overdue_after < today else TaskState.NOT_DUE


def settle(overdue_after: datetime.date, settled_on: datetime.date | None) -> datetime.date:
    """The overdue-after day to store: a day before ``settled_on`` becomes :data:`PAST`.

    Time only moves forward, so an open task late on the settled day stays late until a
    change (done, extended) recomputes it; its exact day no longer matters for any state on or
    after ``settled_on``. Collapsing those days keeps one roll-up row per unit and period
    instead of one per past deadline."""
    if settled_on is not None and overdue_after < settled_on:
        return PAST
    return overdue_after
