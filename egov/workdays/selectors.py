"""Reads of the working-day calendar and the deadline computation over it.

The calendar is built from the ``holidays`` package plus the adjustments snapshot of the current
revision and cached per process under ``(revision, token, sessions, language)``. Reading the
revision row is the one query of a cache hit; a change bumps the revision in the same
transaction as the data, so no process ever serves a calendar older than the committed data.
"""

from __future__ import annotations

import datetime
import functools
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.translation import gettext as _

from egov.workdays import rules, sources
from egov.workdays.choices import AdjustmentKind
from egov.workdays.exceptions import CalendarVersionUnavailable, InvalidDateRange, OutsideCalendar
from egov.workdays.models import CalendarAdjustment, CalendarRevision, CalendarSnapshot
from egov.workdays.rules import CalendarDay, DayStatus, Deadline, WorkCalendar

FIRST_YEAR, LAST_YEAR = rules.FIRST_YEAR, rules.LAST_YEAR
MAX_LISTED_DAYS = 400
# Ten years of days, leap days included: 2020-01-01..2029-12-31 counts 3,653.
MAX_COUNTED_DAYS = 3653
_VERSION = re.compile(r"^h(?P<package>.+)-r(?P<number>\d{1,9})$")


def _version(number: int) -> str:
    return f"h{sources.package_version()}-r{number}"


def calendar_version() -> str:
    """The version of the current calendar, e.g. ``"h0.109-r7"``: the ``holidays`` package
    version and the revision of the adjustments table. Store it with every computed deadline."""
    number = CalendarRevision.objects.filter(pk=1).values_list("number", flat=True).first()
    return _version(number or 0)


def office_settings() -> tuple[tuple[rules.Session, ...], datetime.time]:
    """Office sessions and same-day cut-off from settings, read at call time."""
    try:
        sessions = rules.sessions_parse(settings.EGOV_OFFICE_SESSIONS)
        cutoff = rules.clock_parse(settings.EGOV_SAME_DAY_CUTOFF)
    except ValueError as exc:
        raise ImproperlyConfigured(f"EGOV_OFFICE_SESSIONS / EGOV_SAME_DAY_CUTOFF: {exc}") from exc
    return sessions, cutoff


@functools.lru_cache(maxsize=4)
def _package_days(language: str) -> Mapping[datetime.date, str]:
    return sources.package_days_off(
        first_year=rules.FIRST_YEAR, last_year=rules.LAST_YEAR, language=language
    )


def _adjustment_name(row: Mapping[str, Any]) -> str:
    swapped = row.get("swapped_with")
    if not swapped:
        return str(row["description"])
    day = datetime.date.fromisoformat(swapped).strftime("%d/%m/%Y")
    if row["kind"] == AdjustmentKind.EXTRA_WORKING_DAY:
        return _("Make-up working day for %(date)s") % {"date": day}
    return _("Day off (swapped with %(date)s)") % {"date": day}


def _build(
    number: int,
    rows: Iterable[Mapping[str, Any]],
    sessions: tuple[rules.Session, ...],
    language: str,
) -> WorkCalendar:
    with translation.override(language):
        adjustments = [
            rules.Adjustment(
                on=datetime.date.fromisoformat(row["on"]),
                kind=row["kind"],
                name=_adjustment_name(row),
                swapped_with=(
                    datetime.date.fromisoformat(row["swapped_with"])
                    if row.get("swapped_with")
                    else None
                ),
            )
            for row in rows
        ]
    return rules.calendar_build(
        version=_version(number),
        holidays=_package_days(sources.package_language(language)),
        adjustments=adjustments,
        substitutions=_package_substitutions(),
        sessions=sessions,
    )


@functools.cache
def _package_substitutions() -> Mapping[datetime.date, datetime.date]:
    return sources.package_substitutions(first_year=rules.FIRST_YEAR, last_year=rules.LAST_YEAR)


@functools.lru_cache(maxsize=16)
def _calendar_cached(
    number: int, token: uuid.UUID, sessions: tuple[rules.Session, ...], language: str
) -> WorkCalendar:
    rows = CalendarSnapshot.objects.values_list("adjustments", flat=True).get(
        number=number, token=token
    )
    return _build(number, rows, sessions, language)


def _live_rows() -> list[dict[str, Any]]:
    return [
        {
            "on": row.on.isoformat(),
            "kind": row.kind,
            "description": row.description,
            "swapped_with": row.swapped_with.isoformat() if row.swapped_with else None,
        }
        for row in CalendarAdjustment.objects.order_by("on")
    ]


def _snapshot_token(version: str) -> tuple[int, uuid.UUID]:
    match = _VERSION.match(version)
    if not match or match["package"] != sources.package_version():
        raise CalendarVersionUnavailable(
            _("Calendar version %(version)s cannot be rebuilt with this installation.")
            % {"version": version},
            fields={"calendar_version": _("Unknown calendar version.")},
        )
    number = int(match["number"])
    token = CalendarSnapshot.objects.filter(number=number).values_list("token", flat=True).first()
    if token is None:
        raise CalendarVersionUnavailable(
            _("Calendar version %(version)s is unknown.") % {"version": version},
            fields={"calendar_version": _("Unknown calendar version.")},
        )
    return number, token


