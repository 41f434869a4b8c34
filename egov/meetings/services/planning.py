"""Planning a meeting: create it, change it before it is held, invite people, units and
outside bodies."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import versioned_update
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.meetings import rules
from egov.meetings.choices import MeetingKind
from egov.meetings.models import Invitee, Meeting
from egov.meetings.services._common import A, _invalid, _lock, _require_manager
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit, OutsideBody


def _validate(values: dict[str, Any]) -> None:
    if values["kind"] not in MeetingKind.values:
        raise _invalid("kind", _("Choose the kind of meeting."))
    require_text(values["title"], "title")
    if not values["place"].strip() and not values["online_url"].strip():
        raise _invalid("place", _("Give the place or the online room of the meeting."))
    if values["kind"] == MeetingKind.ONLINE_CONFERENCE and not values["online_url"].strip():
        raise _invalid("online_url", _("An online conference needs its online room."))
    if not 1 <= values["planned_minutes"] <= 24 * 60:
        raise _invalid("planned_minutes", _("Give a duration between 1 minute and a day."))
    if not 1 <= values.get("quorum_percent", 50) <= 100:
        raise _invalid("quorum_percent", _("Give a quorum between 1 and 100 %."))


def meeting_create(
    *,
    actor: Any,
    host_unit: OrgUnit,
    chair: Any,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    planned_minutes: int,
    place: str = "",
    online_url: str = "",
    quorum_percent: int | None = None,
    online: bool = False,
) -> Meeting:
    """Plan a meeting of ``host_unit``; by its office or heads. ``quorum_percent`` is the
    share of invitees present a vote needs (default: the setting). A meeting held online
    (``online``, or an online conference) without a room given gets a new room on the city's
    video conference system (``EGOV_MEETING_VIDEO_URL``)."""
    online_url = (online_url or "").strip()
    if (online or kind == MeetingKind.ONLINE_CONFERENCE) and not online_url:
        online_url = rules.video_room_url(
            settings.EGOV_MEETING_VIDEO_URL, f"egov-{secrets.token_hex(8)}"
        )
    if not can_act_for_unit(actor, host_unit):
        raise PermissionDenied(_("Only the host unit can manage this meeting."))
    values = {
        "kind": kind,
        "title": (title or "").strip(),
        "starts_at": starts_at,
        "planned_minutes": planned_minutes,
        "place": (place or "").strip(),
        "online_url": (online_url or "").strip(),
        "quorum_percent": quorum_percent or settings.EGOV_MEETING_QUORUM_PERCENT,
    }
    _validate(values)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            host_unit=host_unit, chair=chair, created_by=actor, **values
        )
        event_record(
            actor=actor,
            action=A.MEETING_CREATED,
            obj=meeting,
            changes={**values, "starts_at": starts_at.isoformat(), "chair": chair.pk},
        )
    return meeting


def meeting_update(
    *, actor: Any, meeting: Meeting, expected_version: int | None, **values: Any
) -> Meeting:
    """Change the title, time, duration, place or room of a meeting not held yet."""
    _require_manager(actor, meeting)
    allowed = {"title", "starts_at", "planned_minutes", "place", "online_url", "quorum_percent"}
    if set(values) - allowed:
        raise TypeError(f"Not editable: {sorted(set(values) - allowed)}")
    with transaction.atomic():
        locked = _lock(meeting, expected_version)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        merged = {
            "kind": locked.kind,
            "title": locked.title,
            "place": locked.place,
            "online_url": locked.online_url,
            "planned_minutes": locked.planned_minutes,
            **values,
        }
        _validate(merged)
        return versioned_update(actor=actor, row=locked, action=A.MEETING_CHANGED, fields=values)


def invitee_add(
    *,
    actor: Any,
    meeting: Meeting,
    person: Any = None,
    unit: OrgUnit | None = None,
    outside_body: OutsideBody | None = None,
) -> Invitee:
    """Invite a person, a unit (it names its representative) or an outside body; once."""
    _require_manager(actor, meeting)
    if sum(x is not None for x in (person, unit, outside_body)) != 1:
        raise _invalid("invitee", _("Choose one person, unit or outside body to invite."))
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        found = Invitee.objects.filter(
            meeting=locked, person=person, unit=unit, outside_body=outside_body
        ).first()
        if found is not None:
            return found
        invitee = Invitee.objects.create(
            meeting=locked, person=person, unit=unit, outside_body=outside_body
        )
        event_record(
            actor=actor,
            action=A.INVITEE_ADDED,
            obj=invitee,
            changes={
                "meeting": locked.pk,
                "person": getattr(person, "pk", None),
                "unit": getattr(unit, "pk", None),
                "outside_body": getattr(outside_body, "pk", None),
            },
        )
    return invitee
