"""iCalendar (RFC 5545) feeds of meetings through the ``icalendar`` library: one VEVENT per
meeting in local time (``TZID=Asia/Ho_Chi_Minh`` with its VTIMEZONE), so Outlook, Google
Calendar and phones show the hour the invitation says. Pure: no ORM."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar

from egov.workdays.rules import VN_TZ

PRODID = "-//egov//Meetings//VI"
TIMEZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class Event:
    uid: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False
    stamp: datetime.datetime | None = None
    sequence: int = 0  # the meeting's version: calendar apps replace an older copy


def _event(event: Event) -> icalendar.Event:
    out = icalendar.Event()
    out.add("uid", event.uid)
    out.add("dtstamp", (event.stamp or event.starts_at).astimezone(datetime.UTC))
    out.add("dtstart", event.starts_at.astimezone(VN_TZ))
    out.add("dtend", event.ends_at.astimezone(VN_TZ))
    out.add("summary", event.summary)
    out.add("sequence", event.sequence)
    if event.location:
        out.add("location", event.location)
    if event.description:
        out.add("description", event.description)
    if event.url:
        out.add("url", event.url)
    out.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return out


def calendar_bytes(events: Iterable[Event], *, name: str) -> bytes:
    """The calendar named ``name`` (the feed's title in the calendar app) with ``events``."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    for event in events:
        calendar.add_component(_event(event))
    calendar.add_missing_timezones()
    return calendar.to_ical()
