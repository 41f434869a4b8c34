"""Working-day arithmetic: pure functions over a :class:`WorkCalendar`, no ORM, no settings.

Where the rules come from:

- Weekly rest: civil servants work Monday to Friday, 40 hours (Decision 188/1999/QĐ-TTg;
  Labour Code 2019 art. 111 lets the employer fix the weekly rest day).
- Public holidays and their compensatory days: Labour Code 2019 (Law 45/2019/QH14) art. 112,
  as implemented by the ``holidays`` package (see :mod:`egov.workdays.sources`).
- Swaps (hoán đổi ngày làm việc): announced each year by the Prime Minister / ministry; the
  weekday off is repaid by working a Saturday (ngày làm bù), which *is* a working day.
- Time limits of administrative procedures count working days (Decree 61/2018/NĐ-CP, and
  Decree 118/2025/NĐ-CP from 01/7/2025); internal steps use half days and hours, so time is
  walked through the office sessions (8 working hours a day by default).
- Dossiers received after the cut-off (15:00) count from the next working day (Decree
  61/2018/NĐ-CP art. 19 for transfers; Hà Nội decisions 1811/QĐ-TTPVHCC and 663/QĐ-TTPVHCC for
  same-day procedures).

Every datetime taken or returned is timezone-aware. Day logic uses the calendar's zone
(Asia/Ho_Chi_Minh, UTC+7 without daylight saving since 1975, so wall-clock arithmetic there is
elapsed-time arithmetic).
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from egov.workdays.choices import DayKind, DayReason
from egov.workdays.work_calendar import (
    DEFAULT_SESSIONS,
    FIRST_YEAR,
    LAST_YEAR,
    VN_TZ,
    Adjustment,
    CalendarDay,
    CalendarRangeError,
    DayStatus,
    Deadline,
    Session,
    WorkCalendar,
    calendar_build,
    clock_parse,
    sessions_parse,
)

__all__ = [
    "DEFAULT_SESSIONS",
    "FIRST_YEAR",
    "LAST_YEAR",
    "VN_TZ",
    "Adjustment",
    "CalendarDay",
    "CalendarRangeError",
    "DayStatus",
    "Deadline",
    "Session",
    "WorkCalendar",
    "add_working_time",
    "calendar_build",
    "calendar_days",
    "clock_parse",
    "counting_start",
    "day_status",
    "deadline_for",
    "is_within_office_hours",
    "is_working_day",
    "next_working_day",
    "office_hours_start",
    "sessions_parse",
    "working_days_between",
    "working_days_count",
    "working_time_between",
]

ONE_DAY = datetime.timedelta(days=1)
_MICROSECOND = datetime.timedelta(microseconds=1)


def _check_day(calendar: WorkCalendar, day: datetime.date) -> None:
    if not calendar.first_year <= day.year <= calendar.last_year:
        raise CalendarRangeError(
            f"{day.isoformat()} is outside the calendar "
            f"({calendar.first_year}-{calendar.last_year})."
        )


def _local(calendar: WorkCalendar, moment: datetime.datetime) -> datetime.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Working-time arithmetic needs timezone-aware datetimes.")
    _check_day(calendar, moment.date())  # before converting: year 1 or 9999 would overflow
    return moment.astimezone(calendar.tz)


def is_working_day(calendar: WorkCalendar, day: datetime.date) -> bool:
    """Monday-Friday except days off, plus make-up days (Labour Code 2019 arts. 111-112)."""
    _check_day(calendar, day)
    if day in calendar.extra_working_days:
        return True
    return day.weekday() < 5 and day not in calendar.days_off


def day_status(calendar: WorkCalendar, day: datetime.date) -> DayStatus:
    """Whether ``day`` is worked, and why: an ordinary weekday, the weekend, a public holiday
    or announced day off (named), a weekday off swapped with a make-up day, or a make-up
    working day (both name the other day of the swap)."""
    _check_day(calendar, day)
    other = calendar.swaps.get(day)
    if day in calendar.extra_working_days:
        reason = DayReason.MAKEUP_WORKING_DAY if day.weekday() >= 5 else DayReason.WEEKDAY
        return DayStatus(day, True, reason, calendar.extra_working_days[day], other)
    if day.weekday() >= 5:
        return DayStatus(day, False, DayReason.WEEKEND)
    if day in calendar.days_off:
        reason = DayReason.SWAPPED_DAY_OFF if other is not None else DayReason.HOLIDAY
        return DayStatus(day, False, reason, calendar.days_off[day], other)
    return DayStatus(day, True, DayReason.WEEKDAY)


def working_days_count(calendar: WorkCalendar, first: datetime.date, last: datetime.date) -> int:
    """How many working days lie from ``first`` to ``last``, both included: Monday to Friday
    except holidays and days off, plus make-up working days. ``first == last`` gives 1 on a
    working day, 0 otherwise."""
    if last < first:
        raise ValueError("The last day comes before the first.")
    _check_day(calendar, first)
    _check_day(calendar, last)
    count, day = 0, first
    while day <= last:
        count += is_working_day(calendar, day)
        day += ONE_DAY
    return count


def next_working_day(calendar: WorkCalendar, day: datetime.date) -> datetime.date:
    """The first working day strictly after ``day``."""
    day += ONE_DAY
    while not is_working_day(calendar, day):
        day += ONE_DAY
    return day


def _session_bounds(
    calendar: WorkCalendar, day: datetime.date
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    return [
        (
            datetime.datetime.combine(day, s.opens, tzinfo=calendar.tz),
            datetime.datetime.combine(day, s.closes, tzinfo=calendar.tz),
        )
        for s in calendar.sessions
    ]


def is_within_office_hours(calendar: WorkCalendar, moment: datetime.datetime) -> bool:
    """True on a working day from a session's opening up to and including its closing."""
    local = _local(calendar, moment)
    if not is_working_day(calendar, local.date()):
        return False
    bounds = _session_bounds(calendar, local.date())
    return any(opens <= local <= closes for opens, closes in bounds)


