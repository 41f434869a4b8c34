"""The secretary's running notes during the meeting; the minutes are drafted from them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.meetings import rules
from egov.meetings.choices import MeetingAuditAction
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import AgendaItem, Meeting, Note
from egov.meetings.selectors import is_chair, may_manage
from egov.meetings.services._common import _lock

NOTE_MAX = 5000


def note_add(*, actor: Any, meeting: Meeting, text: str, item: AgendaItem | None = None) -> Note:
    """The host's secretary (or the chair) notes what is said and decided, on an agenda item
    or the meeting, while it runs and until it is held. The same note sent twice in a row
    (a double click, a retry) is kept once."""
    if not (may_manage(actor, meeting) or is_chair(actor, meeting)):
        raise PermissionDenied(_("Only the chair or the host unit can do this."))
    text = require_text(text, "text")
    if len(text) > NOTE_MAX:
        message = _("Keep a note under %(n)s characters.") % {"n": NOTE_MAX}
        raise MeetingError(message, fields={"text": message})
    if item is not None and item.meeting_id != meeting.pk:
        message = _("Choose an item of this meeting.")
        raise MeetingError(message, fields={"item": message})
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("note", locked.status)
        last = locked.notes.filter(author=actor).order_by("-written_at", "-pk").first()
        if last is not None and last.text == text and last.item_id == getattr(item, "pk", None):
            return last
        note = Note.objects.create(
            meeting=locked, item=item, author=actor, text=text, written_at=timezone.now()
        )
        event_record(
            actor=actor,
            action=MeetingAuditAction.NOTE_ADDED,
            obj=note,
            changes={"meeting": locked.pk, "item": getattr(item, "pk", None)},
        )
    return note
