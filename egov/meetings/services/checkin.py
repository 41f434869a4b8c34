"""Check-in by the invitation's personal QR code: the secretary scans it at the room, or the
participant opens it on their phone while logged in. A code checks in its own invitee at its
own meeting, once; a second use is refused with the time of the first."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.versioned import row_lock, versioned_update
from egov.common.exceptions import PermissionDenied
from egov.meetings import rules
from egov.meetings.choices import CheckInWay, MeetingAuditAction
from egov.meetings.exceptions import MeetingConflict, MeetingError
from egov.meetings.models import Invitee, Meeting
from egov.meetings.selectors import invitee_for, may_manage
from egov.meetings.services._common import A, _lock
from egov.workdays.rules import VN_TZ


def invitee_check_in(*, actor: Any, invitee: Invitee) -> Invitee:
    """Check in at the meeting: the invitee themself or the host's secretary. Twice is once."""
    meeting = invitee.meeting
    if invitee_for(actor, meeting) != invitee and not may_manage(actor, meeting):
        raise PermissionDenied(_("You are not invited to this meeting."))
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("check_in", locked_meeting.status)
        locked = row_lock(Invitee.objects.all(), invitee.pk)
        if locked.checked_in_at is not None:
            return locked
        mine = invitee_for(actor, meeting) == invitee
        return versioned_update(
            actor=actor,
            row=locked,
            action=A.INVITEE_CHECKED_IN,
            fields={
                "checked_in_at": timezone.now(),
                "checked_in_via": CheckInWay.SELF if mine else CheckInWay.SECRETARY,
                "checked_in_by_id": actor.pk,
            },
        )


def _bad_code() -> MeetingError:
    return MeetingError(
        _("This is not the check-in code of an invitation."),
        code="bad_code",
        fields={"code": _("This is not the check-in code of an invitation.")},
    )


def invitee_check_in_by_code(
    *, actor: Any, meeting: Meeting, code: str, repeat_ok: bool = False
) -> Invitee:
    """Check in the invitee whose invitation carries ``code`` (the code or the URL the QR
    holds) at ``meeting``: by the host's secretary, or by the invitee themself. Refused for a
    code of another meeting and for a code already used (concurrent scans count once: the
    invitee's row is locked). With ``repeat_ok`` (the API's retries) the same caller's second
    use answers the first check-in; anyone else's is still refused."""
    found = rules.checkin_code_from(code)
    invitee = Invitee.objects.filter(checkin_code=found).first() if found else None
    if invitee is None:
        raise _bad_code()
    if invitee.meeting_id != meeting.pk:
        message = _("This code is the invitation to another meeting.")
        raise MeetingError(message, code="other_meeting", fields={"code": message})
    mine = invitee_for(actor, meeting) == invitee
    if not mine and not may_manage(actor, meeting):
        raise PermissionDenied(_("Only the invitee or the host's secretary can use this code."))
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("check_in", locked_meeting.status)
        locked = row_lock(Invitee.objects.all(), invitee.pk)
        if locked.checked_in_at is not None:
            if repeat_ok and locked.checked_in_by_id == actor.pk:
                return locked
            message = _("This code was already used: %(name)s checked in at %(time)s.") % {
                "name": str(locked),
                "time": timezone.localtime(locked.checked_in_at, VN_TZ).strftime("%H:%M"),
            }
            raise MeetingConflict(message, code="code_used", fields={"code": message})
        return versioned_update(
            actor=actor,
            row=locked,
            action=MeetingAuditAction.INVITEE_CHECKED_IN,
            fields={
                "checked_in_at": timezone.now(),
                "checked_in_via": CheckInWay.QR_PHONE if mine else CheckInWay.QR_SCAN,
                "checked_in_by_id": actor.pk,
            },
        )
