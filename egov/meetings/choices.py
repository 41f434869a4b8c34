"""Choices of paperless meetings (Decision 45/2018/QĐ-TTg, the meeting regime)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingKind(models.TextChoices):
    UBND_SESSION = "ubnd_session", _("People's Committee session")
    WORKING = "working", _("Working meeting")
    CONFERENCE = "conference", _("Conference")
    ONLINE_CONFERENCE = "online_conference", _("Online conference to many points")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    INVITED = "invited", _("Invitation sent")
    HELD = "held", _("Held")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class Response(models.TextChoices):
    PENDING = "pending", _("Not answered")
    CONFIRMED = "confirmed", _("Will attend")
    DECLINED = "declined", _("Declined")
    DELEGATED = "delegated", _("Delegated")


class CheckInWay(models.TextChoices):
    """How an invitee's attendance was recorded."""

    SELF = "self", _("by themself")
    SECRETARY = "secretary", _("by the secretary")
    QR_SCAN = "qr_scan", _("QR scanned at the room")
    QR_PHONE = "qr_phone", _("QR opened on their phone")


class VoteStatus(models.TextChoices):
    OPEN = "open", _("Open")
    WRITTEN = "written", _("Awaiting written ballots")
    CLOSED = "closed", _("Closed")


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class MajorityBase(models.TextChoices):
    """What a vote's majority is counted of."""

    PRESENT = "present", _("of the members present")
    ALL = "all", _("of all members")


class MajorityShare(models.TextChoices):
    """How large the majority must be."""

    SIMPLE = "simple", _("more than half")
    TWO_THIRDS = "two_thirds", _("at least two-thirds")


class LeadRule(models.TextChoices):
    """What happens when the invitation or a paper goes out later than the lead time."""

    WARN = "warn", _("Warn")
    REFUSE = "refuse", _("Refuse")


class MeetingAuditAction(models.TextChoices):
    """Actions of paperless meetings the audit trail records."""

    MEETING_CREATED = "meetings.meeting_created", pgettext_lazy("audit action", "Meeting planned")
    MEETING_CHANGED = "meetings.meeting_changed", pgettext_lazy("audit action", "Meeting changed")
    MEETING_INVITATION_DRAFTED = (
        "meetings.meeting_invitation_drafted",
        pgettext_lazy("audit action", "Meeting invitation drafted"),
    )
    MEETING_INVITED = (
        "meetings.meeting_invited",
        pgettext_lazy("audit action", "Meeting invitation sent"),
    )
    MEETING_HELD = "meetings.meeting_held", pgettext_lazy("audit action", "Meeting held")
    MEETING_CLOSED = "meetings.meeting_closed", pgettext_lazy("audit action", "Meeting closed")
    MEETING_CANCELLED = (
        "meetings.meeting_cancelled",
        pgettext_lazy("audit action", "Meeting cancelled"),
    )
    MEETING_MINUTES_DRAFTED = (
        "meetings.meeting_minutes_drafted",
        pgettext_lazy("audit action", "Meeting minutes drafted"),
    )
    MEETING_NOTICE_DRAFTED = (
        "meetings.meeting_notice_drafted",
        pgettext_lazy("audit action", "Conclusion notice drafted"),
    )
    INVITEE_ADDED = "meetings.invitee_added", pgettext_lazy("audit action", "Invitee added")
    INVITEE_ANSWERED = (
        "meetings.invitee_answered",
        pgettext_lazy("audit action", "Invitation answered"),
    )
    INVITEE_CHECKED_IN = (
        "meetings.invitee_checked_in",
        pgettext_lazy("audit action", "Checked in at the meeting"),
    )
    ITEM_ADDED = "meetings.item_added", pgettext_lazy("audit action", "Agenda item added")
    PAPER_ADDED = "meetings.paper_added", pgettext_lazy("audit action", "Meeting paper added")
    PAPER_READ = "meetings.paper_read", pgettext_lazy("audit action", "Meeting paper read")
    OPINION_GIVEN = "meetings.opinion_given", pgettext_lazy("audit action", "Opinion given")
    VOTE_OPENED = "meetings.vote_opened", pgettext_lazy("audit action", "Vote opened")
    VOTE_CAST = "meetings.vote_cast", pgettext_lazy("audit action", "Vote cast")
    VOTE_CLOSED = "meetings.vote_closed", pgettext_lazy("audit action", "Vote closed")
    VOTE_CLOSED_AT_DEADLINE = (
        "meetings.vote_closed_at_deadline",
        pgettext_lazy("audit action", "Vote closed at the written ballots' deadline"),
    )
    CONCLUSION_ADDED = (
        "meetings.conclusion_added",
        pgettext_lazy("audit action", "Meeting conclusion recorded"),
    )
    CONCLUSION_TASKED = (
        "meetings.conclusion_tasked",
        pgettext_lazy("audit action", "Meeting conclusion turned into a task"),
    )
    MEETING_STARTED = "meetings.meeting_started", pgettext_lazy("audit action", "Meeting started")
    MEETING_ENDED = "meetings.meeting_ended", pgettext_lazy("audit action", "Meeting ended")
    SPEAKER_REQUESTED = (
        "meetings.speaker_requested",
        pgettext_lazy("audit action", "Request to speak"),
    )
    SPEAKER_MOVED = (
        "meetings.speaker_moved",
        pgettext_lazy("audit action", "Speakers list reordered"),
    )
    SPEAKER_STARTED = "meetings.speaker_started", pgettext_lazy("audit action", "Speaker started")
    SPEAKER_ENDED = "meetings.speaker_ended", pgettext_lazy("audit action", "Speaker ended")
    PAPER_READERS_SET = (
        "meetings.paper_readers_set",
        pgettext_lazy("audit action", "Secret paper's readers named"),
    )
    ITEM_STARTED = (
        "meetings.item_started",
        pgettext_lazy("audit action", "Agenda item started"),
    )
    ITEM_ENDED = "meetings.item_ended", pgettext_lazy("audit action", "Agenda item ended")
    VOTE_WRITTEN_SENT = (
        "meetings.vote_written_sent",
        pgettext_lazy("audit action", "Written ballots sent to absent members"),
    )
    WRITTEN_BALLOT_CAST = (
        "meetings.written_ballot_cast",
        pgettext_lazy("audit action", "Written ballot cast"),
    )
    CALENDAR_FEED_ISSUED = (
        "meetings.calendar_feed_issued",
        pgettext_lazy("audit action", "Calendar link made"),
    )
    CALENDAR_FEED_REVOKED = (
        "meetings.calendar_feed_revoked",
        pgettext_lazy("audit action", "Calendar link revoked"),
    )
    POINT_ADDED = "meetings.point_added", pgettext_lazy("audit action", "Connected point added")
    POINT_CHECKED_IN = (
        "meetings.point_checked_in",
        pgettext_lazy("audit action", "Connected point checked in"),
    )
    NOTE_ADDED = "meetings.note_added", pgettext_lazy("audit action", "Secretary's note added")
    PAPER_VERSION_ADDED = (
        "meetings.paper_version_added",
        pgettext_lazy("audit action", "New version of a meeting paper"),
    )
