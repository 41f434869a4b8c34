"""The invitation (giấy mời) drafted in the registry and sent with the Decision 45 lead time;
the invitees' answers: confirm, decline with a reason, delegate within the unit."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.documents.choices import DocumentStatus
from egov.documents.models import Document, DocumentType
from egov.documents.services import document_draft_create
from egov.meetings import rules
from egov.meetings.choices import Response
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Invitee, Meeting
from egov.meetings.selectors import invitee_for
from egov.meetings.services._common import (
    INVITATION_TYPE,
    A,
    _invalid,
    _lead_check,
    _lock,
    _require_manager,
    _units_of,
)
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ


def _meeting_text(meeting: Meeting) -> str:
    local = timezone.localtime(meeting.starts_at, VN_TZ)
    lines = [
        _("Time: %(time)s, %(day)s")
        % {
            "time": local.strftime("%H:%M"),
            "day": local.strftime("%d/%m/%Y"),
        }
    ]
    if meeting.place:
        lines.append(_("Place: %(place)s") % {"place": meeting.place})
    if meeting.online_url:
        lines.append(_("Online room: %(url)s") % {"url": meeting.online_url})
    lines.append(_("Chaired by: %(name)s") % {"name": meeting.chair.full_name})
    items = list(meeting.items.all())
    if items:
        lines.append(_("Agenda:"))
        lines.extend(f"{'   ' * (item.depth - 1)}{item}" for item in items)  # 1., 1.1.
    return "\n".join(lines)


def _invitee_names(meeting: Meeting) -> str:
    return "\n".join(
        f"- {invitee}"
        for invitee in meeting.invitees.select_related("person", "unit", "outside_body")
    )


def _draft(
    actor: Any, meeting: Meeting, drafting_unit: OrgUnit, type_code: str, subject: str, body: str
) -> Document:
    return document_draft_create(
        actor=actor,
        drafting_unit=drafting_unit,
        unit=meeting.host_unit,
        doc_type=DocumentType.objects.get(code=type_code),
        subject=subject,
        body=body,
        recipients_text=_invitee_names(meeting),
    )


def invitation_draft(
    *, actor: Any, meeting: Meeting, drafting_unit: OrgUnit, expected_version: int | None
) -> Document:
    """Draft the invitation (giấy mời) in the registry; the registry reviews, signs and
    numbers it in the official layout. Asking again returns the same draft."""
    _require_manager(actor, meeting)
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        if locked.invitation_id:
            return locked.invitation
        rules.MEETING_TRANSITIONS.check("draft_invitation", locked.status)
        document = _draft(
            actor,
            locked,
            drafting_unit,
            INVITATION_TYPE,
            _("Invitation to %(title)s") % {"title": locked.title},
            _meeting_text(locked),
        )
        versioned_update(
            actor=actor,
            row=locked,
            action=A.MEETING_INVITATION_DRAFTED,
            fields={"invitation_id": document.pk},
        )
    return document


def meeting_invite(
    *, actor: Any, meeting: Meeting, expected_version: int | None
) -> tuple[Meeting, str | None]:
    """Send the invitation once the registry issued it; checks the Decision 45 lead time
    (a warning, or a refusal under ``EGOV_MEETING_LEAD_RULE=refuse``)."""
    _require_manager(actor, meeting)
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        rules.MEETING_TRANSITIONS.check("invite", locked.status)
        if locked.invitation is None or locked.invitation.status != DocumentStatus.ISSUED:
            raise MeetingError(
                _("The invitation must be signed and issued before it is sent."),
                code="invitation_not_issued",
            )
        if not locked.invitees.exists():
            raise _invalid("invitee", _("Invite at least one person or unit."))
        now = timezone.now()
        warning = _lead_check(locked, now)
        versioned_update(
            actor=actor,
            row=locked,
            action=A.MEETING_INVITED,
            fields={
                "status": rules.MEETING_TRANSITIONS.target("invite", locked.status),
                "invited_at": now,
                "invited_late": warning is not None,
            },
        )
    return locked, warning


def invitee_answer(
    *,
    actor: Any,
    invitee: Invitee,
    response: str,
    reason: str = "",
    delegate: Any = None,
    expected_version: int | None = None,
) -> Invitee:
    """Confirm, decline with a reason, or delegate to someone of the invited unit (or of the
    invited person's unit)."""
    meeting = invitee.meeting
    if invitee_for(actor, meeting) != invitee:
        raise PermissionDenied(_("You are not invited to this meeting."))
    if response not in (Response.CONFIRMED, Response.DECLINED, Response.DELEGATED):
        raise _invalid("response", _("Choose an answer."))
    fields: dict[str, Any] = {"response": response, "reason": "", "delegate_id": None}
    if response == Response.DECLINED:
        fields["reason"] = require_text(reason, "reason")
    if response == Response.DELEGATED:
        if delegate is None:
            raise _invalid("delegate", _("Choose whom you delegate to."))
        unit = invitee.unit
        if unit is None and not any(can_act_for_unit(delegate, u) for u in _units_of(actor)):
            raise _invalid("delegate", _("You can delegate only to someone of your unit."))
        if unit is not None and not can_act_for_unit(delegate, unit):
            raise _invalid("delegate", _("You can delegate only to someone of the invited unit."))
        fields["delegate_id"] = delegate.pk
    with transaction.atomic():
        _lock(meeting)  # the meeting's state is read under its lock
        rules.MEETING_TRANSITIONS.check("answer", meeting.status)
        locked = row_lock(Invitee.objects.all(), invitee.pk)
        version_check(locked, expected_version, item=str(locked))
        return versioned_update(actor=actor, row=locked, action=A.INVITEE_ANSWERED, fields=fields)
