"""Conclusions of a meeting, and those that assign work turned into directives tasks on
the issued conclusion notice."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.audit.versioned import row_lock, versioned_update
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.directives.services.task_edit import TaskData, task_create
from egov.documents.choices import DocumentStatus
from egov.meetings import rules
from egov.meetings.exceptions import MeetingError
from egov.meetings.models import Conclusion, Meeting
from egov.meetings.selectors import is_chair, may_manage, may_see
from egov.meetings.services._common import A, _invalid, _local_day, _lock
from egov.orgs.models import OrgUnit


def conclusion_add(
    *,
    actor: Any,
    meeting: Meeting,
    text: str,
    lead_unit: OrgUnit | None = None,
    deadline_on: datetime.date | None = None,
    cooperating: Sequence[OrgUnit] = (),
) -> Conclusion:
    """Record a conclusion (by the chair or the host); one that assigns work names its lead
    unit and deadline together, and the units cooperating with the lead (each once, never
    the lead itself: one lead unit per task, the Government's working regulation)."""
    if not (may_manage(actor, meeting) or is_chair(actor, meeting)):
        raise PermissionDenied(_("Only the host unit can manage this meeting."))
    text = require_text(text, "text")
    if (lead_unit is None) != (deadline_on is None):
        raise _invalid(
            "deadline_on", _("A conclusion that assigns work needs a unit and a deadline.")
        )
    if cooperating and lead_unit is None:
        raise _invalid("cooperating", _("Cooperating units work with a lead unit: name it."))
    if lead_unit is not None and any(unit.pk == lead_unit.pk for unit in cooperating):
        raise _invalid("cooperating", _("The lead unit is not also a cooperating unit."))
    cooperating = list({unit.pk: unit for unit in cooperating}.values())
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("conclude", locked.status)
        if deadline_on is not None and deadline_on < _local_day(locked.starts_at):
            raise _invalid("deadline_on", _("The deadline comes before the meeting."))
        order = (locked.conclusions.aggregate(m=Max("order"))["m"] or 0) + 1
        conclusion = Conclusion.objects.create(
            meeting=locked, order=order, text=text, lead_unit=lead_unit, deadline_on=deadline_on
        )
        conclusion.cooperating_units.set(cooperating)
        event_record(
            actor=actor,
            action=A.CONCLUSION_ADDED,
            obj=conclusion,
            changes={
                "meeting": locked.pk,
                "text": text,
                "lead_unit": getattr(lead_unit, "pk", None),
                "cooperating": sorted(unit.pk for unit in cooperating),
                "deadline_on": deadline_on.isoformat() if deadline_on else "",
            },
        )
    return conclusion


def conclusion_to_task(*, actor: Any, conclusion: Conclusion) -> Conclusion:
    """Turn a conclusion that assigns work into a task of ``directives`` on the issued
    conclusion notice (so it is tracked and on the scoreboard like any task). Once."""
    meeting = conclusion.meeting
    if not may_see(actor, meeting):
        raise PermissionDenied(_("Only the host unit can manage this meeting."))
    with transaction.atomic():
        locked_meeting = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("task", locked_meeting.status)
        locked = row_lock(Conclusion.objects.select_related("lead_unit"), conclusion.pk)
        if locked.task_id is not None:
            return locked
        if locked.lead_unit is None:
            raise MeetingError(
                _("This conclusion assigns no work: it has no lead unit."), code="no_work"
            )
        notice = locked_meeting.notice
        if notice is None or notice.status != DocumentStatus.ISSUED:
            raise MeetingError(
                _("Issue the conclusion notice first; tasks hang on it."), code="no_notice"
            )
        task = task_create(
            actor=actor,
            document=notice,
            data=TaskData(
                content=locked.text,
                lead_unit=locked.lead_unit,
                cooperating=list(locked.cooperating_units.order_by("pk")),
                deadline_on=locked.deadline_on,
            ),
        )
        return versioned_update(
            actor=actor, row=locked, action=A.CONCLUSION_TASKED, fields={"task_id": task.pk}
        )
