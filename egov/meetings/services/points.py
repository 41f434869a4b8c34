"""Connected points (điểm cầu) of an online meeting and who is present at each."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.exceptions import PermissionDenied
from egov.meetings import rules
from egov.meetings.models import ConnectedPoint, Meeting
from egov.meetings.selectors import may_manage
from egov.meetings.services._common import A, _invalid, _lock, _require_manager
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit


def point_add(
    *, actor: Any, meeting: Meeting, unit: OrgUnit, officer: Any, place: str = ""
) -> ConnectedPoint:
    """Add a connected point (điểm cầu) to an online meeting: a unit joining from its hall,
    with an officer of that unit responsible there. Once per unit."""
    _require_manager(actor, meeting)
    if not meeting.online_url:
        raise _invalid("unit", _("Only an online meeting has connected points."))
    if not can_act_for_unit(officer, unit):
        raise _invalid("officer", _("The responsible officer must be of the connected unit."))
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("add_point", locked.status)
        found = locked.points.filter(unit=unit).first()
        if found is not None:
            return found
        point = ConnectedPoint.objects.create(
            meeting=locked, unit=unit, officer=officer, place=(place or "").strip()[:300]
        )
        event_record(
            actor=actor,
            action=A.POINT_ADDED,
            obj=point,
            changes={"meeting": locked.pk, "unit": unit.pk, "officer": officer.pk},
        )
    return point


def point_check_in(*, actor: Any, point: ConnectedPoint, present: int) -> ConnectedPoint:
    """The point's officer (or the host) reports the point joined and how many people are
    present there; a later report replaces the count (never adds to it)."""
    meeting = point.meeting
    if actor.pk != point.officer_id and not may_manage(actor, meeting):
        raise PermissionDenied(_("Only the point's responsible officer can check it in."))
    if not 0 <= present <= 10000:
        raise _invalid("present", _("Give the number of people present at the point."))
    with transaction.atomic():
        _lock(meeting)
        rules.MEETING_TRANSITIONS.check("point_check_in", meeting.status)
        locked = row_lock(ConnectedPoint.objects.all(), point.pk)
        locked.present = present
        locked.joined_at = locked.joined_at or timezone.now()
        locked.save(update_fields=["present", "joined_at"])
        event_record(
            actor=actor, action=A.POINT_CHECKED_IN, obj=locked, changes={"present": present}
        )
    return locked
