"""Calendar files and feeds: one meeting as an .ics, an officer's feed and a unit's feed under
the officer's secret link (calendar apps cannot log in: the token in the URL is the key; a
revoked or unknown token is a 404), and the officer's page action that makes, renews or
revokes the link."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.meetings import ics
from egov.meetings.choices import MeetingStatus
from egov.meetings.models import Meeting
from egov.meetings.selectors import (
    calendar_feed_user,
    calendar_meetings,
    calendar_unit_get,
    calendar_unit_meetings,
    meeting_get_for_user,
)
from egov.meetings.services.calendar import calendar_feed_issue, calendar_feed_revoke
from egov.orgs.decorators import officer_required

FEED_LIMIT = 500


def _events(request: HttpRequest, meetings: Iterable[Meeting]) -> list[ics.Event]:
    return [
        ics.Event(
            uid=f"meeting-{m.pk}@{request.get_host()}",
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            summary=m.title,
            location=m.place or m.online_url,
            description="\n".join(
                x for x in (str(m.get_kind_display()), m.host_unit.name, m.online_url) if x
            ),
            url=request.build_absolute_uri(reverse("meetings:meeting-detail", args=[m.pk])),
            cancelled=m.status == MeetingStatus.CANCELLED,
            stamp=m.created_at,
            sequence=m.version,
        )
        for m in meetings
    ]


def _ics(
    request: HttpRequest, meetings: Iterable[Meeting], *, name: str, filename: str
) -> HttpResponse:
    body = ics.calendar_bytes(_events(request, meetings), name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@officer_required
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting as an .ics file, for whoever sees the meeting."""
    meeting = meeting_get_for_user(request.user, pk)
    return _ics(request, [meeting], name=meeting.title, filename="meeting.ics")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The meetings of the officer whose live secret link this is."""
    user = calendar_feed_user(token)
    if user is None:
        raise Http404
    meetings = list(calendar_meetings(user)[:FEED_LIMIT])
    name = _("Meetings of %(name)s") % {"name": user.full_name}
    return _ics(request, meetings, name=name, filename="meetings.ics")


@require_GET
def calendar_unit_feed(request: HttpRequest, token: str, unit_id: int) -> HttpResponse:
    """The meetings a unit within the officer's reach hosts or is invited to."""
    user = calendar_feed_user(token)
    if user is None:
        raise Http404
    unit = calendar_unit_get(user, unit_id)
    meetings = list(calendar_unit_meetings(unit)[:FEED_LIMIT])
    name = _("Meetings of %(name)s") % {"name": unit.name}
    return _ics(request, meetings, name=name, filename="meetings.ics")


@require_POST
@officer_required
def calendar_link(request: HttpRequest) -> HttpResponse:
    """Make or renew (``action=issue``) or revoke (``action=revoke``) the officer's link."""
    action = request.POST.get("action")
    if action == "issue":
        calendar_feed_issue(actor=request.user)
        messages.success(request, _("Your calendar link is ready; the old one no longer works."))
    elif action == "revoke":
        calendar_feed_revoke(actor=request.user)
        messages.success(request, _("Your calendar link no longer works."))
    else:
        return HttpResponseBadRequest(_("Choose to make or to revoke the calendar link."))
    return redirect("meetings:meeting-list")
