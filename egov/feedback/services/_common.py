"""Helpers shared by the question and report services: text checks, codes, notifications."""

from __future__ import annotations

import logging

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.accounts.services_notify import notification_send
from egov.feedback.exceptions import FeedbackError

logger = logging.getLogger(__name__)

TITLE_MAX, TEXT_MAX = 200, 5000


def clean_text(value: str, field: str, *, max_length: int) -> str:
    """``value`` stripped; empty or longer than ``max_length`` is refused under ``field``."""
    value = (value or "").strip()
    if not value:
        message = _("This field is required.")
        raise FeedbackError(message, code="required", fields={field: message})
    if len(value) > max_length:
        message = _("At most %(count)s characters.") % {"count": max_length}
        raise FeedbackError(message, code="too_long", fields={field: message})
    return value


def code_assign(row: models.Model, prefix: str) -> None:
    """The row's public code from its id (``HD-2026-000042``): unique without a counter."""
    row.code = f"{prefix}-{timezone.localdate().year}-{row.pk:06d}"
    row.save(update_fields=["code"])


def person_tell(person: User | None, *, subject: str, body: str, link: str, obj: object) -> None:
    """Tell a person by e-mail, or SMS when they have no e-mail; nobody to tell is fine."""
    if person is None:
        return
    channel = "email" if person.email else "sms" if person.phone else ""
    if not channel:
        return
    notification_send(
        recipient=person, channel=channel, subject=subject, body=body, link=link, obj=obj
    )
