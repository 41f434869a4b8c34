"""Checks of free-text input that every service shares."""

from __future__ import annotations

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
