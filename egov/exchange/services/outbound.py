"""Sending: every recipient of a sent document gets its delivery (inside the platform, or a
package queued for a peer), and every status of a received document goes back to its sender.

Decree 30/2020/NĐ-CP art. 20 (acknowledge receipt the same day) and Appendix VI (the sender
sees the receiver's processing status); QCVN 102:2016 for the packages.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import DomainError
from egov.documents.choices import Direction, RecipientStatus
from egov.documents.models import Document, DocumentRecipient
from egov.documents.services import recipient_status_record
from egov.exchange.choices import AuditAction, MessageKind, OutboundState
from egov.exchange.edxml import (
    Organization,
    document_package_build,
    is_agency_code,
    status_package_build,
)
from egov.exchange.models import ExchangePeer, OutboundMessage
from egov.exchange.services import packaging
from egov.exchange.services.peers import peer_for_agency
from egov.exchange.services.platform import platform_deliver
from egov.exchange.services.transport import peer_problem
from egov.orgs.choices import UnitStatus
from egov.orgs.models import OrgUnit

logger = logging.getLogger(__name__)


def enqueue_delivery(message_pk: int, *, when: datetime.datetime | None = None) -> None:
    """After commit, run the delivery job now, or at ``when`` on a backend that can wait (the
    periodic ``outbound_retry_due`` job catches what another backend cannot defer)."""
    from egov.exchange.tasks import outbound_message_send

    def enqueue() -> None:
        if when is None:
            outbound_message_send.enqueue(message_pk)
        elif outbound_message_send.get_backend().supports_defer:
            outbound_message_send.using(run_after=when).enqueue(message_pk)

    transaction.on_commit(enqueue)


def _route(recipient: DocumentRecipient) -> tuple[OrgUnit | None, ExchangePeer | None]:
    """A unit of the platform, else the peer that reaches the agency code. An agency with a peer
    of its own is reached through it even when a unit here carries the same code."""
    if recipient.unit_id:
        return recipient.unit, None
    code = recipient.agency_code
    own = ExchangePeer.objects.filter(agency_code=code, is_active=True).first()
    if own is not None and not own.is_inside_platform:
        return None, own
    unit = (
        OrgUnit.objects.filter(agency_code=code, status=UnitStatus.ACTIVE).order_by("pk").first()
        if code
        else None
    )
    if unit is not None:
        return unit, None
    return None, peer_for_agency(code) if code else None


def _problem(document: Document, code: str, peer: ExchangePeer | None) -> str:
    if document.is_secret:
        return _(
            "Secret documents are not sent by electronic exchange (Law on Protection of "
            "State Secrets 29/2018/QH14)."
        )
    if not is_agency_code(document.unit.agency_code):
        return _("%(unit)s has no identifier code in the QCVN 102 form.") % {
            "unit": document.unit.name
        }
    if not is_agency_code(code):
        return _("The recipient's identifier code “%(code)s” is not in the QCVN 102 form.") % {
            "code": code
        }
    return peer_problem(peer)


def _is_withdrawal(message: OutboundMessage) -> bool:
    """A status 13 about a document we issued (not a status of a document we received)."""
    return (
        message.status_code == RecipientStatus.WITHDRAWN
        and message.document.direction == Direction.OUTGOING
    )


def message_prepare(message: OutboundMessage, now: datetime.datetime) -> str:
    """Route and build the package of ``message`` (again, for a retry after the configuration
    was fixed). Returns what still prevents sending it, or ""; the caller saves."""
    document = message.document
    peer = (
        message.peer
        if message.peer_id and message.peer.is_active
        else peer_for_agency(message.to_agency_code)
    )
    if message.kind == MessageKind.DOCUMENT:
        problem = _problem(document, message.to_agency_code, peer)
    else:
        problem = peer_problem(peer) or _problem(document, message.to_agency_code, peer)
    data = b""
    if not problem and message.kind == MessageKind.DOCUMENT:
        name = message.recipient.name[:200] if message.recipient_id else ""
        package = packaging.document_package_for(
            document=document, recipient=Organization(message.to_agency_code, name), now=now
        )
        data, message.exchange_document_id = document_package_build(package), package.document_id
    elif not problem and _is_withdrawal(message):
        data = status_package_build(
            packaging.withdrawal_package_for(
                document=document,
                document_id=message.exchange_document_id,
                note=message.note,
                now=now,
            )
        )
    elif not problem:
        data = status_package_build(
            packaging.status_package_for(
                document=document, status_code=message.status_code, note=message.note, now=now
            )
        )
    message.peer, message.payload = peer, data.decode("utf-8")
    message.sha256 = hashlib.sha256(data).hexdigest() if data else ""
    return problem


# What was queued, and the audit action that records it.
_QUEUED_AUDIT = {
    MessageKind.DOCUMENT: AuditAction.DOCUMENT_QUEUED,
    MessageKind.STATUS: AuditAction.STATUS_QUEUED,
}


def _queue(message: OutboundMessage, now: datetime.datetime) -> OutboundMessage:
    problem = message_prepare(message, now)
    message.state = OutboundState.FAILED if problem else OutboundState.PENDING
    message.next_attempt_at, message.last_error = (None if problem else now), problem
    message.save()
    event_record(
        actor=None,
        action=_QUEUED_AUDIT[message.kind],
        obj=message,
        changes={
            "document": message.document_id,
            "to": message.to_agency_code,
            "status": message.status_code,
            "state": message.state,
            "error": problem,
        },
    )
    if problem and message.recipient_id:
        recipient_status_record(
            recipient=message.recipient, status=RecipientStatus.FAILED, note=problem, at=now
        )
    elif not problem:
        enqueue_delivery(message.pk)
    return message


def _dispatch_one(document: Document, recipient: DocumentRecipient) -> OutboundMessage | None:
    with transaction.atomic():
        if OutboundMessage.objects.filter(kind=MessageKind.DOCUMENT, recipient=recipient).exists():
            return None  # delivered or queued before: a repeated signal sends nothing twice
        now = timezone.now()
        unit, peer = _route(recipient)
        if unit is not None:
            return platform_deliver(document=document, recipient=recipient, unit=unit, now=now)
        return _queue(
            OutboundMessage(
                kind=MessageKind.DOCUMENT,
                unit=document.unit,
                document=document,
                recipient=recipient,
                peer=peer,
                to_agency_code=recipient.agency_code,
                exchange_document_id=document.exchange_document_id,
            ),
            now,
        )


def _dispatch_failed(recipient: DocumentRecipient, error: DomainError) -> None:
    logger.warning(
        "exchange.dispatch_failed", extra={"recipient": recipient.pk, "error": error.message}
    )
    with transaction.atomic():
        recipient_status_record(
            recipient=recipient,
            status=RecipientStatus.FAILED,
            note=error.message[:2000],
            at=timezone.now(),
        )
        event_record(
            actor=None,
            action=AuditAction.DISPATCH_FAILED,
            obj=recipient.document,
            changes={
                "recipient": recipient.name,
                "error": error.message[:500],
                "fields": error.fields,
            },
        )


def document_dispatch(
    *, document: Document, recipients: Iterable[DocumentRecipient]
) -> list[OutboundMessage]:
    """Deliver a sent document to each recipient waiting for it, one transaction each, so one
    recipient's problem (recorded as its FAILED status) does not hold back the others."""
    document = Document.objects.select_related(
        "unit", "unit__parent", "doc_type", "drafting_unit"
    ).get(pk=document.pk)
    messages = []
    for recipient in recipients:
        try:
            message = _dispatch_one(document, recipient)
        except DomainError as exc:
            _dispatch_failed(recipient, exc)
            continue
        if message is not None:
            messages.append(message)
    return messages


