"""Pure rules of task tracking: the deadline in force on the calendar and a task's or report's
state at a moment. No ORM; the calendar comes from ``egov.workdays``.

States follow the categories of Government task reports (Decision 42/2014/QĐ-TTg as amended by
23/2018/QĐ-TTg; Báo cáo 1270/BC-TCTTTg): done on time / late, not done within the deadline /
overdue. Overdue is computed, never typed in.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from egov.common.periods import PeriodKind, month_end, period_of
from egov.common.text import fold
from egov.common.transitions import Transition, TransitionTable
from egov.directives.choices import ExtensionStatus, Recurrence, ReportStatus, TaskState
from egov.directives.exceptions import WrongTaskState
from egov.workdays.rules import WorkCalendar, is_working_day, next_working_day

REMINDER_BEFORE = "before"
REMINDER_OVERDUE = "overdue"


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


# --- report periods of recurring tasks ------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One reporting period of a task and the day its report is due."""

    start: datetime.date
    end: datetime.date
    due_on: datetime.date


def _day_in_month(year: int, month: int, day: int | None) -> datetime.date:
    """``day`` of the month (the last day when None or beyond the month: 31 → 30 June)."""
    last = month_end(datetime.date(year, month, 1))
    return last if day is None or day >= last.day else datetime.date(year, month, max(day, 1))


def period_containing(
    recurrence: str,
    day: datetime.date,
    *,
    period_day: int | None = None,
    period_month: int | None = None,
) -> Period:
    """The period of a recurring task that contains ``day``.

    Monthly and quarterly periods are calendar months and quarters; yearly and ongoing
    (thường xuyên) tasks report once per calendar year. The report is due on ``period_day`` of
    the period's (last) month, or for yearly tasks on ``period_day``/``period_month`` ("before
    31 October each year"); without them on the period's last day.
    """
    if recurrence in (Recurrence.MONTHLY, Recurrence.QUARTERLY):
        kind = PeriodKind.MONTH if recurrence == Recurrence.MONTHLY else PeriodKind.QUARTER
        period = period_of(kind, day)
        last = period.last
        return Period(period.first, last, _day_in_month(last.year, last.month, period_day))
    if recurrence in (Recurrence.YEARLY, Recurrence.CONTINUOUS):
        period = period_of(PeriodKind.YEAR, day)
        due_on = _day_in_month(day.year, period_month or 12, period_day)
        return Period(period.first, period.last, due_on)
    raise ValueError(f"not a recurrence: {recurrence!r}")


def report_periods(
    recurrence: str,
    *,
    assigned_on: datetime.date,
    until: datetime.date,
    deadline_on: datetime.date | None = None,
    report_by_on: datetime.date | None = None,
    period_day: int | None = None,
    period_month: int | None = None,
) -> list[Period]:
    """The reporting periods of a task from its assignment up to the period containing
    ``until``. A one-deadline task has one period, due on its report date (else its deadline).
    A period whose due day comes before the assignment is skipped: nothing was due then."""
    if recurrence == Recurrence.NONE:
        end = deadline_on or assigned_on
        return [Period(assigned_on, end, report_by_on or end)]
    periods: list[Period] = []
    day = assigned_on
    while day <= until:
        period = period_containing(
            recurrence, day, period_day=period_day, period_month=period_month
        )
        if period.due_on >= assigned_on:
            periods.append(period)
        day = period.end + datetime.timedelta(days=1)
    return periods


def recurring_state(
    calendar: WorkCalendar,
    *,
    periods: Sequence[tuple[Period, datetime.date | None]],
    today: datetime.date,
) -> TaskState:
    """The state of a recurring task on ``today`` from its periods and the day each period's
    report was submitted: not reported as soon as one due report is missing, otherwise in
    progress once a report came in, not yet due before that."""
    states = [
        report_state(calendar, due_on=p.due_on, submitted_on=s, today=today) for p, s in periods
    ]
    if TaskState.NOT_REPORTED in states:
        return TaskState.NOT_REPORTED
    if any(submitted is not None and submitted <= today for _p, submitted in periods):
        return TaskState.ON_TRACK
    return TaskState.NOT_DUE


# --- reminders ----------------------------------------------------------------------------


def reminder_kind(
    calendar: WorkCalendar,
    *,
    deadline_on: datetime.date,
    today: datetime.date,
    days_before: int,
) -> str | None:
    """Which reminder a task not yet done gets on ``today``: ``"before"`` from ``days_before``
    working days before its (effective) deadline up to the deadline, ``"overdue"`` (escalation
    to the head of the lead unit) once the deadline has passed, else None."""
    due = deadline_effective(calendar, deadline_on)
    if today > due:
        return REMINDER_OVERDUE
    if not is_working_day(calendar, today):
        return None
    remaining, day = 0, today
    while day < due:
        day = next_working_day(calendar, day)
        remaining += 1
    return REMINDER_BEFORE if remaining <= days_before else None


# --- expected results -----------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_QUALIFIER_MAX = 20
TARGET_UNIT_MAX = 50


def _number(raw: str) -> Decimal | None:
    if _THOUSANDS.fullmatch(raw):
        raw = raw.replace(".", "")
    elif raw.count(",") + raw.count(".") > 1:
        return None
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None


def target_parse(text: str) -> tuple[Decimal | None, str]:
    """The numeric target of an expected result written as a figure and its unit: "100% xã"
    → (100, "% xã"), "1,8 triệu con" → (1.8, "triệu con"), "650 tỷ đồng" → (650, "tỷ đồng"),
    "1.000 km" → (1000, "km"). Vietnamese numbers use "," for decimals and "." between
    thousands. Text with no number, several numbers or a long sentence gives (None, "")."""
    text = " ".join((text or "").split())
    found = list(_NUMBER.finditer(text))
    if len(found) != 1:
        return None, ""
    match = found[0]
    qualifier, unit = text[: match.start()].strip(), text[match.end() :].strip(" .;:")
    if len(qualifier) > _QUALIFIER_MAX or len(unit) > TARGET_UNIT_MAX:
        return None, ""
    value = _number(match.group(0))
    return (value, unit) if value is not None else (None, "")


def task_search_text(*parts: str) -> str:
    """The folded text task lists search (content, expected result, units)."""
    return fold(" ".join(p for p in parts if p))


_R = ReportStatus
REPORT_OPEN = (_R.DRAFT, _R.RETURNED)
_SENT_ALREADY = _("This report has been sent already.")
_NOT_SENT = _("Only a sent report can be accepted or returned.")

# A unit's report on a task for a period: written, sent by the unit's head, accepted or returned
# by the assigning office (a returned one is rewritten and sent again). The services check it;
# the task page offers only what it allows.
REPORT_TRANSITIONS = TransitionTable(
    Transition("save", REPORT_OPEN, message=_SENT_ALREADY),
    Transition("submit", REPORT_OPEN, _R.SUBMITTED, message=_SENT_ALREADY),
    Transition("accept", [_R.SUBMITTED], _R.ACCEPTED, message=_NOT_SENT),
    Transition("return", [_R.SUBMITTED], _R.RETURNED, message=_NOT_SENT),
    label=lambda status: str(ReportStatus(status).label),
    error=WrongTaskState,
)

# A request for more time is decided once, by the assigning office.
EXTENSION_TRANSITIONS = TransitionTable(
    Transition("grant", [ExtensionStatus.PENDING], ExtensionStatus.GRANTED),
    Transition("refuse", [ExtensionStatus.PENDING], ExtensionStatus.REFUSED),
    label=lambda status: str(ExtensionStatus(status).label),
    message=_("This request has been decided already."),
    error=WrongTaskState,
)
