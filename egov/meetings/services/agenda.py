"""The agenda of a meeting: a tree of items (like OpenSlides' agenda), each within the time
of what holds it: the items within the meeting's planned duration, the sub-items within
their item's."""

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
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    planned_minutes: int,
    presenter: str = "",
    parent: AgendaItem | None = None,
) -> AgendaItem:
    """Add an agenda item at the end of the agenda, or at the end of ``parent``'s sub-items
    (numbered "2.1", "2.2" under item 2; at most ``rules.AGENDA_DEPTH`` levels). The items
    may not run longer than the meeting, nor an item's sub-items longer than the item. The
    same item sent twice in a row (a double click, a retry) is added once."""
    _require_manager(actor, meeting)
    title = (title or "").strip()
    require_text(title, "title")
    if planned_minutes < 1:
        raise _invalid("planned_minutes", _("Give the planned minutes of the item."))
    if parent is not None and parent.meeting_id != meeting.pk:
        raise _invalid("parent", _("Choose an item of this meeting."))
    if parent is not None and parent.depth >= rules.AGENDA_DEPTH:
        raise _invalid(
            "parent",
            _("The agenda has at most %(depth)s levels.") % {"depth": rules.AGENDA_DEPTH},
        )
    with transaction.atomic():
        locked = _lock(meeting)
        rules.MEETING_TRANSITIONS.check("edit", locked.status)
        siblings = locked.items.filter(parent=parent)
        last = siblings.order_by("-order").first()
        if last is not None and (last.title, last.presenter, last.planned_minutes) == (
            title,
            (presenter or "").strip(),
            planned_minutes,
        ):
            return last  # a double click or a retry adds one item
        minutes = list(siblings.values_list("planned_minutes", flat=True))
        room = locked.planned_minutes if parent is None else parent.planned_minutes
        if not rules.agenda_fits(room, [*minutes, planned_minutes]):
            if parent is None:
                message = _("The agenda would run longer than the meeting (%(minutes)s minutes).")
            else:
                message = _(
                    "The sub-items would run longer than item %(number)s (%(minutes)s minutes)."
                )
            raise _invalid(
                "planned_minutes",
                message % {"minutes": room, "number": getattr(parent, "number", "")},
            )
        order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
        item = AgendaItem.objects.create(
            meeting=locked,
            parent=parent,
            order=order,
            number=rules.item_number(getattr(parent, "number", None), order),
            path=rules.item_path(getattr(parent, "path", None), order),
            title=title,
            presenter=(presenter or "").strip(),
            planned_minutes=planned_minutes,
        )
        event_record(
            actor=actor,
            action=A.ITEM_ADDED,
            obj=item,
            changes={
                "meeting": locked.pk,
                "parent": getattr(parent, "pk", None),
                "number": item.number,
                "title": title,
            },
        )
    return item
