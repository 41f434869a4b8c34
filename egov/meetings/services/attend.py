"""Check-in and voting as the API offers them: one entry per action, safe to retry. A client
that lost the answer and sends the same request again gets the same answer, never a second
check-in or ballot: the rows are unique (one check-in per invitee, one turnout per voter),
and a repeat is recognised and answered as the first."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from egov.common.exceptions import PermissionDenied
from egov.meetings import services
from egov.meetings.choices import Choice, VoteStatus
from egov.meetings.exceptions import MeetingConflict, MeetingError
from egov.meetings.models import Ballot, Invitee, Meeting, Turnout, Vote
from egov.meetings.selectors import invitee_for, is_chair
from egov.meetings.services.checkin import invitee_check_in_by_code
from egov.meetings.services.written import written_ballot_cast


def _field(field: str, message: str) -> MeetingError:
    return MeetingError(message, fields={field: message})


def check_in_submit(
    *, actor: Any, meeting: Meeting, invitee_id: int | None = None, code: str | None = None
) -> Invitee:
    """Check in at ``meeting``: the caller's own invitation (neither argument), an invitee
    of the meeting by the host's secretary (``invitee_id``), or the invitation's QR code
    (``code``, as the scanner read it). A repeat answers the first check-in; a code another
    caller already used is refused (409)."""
    if invitee_id is not None and code:
        raise _field("code", _("Give the invitee or the check-in code, not both."))
    if code:
        return invitee_check_in_by_code(actor=actor, meeting=meeting, code=code, repeat_ok=True)
    if invitee_id is None:
        invitee = invitee_for(actor, meeting)
        if invitee is None:
            raise PermissionDenied(_("You are not invited to this meeting."))
    else:
        invitee = Invitee.objects.filter(pk=invitee_id, meeting=meeting).first()
        if invitee is None:
            raise _field("invitee_id", _("Choose an invitee of this meeting."))
    return services.invitee_check_in(actor=actor, invitee=invitee)


def _repeat(vote: Vote, actor: Any, choice: str) -> None:
    """Whether the caller's earlier ballot answers this request: the same choice in a named
    vote; in a secret vote any repeat (its choice is not kept to compare: the first one was
    counted, once). Another choice in a named vote is a conflict."""
    if vote.secret:
        return
    ballot = Ballot.objects.filter(vote=vote, voter=actor).first()
    if ballot is None or ballot.choice != choice:
        raise MeetingConflict(_("You have already voted."), code="voted")


def ballot_submit(*, actor: Any, vote: Vote, choice: str) -> Vote:
    """The caller's ballot: in the room while the vote is open (``vote_cast``), or their
    written ballot while it awaits them (``written_ballot_cast``); counted once. A retry of
    a ballot already counted is answered as the first, even once the vote has closed."""
    if choice not in Choice.values:
        raise _field("choice", _("Choose for, against or abstain."))
    if Turnout.objects.filter(vote=vote, voter=actor).exists():
        _repeat(vote, actor, choice)
        return vote
    cast = written_ballot_cast if vote.status == VoteStatus.WRITTEN else services.vote_cast
    try:
        cast(actor=actor, vote=vote, choice=choice)
    except MeetingConflict:
        _repeat(vote, actor, choice)  # the same request, sent twice at once
    return Vote.objects.get(pk=vote.pk)


def vote_close_submit(*, actor: Any, vote: Vote) -> Vote:
    """The chair closes a vote (``vote_close``); closing it again answers the closed vote."""
    if vote.status == VoteStatus.CLOSED and is_chair(actor, vote.item.meeting):
        return vote
    return services.vote_close(actor=actor, vote=vote)
