"""Receivers of the document registry's signals (connected in ``ExchangeConfig.ready``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from egov.documents.models import Document, DocumentRecipient


def on_document_sent(
    sender: Any, *, document: Document, recipients: Sequence[DocumentRecipient], **kwargs: Any
) -> None:
    """Deliver a sent document once the sending is committed."""
    from egov.exchange.services import document_dispatch

    pks = [r.pk for r in recipients]

    def deliver() -> None:
        rows = list(DocumentRecipient.objects.filter(pk__in=pks).select_related("unit"))
        document_dispatch(document=document, recipients=rows)

    transaction.on_commit(deliver)


def on_incoming_status_changed(
    sender: Any, *, document: Document, status: str, note: str = "", **kwargs: Any
) -> None:
    """Tell the sender where a received document stands, in the registry's transaction."""
    from egov.exchange.services import incoming_status_forward

    incoming_status_forward(document=document, status=status, note=note)


def on_document_recalled(sender: Any, *, document: Document, reason: str, **kwargs: Any) -> None:
    """Tell the agencies outside the platform that got a recalled document (status 13)."""
    from egov.exchange.services import withdrawal_messages_queue

    withdrawal_messages_queue(document=document, reason=reason)


def connect() -> None:
    from egov.documents import signals

    signals.document_sent.connect(on_document_sent, dispatch_uid="exchange.document_sent")
    signals.incoming_status_changed.connect(
        on_incoming_status_changed, dispatch_uid="exchange.incoming_status_changed"
    )
    signals.document_recalled.connect(
        on_document_recalled, dispatch_uid="exchange.document_recalled"
    )