def work_calendar_get(*, version: str | None = None) -> WorkCalendar:
    """The calendar of ``version`` (default: the current one), with names in the active
    language. Without any revision row (an emptied database) the live table is used, uncached,
    as revision 0."""
    sessions, _cutoff = office_settings()
    language = "vi" if (translation.get_language() or "").startswith("vi") else "en"
    if version is not None:
        return _calendar_cached(*_snapshot_token(version), sessions, language)
    head = CalendarRevision.objects.filter(pk=1).values_list("number", "token").first()
    if head is None:
        return _build(0, _live_rows(), sessions, language)
    return _calendar_cached(head[0], head[1], sessions, language)


def deadline_compute(
    start: datetime.datetime,
    days: Decimal,
    *,
    apply_cutoff: bool = True,
    calendar_version: str | None = None,
) -> Deadline:
    """Due moment of a time limit of ``days`` working days (half days allowed) from ``start``
    (timezone-aware), with the 15:00 cut-off rule unless ``apply_cutoff`` is False.

    The result carries the calendar version. Deadlines are stored values: they are never
    recomputed when the calendar changes later; pass ``calendar_version`` to reproduce one
    with the data of the version it was computed with.
    """
    calendar = work_calendar_get(version=calendar_version)
    cutoff = office_settings()[1] if apply_cutoff else None
    try:
        return rules.deadline_for(calendar, start, days, cutoff=cutoff)
    except rules.CalendarRangeError as exc:
        message = _("The calendar covers the years %(first)s to %(last)s only.") % {
            "first": calendar.first_year,
            "last": calendar.last_year,
        }
        raise OutsideCalendar(message, fields={"start": message}) from exc


@dataclass(frozen=True)
class DayList:
    """Listed days and the calendar version they come from."""

    calendar_version: str
    days: list[CalendarDay]


def calendar_day_list(*, first: datetime.date, last: datetime.date) -> DayList:
    """Weekdays off (with their names) and make-up Saturdays from ``first`` to ``last``
    (at most 400 days). Errors name the API's fields, ``from`` and ``to``."""
    if last < first or (last - first).days + 1 > MAX_LISTED_DAYS:
        message = _("Choose an end date after the start date, at most %(max)s days later.") % {
            "max": MAX_LISTED_DAYS
        }
        raise InvalidDateRange(message, fields={"to": message})
    calendar = work_calendar_get()
    try:
        return DayList(calendar.version, rules.calendar_days(calendar, first, last))
    except rules.CalendarRangeError as exc:
        message = _("The calendar covers the years %(first)s to %(last)s only.") % {
            "first": calendar.first_year,
            "last": calendar.last_year,
        }
        raise OutsideCalendar(message, fields={"from": message}) from exc


def _outside(calendar: WorkCalendar, field: str) -> OutsideCalendar:
    message = _("The calendar covers the years %(first)s to %(last)s only.") % {
        "first": calendar.first_year,
        "last": calendar.last_year,
    }
    return OutsideCalendar(message, fields={field: message})


@dataclass(frozen=True)
class DayAnswer:
    """One day's status and the calendar version it comes from."""

    calendar_version: str
    status: DayStatus


def working_day_get(*, on: datetime.date) -> DayAnswer:
    """Whether ``on`` is a working day and why (weekend, holiday name, swapped day, make-up
    working day), in the current calendar. Errors name the API's field ``date``."""
    calendar = work_calendar_get()
    try:
        return DayAnswer(calendar.version, rules.day_status(calendar, on))
    except rules.CalendarRangeError as exc:
        raise _outside(calendar, "date") from exc


@dataclass(frozen=True)
class WorkingDayCount:
    """How many working days a range holds, and the calendar version counted with."""

    calendar_version: str
    working_days: int


def working_days_count(*, first: datetime.date, last: datetime.date) -> WorkingDayCount:
    """The working days from ``first`` to ``last``, both included (see
    :func:`egov.workdays.rules.working_days_count`), over at most ten years. A reversed or
    too long range names the API's field ``to``."""
    if last < first:
        message = _("The end date comes before the start date.")
        raise InvalidDateRange(message, fields={"to": message})
    if (last - first).days + 1 > MAX_COUNTED_DAYS:
        message = _("Count at most %(max)s days (ten years) at once.") % {"max": MAX_COUNTED_DAYS}
        raise InvalidDateRange(message, fields={"to": message})
    calendar = work_calendar_get()
    try:
        return WorkingDayCount(calendar.version, rules.working_days_count(calendar, first, last))
    except rules.CalendarRangeError as exc:
        raise _outside(calendar, "from") from exc
