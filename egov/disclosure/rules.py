"""Pure rules of disclosure and consultation: a duty's periods and due day in working days,
whether a duty was met, the display period against the duty's minimum, and the consultation
state table. No ORM; the calendar is passed in."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.common.periods import ONE_DAY, Period, period_of
from egov.common.transitions import Transition, TransitionTable
from egov.disclosure.choices import ConsultationStatus, CountsFrom, DutyStatus, Frequency
from egov.workdays.rules import WorkCalendar, is_working_day

C = ConsultationStatus
CONSULTATION_TRANSITIONS = TransitionTable(
    Transition("comment", [C.OPEN], message=gettext_lazy("The consultation is %(status)s.")),
    Transition("answer", [C.OPEN, C.CLOSED]),
    Transition("hide", [C.OPEN, C.CLOSED, C.ADOPTED]),
    Transition("close", [C.OPEN], C.CLOSED),
    Transition("issue_synthesis", [C.CLOSED]),
    Transition("adopt", [C.CLOSED], C.ADOPTED),
    label=lambda state: str(ConsultationStatus(state).label).lower(),
)


def duty_period(frequency: str, day: datetime.date) -> Period | None:
    """The period of a periodic duty containing ``day``; None for an event duty."""
    if frequency == Frequency.EVENT:
        return None
    return period_of(frequency, day)


def working_day_after(calendar: WorkCalendar, day: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day after ``day`` (``day`` itself not counted); 0 gives ``day``."""
    while days > 0:
        day += ONE_DAY
        if is_working_day(calendar, day):
            days -= 1
    return day


def due_on(calendar: WorkCalendar, *, counts_from: str, days: int, period: Period) -> datetime.date:
    """The last day to publish for ``period``: ``days`` working days after its first or last
    day, as the duty says."""
    start = period.first if counts_from == CountsFrom.START else period.last
    return working_day_after(calendar, start, days)


def latest_due_period(
    calendar: WorkCalendar, *, frequency: str, counts_from: str, days: int, today: datetime.date
) -> tuple[Period, datetime.date] | None:
    """The latest period of a duty whose due day has passed by ``today`` (or is today), with
    that day: the period a unit is judged on. None for an event duty."""
    period = duty_period(frequency, today)
    if period is None:
        return None
    for _step in range(3):
        due = due_on(calendar, counts_from=counts_from, days=days, period=period)
        if due <= today:
            return period, due
        period = period.previous()
    return period, due_on(calendar, counts_from=counts_from, days=days, period=period)


def duty_status(
    *, due: datetime.date, published_on: datetime.date | None, today: datetime.date
) -> str:
    """On time, late, missing (due day passed, nothing published) or not yet due."""
    if published_on is not None:
        return DutyStatus.ON_TIME if published_on <= due else DutyStatus.LATE
    return DutyStatus.MISSING if today > due else DutyStatus.DUE


def display_problem(
    *, first: datetime.date, last: datetime.date, minimum_days: int
) -> tuple[str, str] | None:
    """(field, message) when the display period is reversed or shorter than the duty's
    minimum (both days included); None when it is fine."""
    if last < first:
        return "display_until", _("The display must end on or after the day it starts.")
    days = (last - first).days + 1
    if days < minimum_days:
        return "display_until", _(
            "This duty must stay displayed for at least %(minimum)s days; this display lasts "
            "%(days)s days."
        ) % {"minimum": minimum_days, "days": days}
    return None
