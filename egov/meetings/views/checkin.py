"""Check-in pages: the live attendance list (polled by the meeting page), the secretary's scan
page at the room, the page a personal QR code opens, and the printable codes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.qr import qr_svg
from egov.meetings.choices import Response
from egov.meetings.models import Invitee, Meeting
from egov.meetings.rules import MEETING_TRANSITIONS
from egov.meetings.selectors import (
    invitee_get_by_code_for_user,
    is_chair,
    may_manage,
    meeting_get_for_user,
    meeting_quorum,
)
from egov.meetings.services.checkin import invitee_check_in_by_code
from egov.orgs.decorators import officer_required


class ScanForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Check-in code or link"),
        max_length=500,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )


def checkin_url(request: HttpRequest, invitee: Invitee) -> str:
    """The URL the invitation's QR code holds."""
    return request.build_absolute_uri(reverse("meetings:check-in", args=[invitee.checkin_code]))


def attendance_context(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    """Who will attend and who is present, counted in the database; the list of invitees
    only for the host and the chair (a conference has 2,000 participants, whose pages poll
    this every 3 seconds: each sees the counts and the quorum, not 2,000 rows)."""
    manager = may_manage(request.user, meeting)
    listed = manager or is_chair(request.user, meeting)
    counts = meeting.invitees.aggregate(
        confirmed=Count("pk", filter=Q(response__in=(Response.CONFIRMED, Response.DELEGATED)))
    )
    quorum = meeting_quorum(meeting)
    invitees = (
        list(meeting.invitees.select_related("person", "unit", "outside_body", "delegate"))
        if listed
        else []
    )
    return {
        "meeting": meeting,
        "invitees": invitees,
        "listed": listed,
        "invited": quorum.invited,
        "confirmed": counts["confirmed"],
        "present": quorum.present,
        "quorum": quorum,
        "manager": manager,
        "can": MEETING_TRANSITIONS.available(meeting.status),
    }


@require_GET
@officer_required
def attendance_part(request: HttpRequest, pk: int) -> HttpResponse:
    """Who is invited, answered and checked in; the meeting and scan pages poll it (HTMX)."""
    meeting = meeting_get_for_user(request.user, pk)
    return render(request, "meetings/_attendance.html", attendance_context(request, meeting))


def _manageable(request: HttpRequest, pk: int) -> Meeting:
    meeting = meeting_get_for_user(request.user, pk)
    if not may_manage(request.user, meeting):
        raise PermissionDenied
    return meeting


@require_http_methods(["GET", "POST"])
@officer_required
def checkin_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary's page at the room: each scanned code checks in its invitee."""
    meeting = _manageable(request, pk)
    form = ScanForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            invitee = invitee_check_in_by_code(
                actor=request.user, meeting=meeting, code=form.cleaned_data["code"]
            )
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": str(invitee)})
            return redirect("meetings:check-in-scan", pk=meeting.pk)
    if request.method == "POST":
        status = 400
    context = {**attendance_context(request, meeting), "form": form}
    return render(request, "meetings/checkin_scan.html", context, status=status)


@require_http_methods(["GET", "POST"])
@officer_required
def checkin_by_code(request: HttpRequest, code: str) -> HttpResponse:
    """What the invitation's QR code opens: its invitee (on their phone) or the host's
    secretary confirms the check-in with one tap. Anyone else gets a 404."""
    invitee = invitee_get_by_code_for_user(request.user, code)
    meeting = invitee.meeting
    error, status = "", 200
    if request.method == "POST":
        try:
            invitee_check_in_by_code(actor=request.user, meeting=meeting, code=code)
        except DomainError as refused:
            if refused.status == 403:
                raise PermissionDenied from refused
            error, status = refused.message, 400
            invitee.refresh_from_db()
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": str(invitee)})
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "invitee": invitee,
        "code": code,
        "error": error,
        "can": MEETING_TRANSITIONS.available(meeting.status),
    }
    return render(request, "meetings/checkin_code.html", context, status=status)


@require_GET
@officer_required
def checkin_codes(request: HttpRequest, pk: int) -> HttpResponse:
    """Every invitation's personal QR code, to print or send (host's office only)."""
    meeting = _manageable(request, pk)
    invitees = meeting.invitees.select_related("person", "unit", "outside_body")
    rows = [
        {"invitee": invitee, "qr": qr_svg(checkin_url(request, invitee), title=str(invitee))}
        for invitee in invitees
    ]
    return render(request, "meetings/checkin_codes.html", {"meeting": meeting, "rows": rows})
