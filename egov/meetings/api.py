"""Meetings API for officers: their meetings, one meeting with its agenda and papers, and
answering an invitation (the same services as the pages).

The answer's body is read after the meeting and the caller's invitation are looked up, so a
meeting the caller does not see is a 404 whatever is posted; then a malformed body is a 422.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from egov.accounts.models import User
from egov.common.api_body import json_body, json_body_doc
from egov.common.pagination import BoundedPageNumberPagination
from egov.meetings import services
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Invitee, Meeting
from egov.meetings.schemas import AnswerIn, InvitationOut, MeetingDetailOut, MeetingOut
from egov.meetings.selectors import (
    invitee_for,
    may_read_paper,
    meeting_get_for_user,
    meeting_list_for_user,
    meeting_quorum,
)
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


@router.get("/{meeting_id}", response=MeetingDetailOut)
def meeting_get(request: HttpRequest, meeting_id: int) -> dict:
    """One meeting with its agenda, papers (a secret paper's link only for its named
    readers), quorum and the caller's invitation."""
    require_officer(request.user)
    meeting = meeting_get_for_user(request.user, meeting_id)
    mine = invitee_for(request.user, meeting)
    quorum = meeting_quorum(meeting)
    agenda = []
    for item in meeting.items.prefetch_related("papers__readers"):
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
        agenda.append(
            {
                "id": item.pk,
                "order": item.order,
                "title": item.title,
                "presenter": item.presenter,
                "planned_minutes": item.planned_minutes,
                "papers": papers,
            }
        )
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
