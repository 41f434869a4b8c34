"""Every write of paperless meetings: one transaction, one audit entry with a declared
``MeetingAuditAction`` per change, the meeting's state through ``MEETING_TRANSITIONS``.

The services live in modules by concern; the names below are re-exported so that
``from egov.meetings import services`` keeps serving callers."""

from __future__ import annotations

from egov.meetings.services._common import (
    INVITATION_TYPE,
    MINUTES_TYPE,
    NOTICE_TYPE,
    working_days_before,
)
from egov.meetings.services.agenda import item_add
from egov.meetings.services.checkin import invitee_check_in
from egov.meetings.services.conclusions import conclusion_add, conclusion_to_task
from egov.meetings.services.invitations import invitation_draft, invitee_answer, meeting_invite
from egov.meetings.services.minutes import meeting_close, minutes_draft, notice_draft
from egov.meetings.services.opinions import opinion_give
from egov.meetings.services.papers import (
    PAPER_KINDS,
    paper_attach_document,
    paper_read_record,
    paper_readers_set,
    paper_upload,
)
from egov.meetings.services.planning import invitee_add, meeting_create, meeting_update
from egov.meetings.services.points import point_add, point_check_in
from egov.meetings.services.session import meeting_end, meeting_hold, meeting_start
from egov.meetings.services.speakers import (
    speaker_end,
    speaker_move,
    speaker_request,
    speaker_start,
)
from egov.meetings.services.votes import (
    COUNT_FIELDS,
    record_choice,
    vote_cast,
    vote_close,
    vote_open,
    vote_seal,
)

__all__ = [
    "COUNT_FIELDS",
    "INVITATION_TYPE",
    "MINUTES_TYPE",
    "NOTICE_TYPE",
    "PAPER_KINDS",
    "conclusion_add",
    "conclusion_to_task",
    "invitation_draft",
    "invitee_add",
    "invitee_answer",
    "invitee_check_in",
    "item_add",
    "meeting_close",
    "meeting_create",
    "meeting_end",
    "meeting_hold",
    "meeting_invite",
    "meeting_start",
    "meeting_update",
    "minutes_draft",
    "notice_draft",
    "opinion_give",
    "paper_attach_document",
    "paper_read_record",
    "paper_readers_set",
    "paper_upload",
    "point_add",
    "point_check_in",
    "record_choice",
    "speaker_end",
    "speaker_move",
    "speaker_request",
    "speaker_start",
    "vote_cast",
    "vote_close",
    "vote_open",
    "vote_seal",
    "working_days_before",
]