def status_message_queue(
    *, document: Document, status_code: str, note: str = ""
) -> OutboundMessage | None:
    """Queue the status of a document received by edXML for its sender, once per status code
    (inside the caller's transaction). None when the document did not come by exchange."""
    code = document.sender_agency_code
    if not document.exchange_document_id or not is_agency_code(code):
        return None
    existing = OutboundMessage.objects.filter(
        kind=MessageKind.STATUS, document=document, status_code=status_code, to_agency_code=code
    )
    if existing.exists():
        return None
    return _queue(
        OutboundMessage(
            kind=MessageKind.STATUS,
            unit=document.unit,
            document=document,
            to_agency_code=code,
            exchange_document_id=document.exchange_document_id,
            status_code=status_code,
            note=(note or "")[:2000],
        ),
        timezone.now(),
    )


def _undelivered_cancel(document: Document, reason: str) -> None:
    """Packages of a recalled document not delivered yet (waiting for an attempt, refused or
    given up) are never sent: cancelled, each in the audit trail. A package already on the
    wire when the recall commits is caught when its attempt is recorded (``delivery``)."""
    undelivered = OutboundMessage.objects.select_for_update().filter(
        kind=MessageKind.DOCUMENT,
        document=document,
        state__in=(OutboundState.PENDING, OutboundState.FAILED, OutboundState.GIVEN_UP),
    )
    for message in undelivered.order_by("pk"):
        before = message.state
        message.state, message.next_attempt_at = OutboundState.CANCELLED, None
        message.save(update_fields=["state", "next_attempt_at"])
        event_record(
            actor=None,
            action=AuditAction.OUTBOUND_CANCELLED,
            obj=message,
            changes={"state": [before, message.state], "reason": (reason or "")[:300]},
        )


def withdrawal_messages_queue(*, document: Document, reason: str) -> list[OutboundMessage]:
    """A recalled document: packages not delivered yet are cancelled, and every agency
    outside the platform that the package reached gets status 13 (withdrawn by the sender)
    with the reason, once per agency (the unique status row per document, code and agency
    makes a repeated recall signal send nothing twice). Inside the caller's transaction;
    delivery runs as the exchange's job after commit."""
    _undelivered_cancel(document, reason)
    delivered = (
        OutboundMessage.objects.filter(
            kind=MessageKind.DOCUMENT, document=document, state=OutboundState.SENT
        )
        .exclude(peer=None)
        .order_by("pk")
    )
    queued = []
    now = timezone.now()
    for sent in delivered:
        if OutboundMessage.objects.filter(
            kind=MessageKind.STATUS,
            document=document,
            status_code=RecipientStatus.WITHDRAWN,
            to_agency_code=sent.to_agency_code,
        ).exists():
            continue
        queued.append(
            _queue(
                OutboundMessage(
                    kind=MessageKind.STATUS,
                    unit=document.unit,
                    document=document,
                    peer=sent.peer,
                    to_agency_code=sent.to_agency_code,
                    exchange_document_id=sent.exchange_document_id,
                    status_code=RecipientStatus.WITHDRAWN,
                    note=(reason or "")[:2000],
                ),
                now,
            )
        )
    return queued
