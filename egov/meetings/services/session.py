"""The course of a meeting: its actual start and end, and marking it held."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import versioned_update
from egov.common.exceptions import PermissionDenied
from egov.meetings import rules
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Meeting, Vote
from egov.meetings.selectors import is_chair, may_manage
from egov.meetings.services._common import A, _lock, _require_chair_or_manager


def meeting_start(*, actor: Any, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Record the actual start (by the chair or the host's secretary); once."""
    _require_chair_or_manager(actor, meeting)
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        rules.MEETING_TRANSITIONS.check("start", locked.status)
        if locked.started_at is not None:
            return locked
        return versioned_update(
            actor=actor, row=locked, action=A.MEETING_STARTED, fields={"started_at": timezone.now()}
        )


def meeting_end(*, actor: Any, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Record the actual end of a started meeting; once. A speaker still speaking and an
    agenda item still running stop."""
    _require_chair_or_manager(actor, meeting)
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        rules.MEETING_TRANSITIONS.check("end", locked.status)
        if locked.ended_at is not None:
            return locked
        if locked.started_at is None:
            raise MeetingError(_("Record the start of the meeting first."), code="not_started")
        now = timezone.now()
        locked.speakers.filter(started_at__isnull=False, ended_at__isnull=True).update(ended_at=now)
        for item in locked.items.filter(started_at__isnull=False, ended_at__isnull=True):
            item.ended_at = now
            item.save(update_fields=["ended_at"])
            event_record(
                actor=actor, action=A.ITEM_ENDED, obj=item, changes={"ended_at": now.isoformat()}
            )
        return versioned_update(
            actor=actor, row=locked, action=A.MEETING_ENDED, fields={"ended_at": now}
        )


def meeting_hold(*, actor: Any, meeting: Meeting, expected_version: int | None) -> Meeting:
    """Mark the meeting as held (by the host or the chair); open votes are closed first."""
    if not (may_manage(actor, meeting) or is_chair(actor, meeting)):
        raise PermissionDenied(_("Only the host unit can manage this meeting."))
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        if Vote.objects.filter(item__meeting=locked, status="open").exists():
            raise MeetingError(_("Close the open votes first."), code="votes_open")
        return versioned_update(
            actor=actor,
            row=locked,
            action=A.MEETING_HELD,
            fields={
                "status": rules.MEETING_TRANSITIONS.target("hold", locked.status),
                "held_at": timezone.now(),
            },
        )
