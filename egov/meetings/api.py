"""Meetings API for officers: their meetings, one meeting with its agenda and papers,
answering an invitation, checking in, and the votes (the chair opens and closes them, the
participants cast their ballots), and the host adding sub-items to the agenda; the same
services as the pages. Check-in, ballots and sub-items are safe to retry: a repeat is answered
as the first (``services.attend``, ``services.item_add``).

The answer's body is read after the meeting and the caller's invitation are looked up, so a
meeting the caller does not see is a 404 whatever is posted; then a malformed body is a 422.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from egov.accounts.models import User
from egov.common.api_body import json_body, json_body_doc
from egov.common.pagination import BoundedPageNumberPagination
from egov.meetings import services
from egov.meetings.choices import VoteStatus
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import AgendaItem, Invitee, Meeting, Paper
from egov.meetings.schemas import (
    AgendaItemOut,
    AnswerIn,
    BallotIn,
    CheckInIn,
    CheckInOut,
    InvitationOut,
    MeetingDetailOut,
    MeetingOut,
    SubItemIn,
    VoteOpenIn,
    VoteOut,
)
from egov.meetings.selectors import (
    VoteView,
    invitee_for,
    may_read_paper,
    meeting_get_for_user,
    meeting_list_for_user,
    meeting_quorum,
    vote_get_for_user,
    vote_list_for_user,
)
from egov.meetings.services import attend
from egov.orgs.access import require_officer

router = Router(tags=["meetings"])


def _meeting_out(meeting: Meeting, mine: Invitee | None) -> dict:
    return {
        "id": meeting.pk,
        "kind": meeting.kind,
        "title": meeting.title,
        "status": meeting.status,
        "host_unit_id": meeting.host_unit_id,
        "host_unit_name": meeting.host_unit.name,
        "chair_name": meeting.chair.full_name,
        "starts_at": meeting.starts_at,
        "planned_minutes": meeting.planned_minutes,
        "place": meeting.place,
        "online_url": meeting.online_url,
        "my_response": mine.response if mine else None,
        "ics_url": reverse("meetings:meeting-ics", args=[meeting.pk]),
    }


def _invitation_out(invitee: Invitee) -> dict:
    return {
        "id": invitee.pk,
        "response": invitee.response,
        "reason": invitee.reason,
        "delegate_name": invitee.delegate.full_name if invitee.delegate_id else None,
        "checked_in_at": invitee.checked_in_at,
        "version": invitee.version,
    }


@router.get("/", response=list[MeetingOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def meeting_list(request: HttpRequest) -> list[dict]:
    """The caller's meetings (hosted within their reach, chaired, or invited to), latest
    first, with the caller's answer when invited."""
    require_officer(request.user)
    meetings = list(meeting_list_for_user(request.user).prefetch_related("invitees")[:500])
    return [_meeting_out(m, invitee_for(request.user, m)) for m in meetings]


def _item_out(request: HttpRequest, meeting: Meeting, item: AgendaItem) -> dict:
    """An agenda item with its current papers (a secret paper's link only for its readers)."""
    papers = [
        {
            "id": paper.pk,
            "name": paper.name,
            "secret": paper.secret,
            "on_time": paper.on_time,
            "url": reverse("meetings:paper-file", args=[meeting.pk, paper.pk])
            if may_read_paper(request.user, meeting, paper)
            else None,
        }
        for paper in item.papers.all()
    ]
    return {
        "id": item.pk,
        "order": item.order,
        "number": item.number,
        "parent_id": item.parent_id,
        "title": item.title,
        "presenter": item.presenter,
        "planned_minutes": item.planned_minutes,
        "papers": papers,
    }


