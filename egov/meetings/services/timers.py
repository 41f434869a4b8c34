"""Per-item timers: the chair or the host's secretary starts and ends each agenda item during
the meeting; the items' times are what the duration figures count where they exist
(``rules.meeting_duration``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.meetings import rules
from egov.meetings.choices import MeetingAuditAction
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import AgendaItem
from egov.meetings.services._common import _lock, _require_chair_or_manager

A = MeetingAuditAction


def item_start(*, actor: Any, item: AgendaItem) -> AgendaItem:
    """Start an agenda item's timer once the meeting has started; the item running before
    ends at the same moment, unless it holds this one (a sub-item runs inside its item, whose time
    goes on). Starting a running item again is once; an item timed already
    cannot start over (its time is part of the record)."""
    meeting = item.meeting
    _require_chair_or_manager(actor, meeting)
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("time_item", locked_meeting.status)
        if locked_meeting.started_at is None:
            raise MeetingError(_("Record the start of the meeting first."), code="not_started")
        if locked_meeting.ended_at is not None:
            raise MeetingError(_("The meeting has ended."), code="ended")
        locked = row_lock(AgendaItem.objects.all(), item.pk)
        if locked.is_running:
            return locked
        if locked.ended_at is not None:
            raise MeetingError(_("This item's time is already recorded."), code="item_timed")
        now = timezone.now()
        for other in locked_meeting.items.filter(started_at__isnull=False, ended_at__isnull=True):
            if locked.path.startswith(f"{other.path}."):
                continue  # the item holding this sub-item goes on around it
            other.ended_at = now
            other.save(update_fields=["ended_at"])
            event_record(
                actor=actor, action=A.ITEM_ENDED, obj=other, changes={"ended_at": now.isoformat()}
            )
        locked.started_at = now
        locked.save(update_fields=["started_at"])
        event_record(
            actor=actor, action=A.ITEM_STARTED, obj=locked, changes={"started_at": now.isoformat()}
        )
    return locked


def item_end(*, actor: Any, item: AgendaItem) -> AgendaItem:
    """End a running agenda item's timer, and its sub-items' still running; ending it again is
    once."""
    meeting = item.meeting
    _require_chair_or_manager(actor, meeting)
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("time_item", locked_meeting.status)
        locked = row_lock(AgendaItem.objects.all(), item.pk)
        if locked.ended_at is not None:
            return locked
        if locked.started_at is None:
            raise MeetingError(_("This item has not started."), code="item_not_started")
        locked.ended_at = timezone.now()
        for inner in locked_meeting.items.filter(
            path__startswith=f"{locked.path}.", started_at__isnull=False, ended_at__isnull=True
        ):  # a sub-item still running ends with its item
            inner.ended_at = locked.ended_at
            inner.save(update_fields=["ended_at"])
            event_record(
                actor=actor,
                action=A.ITEM_ENDED,
                obj=inner,
                changes={"ended_at": inner.ended_at.isoformat()},
            )
        locked.save(update_fields=["ended_at"])
        event_record(
            actor=actor,
            action=A.ITEM_ENDED,
            obj=locked,
            changes={"ended_at": locked.ended_at.isoformat(), "minutes": locked.actual_minutes},
        )
    return locked
