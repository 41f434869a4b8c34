"""Written opinions (góp ý) of invitees on an agenda item before its deadline."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.common.validation import require_text
from egov.meetings.models import AgendaItem, Opinion
from egov.meetings.selectors import invitee_for
from egov.meetings.services._common import A, _invalid


def opinion_give(*, actor: Any, item: AgendaItem, text: str) -> Opinion:
    """A written opinion of an invitee on an agenda item, before its deadline."""
    meeting = item.meeting
    if invitee_for(actor, meeting) is None:
        raise PermissionDenied(_("You are not invited to this meeting."))
    text = require_text(text, "text")
    if item.opinions_until and timezone.localdate() > item.opinions_until:
        raise _invalid("text", _("The time for opinions on this item has passed."))
    with transaction.atomic():
        opinion = Opinion.objects.create(
            item=item, author=actor, text=text, given_at=timezone.now()
        )
        event_record(actor=actor, action=A.OPINION_GIVEN, obj=opinion, changes={"item": item.pk})
    return opinion
