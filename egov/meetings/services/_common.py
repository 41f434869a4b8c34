"""Helpers the meeting services share: the meeting's lock, the host's and the chair's
permission checks, the Decision 45 lead-time check, the registry's document types."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.versioned import row_lock, version_check
from egov.common.exceptions import PermissionDenied
from egov.meetings import rules
from egov.meetings.choices import MeetingAuditAction
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Meeting
from egov.meetings.selectors import is_chair, may_manage
from egov.orgs.models import Membership, OrgUnit
from egov.workdays.rules import VN_TZ, working_days_count
from egov.workdays.selectors import work_calendar_get

A = MeetingAuditAction


INVITATION_TYPE, MINUTES_TYPE, NOTICE_TYPE = "giay-moi", "bien-ban", "thong-bao"


def _invalid(field: str, message: str) -> MeetingError:
    return MeetingError(message, fields={field: message})


def _require_manager(actor: Any, meeting: Meeting) -> None:
    if not may_manage(actor, meeting):
        raise PermissionDenied(_("Only the host unit can manage this meeting."))


def _lock(meeting: Meeting, expected_version: int | None = None) -> Meeting:
    locked = row_lock(Meeting.objects.select_related("host_unit"), meeting.pk)
    version_check(locked, expected_version, item=locked.title)
    return locked


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, VN_TZ).date()


def working_days_before(meeting: Meeting, moment: datetime.datetime) -> int:
    """Working days strictly between the day of ``moment`` and the meeting's day."""
    first = _local_day(moment) + datetime.timedelta(days=1)
    last = _local_day(meeting.starts_at) - datetime.timedelta(days=1)
    if last < first:
        return 0
    return working_days_count(work_calendar_get(), first, last)


def _lead_check(meeting: Meeting, moment: datetime.datetime) -> str | None:
    message, refused = rules.lead_time_problem(
        working_days_before=working_days_before(meeting, moment),
        required=settings.EGOV_MEETING_LEAD_WORKDAYS,
        rule=settings.EGOV_MEETING_LEAD_RULE,
    )
    if refused:
        raise MeetingError(message, code="late")
    return message


def _require_chair_or_manager(actor: Any, meeting: Meeting) -> None:
    if not (may_manage(actor, meeting) or is_chair(actor, meeting)):
        raise PermissionDenied(_("Only the chair or the host unit can do this."))


def _units_of(user: Any) -> list[OrgUnit]:
    ids = Membership.objects.current().filter(user=user).values("unit_id")
    return list(OrgUnit.objects.filter(pk__in=ids))
