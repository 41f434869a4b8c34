"""An officer's secret calendar link (the key of their iCalendar feeds): made or renewed (the
old link stops working) and revoked by the officer; calendar apps cannot log in, so the random
token in the URL is the key (ADR 0017, superseded on revocation by this)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from egov.audit.services import event_record
from egov.meetings.choices import MeetingAuditAction
from egov.meetings.models import CalendarFeed

A = MeetingAuditAction


def _revoke_current(actor: Any) -> CalendarFeed | None:
    current = CalendarFeed.objects.select_for_update().filter(user=actor, revoked_at=None).first()
    if current is not None:
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
    return current


def calendar_feed_issue(*, actor: Any) -> CalendarFeed:
    """Give the officer a new secret calendar link; the one they had stops working."""
    with transaction.atomic():
        old = _revoke_current(actor)
        feed = CalendarFeed.objects.create(user=actor)
        event_record(
            actor=actor,
            action=A.CALENDAR_FEED_ISSUED,
            obj=feed,
            changes={"replaced": getattr(old, "pk", None)},
        )
    return feed


def calendar_feed_revoke(*, actor: Any) -> CalendarFeed | None:
    """Stop the officer's secret calendar link (subscribed calendars get a 404); once."""
    with transaction.atomic():
        old = _revoke_current(actor)
        if old is not None:
            event_record(actor=actor, action=A.CALENDAR_FEED_REVOKED, obj=old, changes={})
    return old
