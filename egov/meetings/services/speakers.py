"""The list of speakers: requests from the participants' phones, ordered and given the
floor by the chair."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.meetings import rules
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import AgendaItem, Meeting, Speaker
from egov.meetings.selectors import invitee_for, is_chair
from egov.meetings.services._common import A, _invalid, _lock


def speaker_request(*, actor: Any, meeting: Meeting, item: AgendaItem | None = None) -> Speaker:
    """An invitee asks to speak (from their phone); asking again while waiting is once."""
    if invitee_for(actor, meeting) is None:
        raise PermissionDenied(_("You are not invited to this meeting."))
    if item is not None and item.meeting_id != meeting.pk:
        raise _invalid("item", _("Choose an item of this meeting."))
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("speak", locked.status)
        found = locked.speakers.filter(person=actor, ended_at__isnull=True).first()
        if found is not None:
            return found
        position = (locked.speakers.aggregate(m=Max("position"))["m"] or 0) + 1
        speaker = Speaker.objects.create(
            meeting=locked,
            person=actor,
            item=item,
            position=position,
            requested_at=timezone.now(),
        )
        event_record(
            actor=actor,
            action=A.SPEAKER_REQUESTED,
            obj=speaker,
            changes={"meeting": locked.pk, "item": getattr(item, "pk", None)},
        )
    return speaker


def _waiting(meeting: Meeting) -> list[Speaker]:
    return list(meeting.speakers.filter(started_at__isnull=True, ended_at__isnull=True))


def speaker_move(*, actor: Any, speaker: Speaker, up: bool) -> Speaker:
    """The chair moves a waiting speaker one place up or down the list."""
    meeting = speaker.meeting
    if not is_chair(actor, meeting):
        raise PermissionDenied(_("Only the chair orders the speakers."))
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("speak", locked_meeting.status)
        waiting = _waiting(locked_meeting)
        index = next((i for i, s in enumerate(waiting) if s.pk == speaker.pk), None)
        if index is None:
            raise MeetingError(_("This speaker is not waiting."), code="not_waiting")
        other = index - 1 if up else index + 1
        if not 0 <= other < len(waiting):
            return waiting[index]
        mine, theirs = waiting[index], waiting[other]
        mine.position, theirs.position = theirs.position, mine.position
        Speaker.objects.filter(pk=mine.pk).update(position=mine.position)
        Speaker.objects.filter(pk=theirs.pk).update(position=theirs.position)
        event_record(
            actor=actor,
            action=A.SPEAKER_MOVED,
            obj=mine,
            changes={"position": mine.position, "up": bool(up)},
        )
    return mine


def speaker_start(*, actor: Any, speaker: Speaker) -> Speaker:
    """The chair gives the floor to a waiting speaker; whoever spoke before stops."""
    meeting = speaker.meeting
    if not is_chair(actor, meeting):
        raise PermissionDenied(_("Only the chair orders the speakers."))
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("speak", locked_meeting.status)
        locked = row_lock(Speaker.objects.all(), speaker.pk)
        if locked.started_at is not None:
            return locked
        if locked.ended_at is not None:
            raise MeetingError(_("This speaker is not waiting."), code="not_waiting")
        now = timezone.now()
        locked_meeting.speakers.filter(started_at__isnull=False, ended_at__isnull=True).update(
            ended_at=now
        )
        locked.started_at = now
        locked.save(update_fields=["started_at"])
        event_record(actor=actor, action=A.SPEAKER_STARTED, obj=locked, changes={})
    return locked


def speaker_end(*, actor: Any, speaker: Speaker) -> Speaker:
    """The chair ends a turn (or takes a waiting request off the list); once."""
    meeting = speaker.meeting
    if not is_chair(actor, meeting):
        raise PermissionDenied(_("Only the chair orders the speakers."))
    with transaction.atomic():
        _lock(meeting)
        locked = row_lock(Speaker.objects.all(), speaker.pk)
        if locked.ended_at is not None:
            return locked
        locked.ended_at = timezone.now()
        locked.save(update_fields=["ended_at"])
        event_record(
            actor=actor,
            action=A.SPEAKER_ENDED,
            obj=locked,
            changes={"seconds": locked.seconds_spoken},
        )
    return locked
