"""Working-time arithmetic for millions of generated moments, equal to the app's own.

The app walks office sessions one by one (``egov.workdays.rules.add_working_time``); that is
right for one deadline but too slow for forty million steps. Here working time is a line:
every working day of the app's calendar (``work_calendar_get()``: holidays, make-up days) gets
an ordinal, and a moment maps to ``ordinal × day + minutes worked that day`` (office sessions
from the settings, 08:00–12:00 and 13:00–17:00 by default). Adding working time is adding on the
line; mapping back keeps the app's rule that a due moment falling on a session's end stays at
its closing time. Moments are whole minutes. ``bench/tests`` checks the results against the
app's functions on random samples.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass
from decimal import Decimal

from egov.workdays.rules import VN_TZ, WorkCalendar, is_working_day
from egov.workdays.selectors import office_settings

MINUTE = datetime.timedelta(minutes=1)


@dataclass(frozen=True)
class _Session:
    opens: int  # minutes after midnight
    closes: int


class WorkClock:
    """Working-time line over ``first``..``last`` (local days) for ``calendar``."""

    def __init__(self, calendar: WorkCalendar, first: datetime.date, last: datetime.date) -> None:
        sessions, cutoff = office_settings()
        self.sessions = [
            _Session(s.opens.hour * 60 + s.opens.minute, s.closes.hour * 60 + s.closes.minute)
            for s in sessions
        ]
        self.day_minutes = sum(s.closes - s.opens for s in self.sessions)
        self.cutoff = cutoff.hour * 60 + cutoff.minute
        self.first = first
        self.version = calendar.version
        self.days: list[datetime.date] = []  # working days in order
        self.ordinal: dict[datetime.date, int] = {}  # working day -> ordinal
        self.next_ordinal: list[int] = []  # calendar day offset -> first working ordinal >= it
        day = first
        while day <= last:
            self.next_ordinal.append(len(self.days))
            if is_working_day(calendar, day):
                self.ordinal[day] = len(self.days)
                self.days.append(day)
            day += datetime.timedelta(days=1)
        self._ordinals_sorted = [d.toordinal() for d in self.days]
        self._moments: dict[int, datetime.datetime] = {}

    # -- moments <-> line -------------------------------------------------------------------
    def position(self, moment: datetime.datetime) -> int:
        """Minutes of working time from the start of the line to ``moment``."""
        local = moment if moment.tzinfo is VN_TZ else moment.astimezone(VN_TZ)
        day = local.date()
        ordinal = self.ordinal.get(day)
        if ordinal is None:
            return self.next_ordinal[(day - self.first).days] * self.day_minutes
        minute = local.hour * 60 + local.minute
        worked = 0
        for session in self.sessions:
            if minute <= session.opens:
                break
            worked += min(minute, session.closes) - session.opens
        return ordinal * self.day_minutes + worked

    def moment(self, position: int) -> datetime.datetime:
        """The moment at ``position``; a position on a session's end is its closing time."""
        found = self._moments.get(position)
        if found is None:
            found = self._moments[position] = self._moment(position)
        return found

    def _moment(self, position: int) -> datetime.datetime:
        ordinal, offset = divmod(position, self.day_minutes)
        if offset == 0 and ordinal > 0:
            ordinal, offset = ordinal - 1, self.day_minutes
        day = self.days[ordinal]
        for session in self.sessions:
            length = session.closes - session.opens
            if offset <= length:
                minute = session.opens + offset
                break
            offset -= length
        return datetime.datetime(
            day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=VN_TZ
        )

    def minutes(self, days: Decimal | float) -> int:
        return round(Decimal(str(days)) * self.day_minutes)

    # -- what the services compute ----------------------------------------------------------
    def counting_start(self, received: datetime.datetime, *, apply_cutoff: bool) -> int:
        """Position where the clock starts (the 15:00 cut-off moves a late receipt of a
        working day to the next working day's opening: ``workdays.rules.counting_start``)."""
        local = received if received.tzinfo is VN_TZ else received.astimezone(VN_TZ)
        ordinal = self.ordinal.get(local.date())
        late = local.hour * 60 + local.minute + (local.second > 0) > self.cutoff
        if apply_cutoff and ordinal is not None and late:
            return (ordinal + 1) * self.day_minutes
        return self.position(received)

    def counted_moment(self, position: int) -> datetime.datetime:
        """The moment the app stores as "counted from": the opening of office hours at
        ``position`` (never a session's closing time)."""
        ordinal, offset = divmod(position, self.day_minutes)
        day = self.days[ordinal]
        for session in self.sessions:
            length = session.closes - session.opens
            if offset < length:
                minute = session.opens + offset
                return datetime.datetime(
                    day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=VN_TZ
                )
            offset -= length
        raise AssertionError("offset beyond the working day")

    def working_day_on_or_after(self, day: datetime.date) -> datetime.date:
        index = bisect.bisect_left(self._ordinals_sorted, day.toordinal())
        return self.days[min(index, len(self.days) - 1)]

    def is_working_day(self, day: datetime.date) -> bool:
        return day in self.ordinal
