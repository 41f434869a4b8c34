"""Checks of free text and dates that every service shares."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError


class TextRequired(DomainError):
    """A text the action needs (a reason, a note) was left empty."""

    code = "required"
    status = 400


def require_text(value: str | None, field: str = "reason") -> str:
    """``value`` without surrounding blanks; refused when nothing is left.

    The refusal is attached to ``field`` of the form; a missing reason says so ("Give the
    reason."), any other field gets the generic "This field is required."."""
    text = (value or "").strip()
    if not text:
        message = _("Give the reason.") if field == "reason" else _("This field is required.")
        raise TextRequired(message, fields={field: message})
    return text


#: No official document of the state is older than the Declaration of Independence
#: (2 September 1945); a date before it is a typing slip (01/01/0001 from an empty picker).
OLDEST_OFFICIAL_DAY = datetime.date(1945, 9, 2)


def day_problem(day: datetime.date | None, *, latest: datetime.date | None = None) -> str | None:
    """Why ``day`` cannot be a date of the administration's papers, or None if it can:
    before :data:`OLDEST_OFFICIAL_DAY`, or after ``latest`` (e.g. today for a date of issue)."""
    if day is None:
        return None
    if day < OLDEST_OFFICIAL_DAY:
        return _("Check the date: %(day)s is before %(oldest)s.") % {
            "day": _day_text(day),
            "oldest": _day_text(OLDEST_OFFICIAL_DAY),
        }
    if latest is not None and day > latest:
        return _("The date cannot be after %(latest)s.") % {"latest": _day_text(latest)}
    return None


def _day_text(day: datetime.date) -> str:
    """dd/mm/yyyy with four-digit years (``strftime`` writes year 1 as ``1``)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def days_order_problem(
    start: datetime.date | None, end: datetime.date | None, *, message: str | None = None
) -> str | None:
    """``message`` (default: a generic one) when ``end`` comes before ``start``; a range with
    an open side is fine."""
    if start is None or end is None or end >= start:
        return None
    return message or _("The end date comes before the start date.")