@router.get("/{meeting_id}", response=MeetingDetailOut)
def meeting_get(request: HttpRequest, meeting_id: int) -> dict:
    """One meeting with its agenda, papers (a secret paper's link only for its named
    readers), quorum and the caller's invitation."""
    require_officer(request.user)
    meeting = meeting_get_for_user(request.user, meeting_id)
    mine = invitee_for(request.user, meeting)
    quorum = meeting_quorum(meeting)
    current = Paper.objects.current().prefetch_related("readers")
    items = meeting.items.prefetch_related(Prefetch("papers", queryset=current))
    agenda = [_item_out(request, meeting, item) for item in items]
    return {
        **_meeting_out(meeting, mine),
        "quorum_percent": meeting.quorum_percent,
        "started_at": meeting.started_at,
        "ended_at": meeting.ended_at,
        "quorum": {
            "invited": quorum.invited,
            "present": quorum.present,
            "needed": quorum.needed,
            "reached": quorum.reached,
        },
        "agenda": agenda,
        "invitation": _invitation_out(mine) if mine else None,
    }


@router.post("/{meeting_id}/answer", response=InvitationOut, openapi_extra=json_body_doc(AnswerIn))
def meeting_answer(request: HttpRequest, meeting_id: int) -> dict:
    """Answer the caller's invitation to a meeting: confirm, decline with a reason, or
    delegate to an officer of the invited unit."""
    require_officer(request.user)
    meeting = meeting_get_for_user(request.user, meeting_id)
    invitee = invitee_for(request.user, meeting)
    if invitee is None:
        raise Http404
    payload = json_body(request, AnswerIn, error=MeetingError, code="invalid_input")
    delegate = None
    if payload.delegate_id is not None:
        delegate = User.objects.filter(pk=payload.delegate_id, is_active=True).first()
        if delegate is None:
            message = _("Choose whom you delegate to.")
            raise MeetingError(message, fields={"delegate_id": message})
    invitee = services.invitee_answer(
        actor=request.user,
        invitee=invitee,
        response=payload.response,
        reason=payload.reason,
        delegate=delegate,
        expected_version=payload.expected_version,
    )
    invitee = Invitee.objects.select_related("delegate").get(pk=invitee.pk)
    return _invitation_out(invitee)


@router.post(
    "/{meeting_id}/items/{item_id}/sub-items",
    response=AgendaItemOut,
    openapi_extra=json_body_doc(SubItemIn),
)
def subitem_add(request: HttpRequest, meeting_id: int, item_id: int) -> dict:
    """The host unit adds a sub-item at the end of an agenda item's sub-items, as the meeting
    page does (``services.item_add``): within the depth of the agenda and the time of the
    item, while the agenda may change. The same sub-item sent again is the one added."""
    require_officer(request.user)
    meeting = meeting_get_for_user(request.user, meeting_id)
    parent = AgendaItem.objects.filter(pk=item_id, meeting=meeting).first()
    if parent is None:
        raise Http404
    payload = json_body(request, SubItemIn, error=MeetingError, code="invalid_input")
    item = services.item_add(
        actor=request.user,
        meeting=meeting,
        parent=parent,
        title=payload.title,
        presenter=payload.presenter,
        planned_minutes=payload.planned_minutes,
    )
    current = Paper.objects.current().prefetch_related("readers")
    item = AgendaItem.objects.prefetch_related(Prefetch("papers", queryset=current)).get(pk=item.pk)
    return _item_out(request, meeting, item)


def _quorum_out(meeting: Meeting) -> dict:
    quorum = meeting_quorum(meeting)
    return {
        "invited": quorum.invited,
        "present": quorum.present,
        "needed": quorum.needed,
        "reached": quorum.reached,
    }


@router.post("/{meeting_id}/check-in", response=CheckInOut, openapi_extra=json_body_doc(CheckInIn))
def meeting_check_in(request: HttpRequest, meeting_id: int) -> dict:
    """Check in: the caller's own invitation (an empty body), an invitee by the host's
    secretary (``invitee_id``), or by the invitation's QR code (``code``). Sending it again
    answers the first check-in; a code another caller already used is a 409."""
    require_officer(request.user)
    meeting = meeting_get_for_user(request.user, meeting_id)
    payload = json_body(request, CheckInIn, error=MeetingError, code="invalid_input")
    invitee = attend.check_in_submit(
        actor=request.user, meeting=meeting, invitee_id=payload.invitee_id, code=payload.code
    )
    invitee = Invitee.objects.select_related("person", "unit", "outside_body").get(pk=invitee.pk)
    return {
        "invitee_id": invitee.pk,
        "name": str(invitee),
        "checked_in_at": invitee.checked_in_at,
        "checked_in_via": invitee.checked_in_via,
        "quorum": _quorum_out(meeting),
    }


