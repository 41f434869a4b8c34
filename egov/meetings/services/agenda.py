"""The agenda of a meeting: its items, within the meeting's planned duration."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.validation import require_text
from egov.meetings import rules
from egov.meetings.models import AgendaItem, Meeting
from egov.meetings.services._common import A, _invalid, _lock, _require_manager


def item_add(
    *, actor: Any, meeting: Meeting, title: str, planned_minutes: int, presenter: str = ""
) -> AgendaItem:
    """Add an agenda item at the end; the agenda may not run longer than the meeting."""
    _require_manager(actor, meeting)
    title = (title or "").strip()
    require_text(title, "title")
    if planned_minutes < 1:
        raise _invalid("planned_minutes", _("Give the planned minutes of the item."))
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        minutes = list(locked.items.values_list("planned_minutes", flat=True))
        if not rules.agenda_fits(locked.planned_minutes, [*minutes, planned_minutes]):
            raise _invalid(
                "planned_minutes",
                _("The agenda would run longer than the meeting (%(minutes)s minutes).")
                % {"minutes": locked.planned_minutes},
            )
        order = (locked.items.aggregate(m=Max("order"))["m"] or 0) + 1
        item = AgendaItem.objects.create(
            meeting=locked,
            order=order,
            title=title,
            presenter=(presenter or "").strip(),
            planned_minutes=planned_minutes,
        )
        event_record(
            actor=actor,
            action=A.ITEM_ADDED,
            obj=item,
            changes={"meeting": locked.pk, "order": order, "title": title},
        )
    return item