def office_hours_start(calendar: WorkCalendar, moment: datetime.datetime) -> datetime.datetime:
    """``moment`` if work is going on then, else the opening of the next session (a session's
    closing time already belongs to the next one: 12:00 gives 13:00, 17:00 the next morning)."""
    local = _local(calendar, moment)
    day = local.date()
    while True:
        if is_working_day(calendar, day):
            for opens, closes in _session_bounds(calendar, day):
                if local < closes:
                    return max(local, opens)
        day += ONE_DAY


def _session_close(calendar: WorkCalendar, local: datetime.datetime) -> datetime.datetime:
    for opens, closes in _session_bounds(calendar, local.date()):
        if opens <= local < closes:
            return closes
    raise ValueError("The moment is not inside an office session.")


def _duration(calendar: WorkCalendar, days: Decimal) -> datetime.timedelta:
    day_us = Decimal(calendar.day_length // _MICROSECOND)
    us = (Decimal(days) * day_us).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return datetime.timedelta(microseconds=int(us))


def add_working_time(
    calendar: WorkCalendar, start: datetime.datetime, days: Decimal
) -> datetime.datetime:
    """The moment ``days`` working days (fractions allowed: 0.5 = 4 hours) after ``start``.

    A start outside office hours first moves to the next session's opening. A result that ends
    a session stays at its closing time (17:00 of the last day), so the due moment is always in
    office hours of a working day.
    """
    if days < 0:
        raise ValueError("Working time to add cannot be negative.")
    remaining = _duration(calendar, days)
    moment = office_hours_start(calendar, start)
    while True:
        closes = _session_close(calendar, moment)
        if remaining <= closes - moment:
            return moment + remaining
        remaining -= closes - moment
        moment = office_hours_start(calendar, closes)


def working_time_between(
    calendar: WorkCalendar, a: datetime.datetime, b: datetime.datetime
) -> datetime.timedelta:
    """Office time of working days between two moments; negative when ``b`` is before ``a``,
    so that ``between(a, b) + between(b, c) == between(a, c)`` always holds."""
    if b < a:
        return -working_time_between(calendar, b, a)
    first, last = _local(calendar, a), _local(calendar, b)
    total = datetime.timedelta(0)
    day = first.date()
    while day <= last.date():
        if is_working_day(calendar, day):
            for opens, closes in _session_bounds(calendar, day):
                overlap = min(closes, last) - max(opens, first)
                total += max(overlap, datetime.timedelta(0))
        day += ONE_DAY
    return total


def working_days_between(
    calendar: WorkCalendar, a: datetime.datetime, b: datetime.datetime
) -> Decimal:
    """:func:`working_time_between` in working days (8 hours = 1 day with default sessions)."""
    elapsed = working_time_between(calendar, a, b) // _MICROSECOND
    return Decimal(elapsed) / Decimal(calendar.day_length // _MICROSECOND)


def counting_start(
    calendar: WorkCalendar, received_at: datetime.datetime, cutoff: datetime.time
) -> datetime.datetime:
    """When the clock starts for something received at ``received_at``.

    Received on a working day after ``cutoff`` (15:00): the first session of the next working
    day (Decree 61/2018/NĐ-CP art. 19; Hà Nội 1811/QĐ-TTPVHCC). Otherwise the receipt moment,
    moved into office hours if needed.
    """
    local = _local(calendar, received_at)
    if is_working_day(calendar, local.date()) and local.time() > cutoff:
        day = next_working_day(calendar, local.date())
        return _session_bounds(calendar, day)[0][0]
    return office_hours_start(calendar, received_at)


def deadline_for(
    calendar: WorkCalendar,
    start: datetime.datetime,
    days: Decimal,
    *,
    cutoff: datetime.time | None,
) -> Deadline:
    """Due moment of a time limit of ``days`` working days from ``start``; ``cutoff=None``
    counts from ``start`` itself (moved into office hours)."""
    counted = (
        counting_start(calendar, start, cutoff)
        if cutoff is not None
        else office_hours_start(calendar, start)
    )
    due = add_working_time(calendar, counted, days)
    return Deadline(
        due_at=due,
        working_days=Decimal(days),
        calendar_version=calendar.version,
        start_counted_at=counted,
    )


def calendar_days(
    calendar: WorkCalendar, first: datetime.date, last: datetime.date
) -> list[CalendarDay]:
    """Weekdays without work and weekend days with work between ``first`` and ``last``."""
    days = []
    day = first
    while day <= last:
        working = is_working_day(calendar, day)
        if day.weekday() < 5 and not working:
            days.append(CalendarDay(day, DayKind.DAY_OFF, calendar.days_off.get(day, "")))
        elif day.weekday() >= 5 and working:
            days.append(
                CalendarDay(
                    day, DayKind.MAKEUP_WORKING_DAY, calendar.extra_working_days.get(day, "")
                )
            )
        day += ONE_DAY
    return days