def _vote_out(view: VoteView) -> dict:
    vote = view.vote
    closed = vote.status == VoteStatus.CLOSED
    return {
        "id": vote.pk,
        "item_id": vote.item_id,
        "question": vote.question,
        "secret": vote.secret,
        "status": vote.status,
        "opened_at": vote.opened_at,
        "closed_at": vote.closed_at,
        "written_until": vote.written_until,
        "majority_base": vote.majority_base,
        "majority_share": vote.majority_share,
        "majority": vote.majority_text,
        "i_voted": view.i_voted,
        "my_choice": view.my_choice,
        "may_vote": view.may_vote,
        "result": {
            "count_for": vote.count_for,
            "count_against": vote.count_against,
            "count_abstain": vote.count_abstain,
            "counted": vote.counted,
            "needed": vote.needed,
            "passed": vote.passed,
        }
        if closed
        else None,
        "ballots": [
            {"voter_name": b.voter.full_name, "choice": b.choice} for b in vote.ballots.all()
        ]
        if closed and not vote.secret
        else [],
    }


def _one_vote(request: HttpRequest, meeting: Meeting, vote_pk: int) -> dict:
    views = [v for v in vote_list_for_user(request.user, meeting) if v.vote.pk == vote_pk]
    return _vote_out(views[0])


@router.get("/{meeting_id}/votes", response=list[VoteOut])
def vote_list(request: HttpRequest, meeting_id: int) -> list[dict]:
    """The votes of a meeting, each with the caller's part in it; the count, its result
    under the majority rule and (in a named vote) the ballots once closed."""
    require_officer(request.user)
    meeting = meeting_get_for_user(request.user, meeting_id)
    return [_vote_out(view) for view in vote_list_for_user(request.user, meeting)]


@router.post("/{meeting_id}/votes", response=VoteOut, openapi_extra=json_body_doc(VoteOpenIn))
def vote_open(request: HttpRequest, meeting_id: int) -> dict:
    """The chair opens a vote on an agenda item once the quorum is reached; the same
    question on the same item while open is the same vote (a retry opens one)."""
    require_officer(request.user)
    meeting = meeting_get_for_user(request.user, meeting_id)
    payload = json_body(request, VoteOpenIn, error=MeetingError, code="invalid_input")
    item = AgendaItem.objects.filter(pk=payload.item_id, meeting=meeting).first()
    if item is None:
        message = _("Choose an item of this meeting.")
        raise MeetingError(message, fields={"item_id": message})
    vote = services.vote_open(
        actor=request.user, item=item, question=payload.question, secret=payload.secret
    )
    return _one_vote(request, meeting, vote.pk)


@router.post(
    "/{meeting_id}/votes/{vote_id}/ballot", response=VoteOut, openapi_extra=json_body_doc(BallotIn)
)
def vote_ballot(request: HttpRequest, meeting_id: int, vote_id: int) -> dict:
    """The caller's ballot: in the room while the vote is open, or their written ballot while
    it awaits the absent members'. Counted once; the same ballot sent again is answered as
    the first, another choice after it is a 409."""
    require_officer(request.user)
    vote = vote_get_for_user(request.user, meeting_id, vote_id)
    payload = json_body(request, BallotIn, error=MeetingError, code="invalid_input")
    attend.ballot_submit(actor=request.user, vote=vote, choice=payload.choice)
    return _one_vote(request, vote.item.meeting, vote.pk)


@router.post("/{meeting_id}/votes/{vote_id}/close", response=VoteOut)
def vote_close(request: HttpRequest, meeting_id: int, vote_id: int) -> dict:
    """The chair closes a vote: its count is sealed with its result under the majority
    rule. Closing it again answers the closed vote."""
    require_officer(request.user)
    vote = vote_get_for_user(request.user, meeting_id, vote_id)
    attend.vote_close_submit(actor=request.user, vote=vote)
    return _one_vote(request, vote.item.meeting, vote.pk)
