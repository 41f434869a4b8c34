"""Errors of the working-day calendar: a stable code plus a translated message."""

from egov.common.exceptions import DomainError


class InvalidAdjustment(DomainError):
    """An adjustment that cannot be right (e.g. an extra day off on a weekend)."""

    code = "invalid_calendar_adjustment"
    status = 422


class OutsideCalendar(DomainError):
    """The computation needs days outside the years the calendar covers."""

    code = "outside_calendar"
    status = 422


class CalendarVersionUnavailable(DomainError):
    """The requested calendar version cannot be rebuilt (unknown revision or other package)."""

    code = "calendar_version_unavailable"
    status = 422


class InvalidDateRange(DomainError):
    """A listing was asked for a range that is reversed or too long."""

    code = "invalid_date_range"
    status = 422
