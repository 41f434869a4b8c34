"""Status back-flow: when a received document moves (registered, assigned, in progress,
completed, returned), its sender learns it — inside the platform directly, outside through a
QCVN 102 status package (Decree 30/2020/NĐ-CP Appendix VI: the sender sees the status)."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from egov.documents.choices import Channel
from egov.documents.models import Document, DocumentRecipient
from egov.documents.services import recipient_status_record
from egov.exchange import rules
from egov.exchange.models import OutboundMessage
from egov.exchange.services.outbound import status_message_queue


def incoming_status_forward(
    *, document: Document, status: str, note: str = ""
) -> DocumentRecipient | OutboundMessage | None:
    """Tell the sender of ``document`` (an incoming document) that it is now at ``status``;
    runs inside the registry's transaction, so the change and the news are one."""
    if status not in rules.RECIPIENT_STATUS_CODES:
        return None
    if document.source_id:
        query = Q(unit_id=document.unit_id)
        if document.unit.agency_code:
            query |= Q(agency_code=document.unit.agency_code)
        recipient = (
            DocumentRecipient.objects.filter(query, document_id=document.source_id)
            .order_by("pk")
            .first()
        )
        if recipient is None:
            return None
        return recipient_status_record(
            recipient=recipient, status=status, note=note, at=timezone.now()
        )
    if document.channel != Channel.EDXML:
        return None
    return status_message_queue(document=document, status_code=status, note=note)
