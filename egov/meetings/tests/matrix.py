"""URL arguments of the meeting routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): a meeting hosted by the scoped unit, chaired by
an officer of it, with one agenda item and an uploaded paper."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from egov.accounts.services import officer_account_create
from egov.meetings.models import AgendaItem, Invitee, Meeting, Paper, Vote
from egov.meetings.services.calendar import calendar_feed_issue
from egov.orgs.models import OrgUnit
from egov.orgs.services import membership_grant


def _meeting(unit: OrgUnit) -> Meeting:
    chair = officer_account_create(
        actor=None, full_name="Trần Văn Chủ", email=f"chutri.{unit.pk}@example.vn", password=None
    )
    return Meeting.objects.create(
        kind="working",
        title="Họp giao ban",
        host_unit=unit,
        chair=chair,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        planned_minutes=60,
        place="Phòng họp 1",
    )


def _paper(unit: OrgUnit) -> dict[str, object]:
    meeting = _meeting(unit)
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, number="1", path="0001", title="Báo cáo", planned_minutes=30
    )
    paper = Paper(item=item, name="bao-cao.pdf", content_type="application/pdf", size=9)
    paper.added_at = timezone.now()
    paper.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pk": meeting.pk, "paper_id": paper.pk}


def _invited(unit: OrgUnit) -> dict[str, object]:
    """A meeting of another unit the scoped unit is invited to (its officers answer)."""
    host = OrgUnit.objects.exclude(pk=unit.pk).order_by("pk").first() or unit
    meeting = _meeting(host)
    meeting.status = "invited"
    meeting.save(update_fields=["status"])
    Invitee.objects.create(meeting=meeting, unit=unit)
    return {"meeting_id": meeting.pk}


def _checkin(unit: OrgUnit) -> dict[str, object]:
    """The check-in code of a meeting of the scoped unit, its chair invited by name."""
    meeting = _meeting(unit)
    return {"code": Invitee.objects.create(meeting=meeting, person=meeting.chair).checkin_code}


def _vote(unit: OrgUnit) -> dict[str, object]:
    """An open vote on the agenda item of a meeting of the scoped unit."""
    meeting = _meeting(unit)
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, number="1", path="0001", title="Dự thảo", planned_minutes=30
    )
    vote = Vote.objects.create(item=item, question="Thông qua?", opened_at=timezone.now())
    return {"meeting_id": meeting.pk, "vote_id": vote.pk}


def _item(unit: OrgUnit) -> dict[str, object]:
    """An agenda item of a meeting of the scoped unit (a sub-item goes under it)."""
    meeting = _meeting(unit)
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, number="1", path="0001", title="Dự thảo", planned_minutes=30
    )
    return {"meeting_id": meeting.pk, "item_id": item.pk}


def _feed(unit: OrgUnit) -> dict[str, object]:
    return {"token": calendar_feed_issue(actor=_meeting(unit).chair).token}


def _unit_feed(unit: OrgUnit) -> dict[str, object]:
    """The feed of the scoped unit under the link of an officer holding a role in it."""
    officer = officer_account_create(
        actor=None, full_name="Lê Văn Lịch", email=f"lich.{unit.pk}@example.vn", password=None
    )
    membership_grant(actor=None, user=officer, unit=unit, role="specialist")
    return {"token": calendar_feed_issue(actor=officer).token, "unit_id": unit.pk}


MEETINGS_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "meetings:meeting-detail": lambda unit: {"pk": _meeting(unit).pk},
    "meetings:paper-file": _paper,
    # an empty answer: a 400 for those who see the meeting, a 404 for anyone else
    "meetings:meeting-action": lambda unit: {"pk": _meeting(unit).pk, "action": "answer"},
    "meetings:speakers": lambda unit: {"pk": _meeting(unit).pk},
    "meetings:meeting-ics": lambda unit: {"pk": _meeting(unit).pk},
    "meetings:attendance": lambda unit: {"pk": _meeting(unit).pk},
    "meetings:check-in-scan": lambda unit: {"pk": _meeting(unit).pk},
    "meetings:check-in-codes": lambda unit: {"pk": _meeting(unit).pk},
    "meetings:check-in": _checkin,
    "meetings:calendar-feed": _feed,
    "meetings:calendar-unit-feed": _unit_feed,
    "api:meeting_get": lambda unit: {"meeting_id": _meeting(unit).pk},
    "api:meeting_answer": _invited,
    "api:meeting_check_in": _invited,
    "api:vote_list": lambda unit: {"meeting_id": _meeting(unit).pk},
    "api:vote_open": lambda unit: {"meeting_id": _meeting(unit).pk},
    "api:vote_ballot": _vote,
    "api:vote_close": _vote,
    "api:subitem_add": _item,
}
