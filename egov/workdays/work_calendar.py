"""The calendar the working-day arithmetic of :mod:`egov.workdays.rules` works on, and the values
it returns. Pure: built from the ``holidays`` package's days off and the adjustments, no ORM."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from zoneinfo import ZoneInfo

from egov.workdays.choices import AdjustmentKind

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_YEAR = 2000
LAST_YEAR = 2099
_SESSION = re.compile(r"^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$")


class CalendarRangeError(ValueError):
    """A computation needed a day outside the years the calendar covers."""


@dataclass(frozen=True)
class Session:
    """One office session of a working day, in local time (e.g. 08:00-12:00)."""

    opens: datetime.time
    closes: datetime.time

    @property
    def length(self) -> datetime.timedelta:
        day = datetime.date(2000, 1, 3)
        return datetime.datetime.combine(day, self.closes) - datetime.datetime.combine(
            day, self.opens
        )


DEFAULT_SESSIONS = (
    Session(datetime.time(8), datetime.time(12)),
    Session(datetime.time(13), datetime.time(17)),
)


@dataclass(frozen=True)
class Adjustment:
    """A day the public-sector calendar treats differently from the package (see models)."""

    on: datetime.date
    kind: str
    name: str
    swapped_with: datetime.date | None = None


@dataclass(frozen=True)
class WorkCalendar:
    """Everything the arithmetic needs, built once per calendar version.

    ``days_off`` maps weekdays without work (holidays, compensatory and swapped days, extra days
    off) to their names; ``extra_working_days`` maps days that are worked although the week or
    the package says otherwise (make-up Saturdays). ``swaps`` pairs each swapped weekday off
    with the weekend day worked for it, both ways (hoán đổi ngày làm việc). Days outside
    ``first_year..last_year`` raise :class:`CalendarRangeError` rather than being guessed.
    """

    version: str
    days_off: Mapping[datetime.date, str]
    extra_working_days: Mapping[datetime.date, str]
    swaps: Mapping[datetime.date, datetime.date] = field(default_factory=dict)
    sessions: tuple[Session, ...] = DEFAULT_SESSIONS
    first_year: int = FIRST_YEAR
    last_year: int = LAST_YEAR
    tz: datetime.tzinfo = field(default=VN_TZ)

    @property
    def day_length(self) -> datetime.timedelta:
        """Working time in one full working day (8 hours with the default sessions)."""
        return sum((s.length for s in self.sessions), datetime.timedelta(0))


@dataclass(frozen=True)
class Deadline:
    """A computed due moment and what it was computed with. Callers store all of it: a later
    calendar correction gives a new version and never moves a stored deadline."""

    due_at: datetime.datetime
    working_days: Decimal
    calendar_version: str
    start_counted_at: datetime.datetime


@dataclass(frozen=True)
class DayStatus:
    """Whether one day is worked and why (``reason`` is a :class:`~egov.workdays.choices.
    DayReason`); ``name`` names the holiday or swap, ``swapped_with`` is the other day of a
    swap."""

    on: datetime.date
    is_working_day: bool
    reason: str
    name: str = ""
    swapped_with: datetime.date | None = None


@dataclass(frozen=True)
class CalendarDay:
    """A day worth listing: a weekday off, or a weekend day that is worked."""

    on: datetime.date
    kind: str
    name: str


def clock_parse(value: str) -> datetime.time:
    """Parse ``"HH:MM"`` (a setting such as the 15:00 cut-off)."""
    return datetime.datetime.strptime(value.strip(), "%H:%M").time()  # noqa: DTZ007


def sessions_parse(values: Iterable[str]) -> tuple[Session, ...]:
    """Parse ``["08:00-12:00", "13:00-17:00"]``: ordered, non-empty, non-overlapping."""
    sessions = []
    for value in values:
        match = _SESSION.match(value)
        if not match:
            raise ValueError(f"Office session {value!r} is not HH:MM-HH:MM.")
        sessions.append(Session(clock_parse(match[1]), clock_parse(match[2])))
    if not sessions:
        raise ValueError("At least one office session is needed.")
    for before, after in zip([None, *sessions], sessions, strict=False):
        if after.opens >= after.closes or (before and before.closes > after.opens):
            raise ValueError("Office sessions must be ordered and must not overlap.")
    return tuple(sessions)


def calendar_build(
    *,
    version: str,
    holidays: Mapping[datetime.date, str],
    adjustments: Iterable[Adjustment],
    substitutions: Mapping[datetime.date, datetime.date] | None = None,
    sessions: tuple[Session, ...] = DEFAULT_SESSIONS,
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
) -> WorkCalendar:
    """Combine the package's days off with the adjustments; an adjustment wins over the package.
    ``substitutions`` are the package's swapped days off mapped to the day worked for them."""
    days_off = {day: name for day, name in holidays.items() if day.weekday() < 5}
    extra_working: dict[datetime.date, str] = {}
    pairs = dict(substitutions or {})
    for adjustment in adjustments:
        if adjustment.kind == AdjustmentKind.EXTRA_WORKING_DAY:
            days_off.pop(adjustment.on, None)
            extra_working[adjustment.on] = adjustment.name
        else:
            extra_working.pop(adjustment.on, None)
            days_off[adjustment.on] = adjustment.name
        if adjustment.swapped_with is not None:
            pairs[adjustment.on] = adjustment.swapped_with
    swaps: dict[datetime.date, datetime.date] = {}
    for day, other in pairs.items():
        # A swap pairs a weekday off with a day that is not off (the make-up day).
        off_first = day in days_off and other not in days_off
        if off_first or (day in extra_working and other in days_off):
            swaps[day], swaps[other] = other, day
    return WorkCalendar(
        version=version,
        days_off=MappingProxyType(days_off),
        extra_working_days=MappingProxyType(extra_working),
        swaps=MappingProxyType(swaps),
        sessions=sessions,
        first_year=first_year,
        last_year=last_year,
    )
