"""Receiving: a peer posts a package; it is checked field by field, then a document package
becomes an incoming document (status arrived, acknowledged to the sender at once: Decree
30/2020/NĐ-CP art. 20) and a status package moves the recipient of a document we sent.

Idempotent: a package posted again (same Idempotency-Key, or the same bytes) gets the first
answer and changes nothing. Every refusal is kept with its reasons.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import DomainError
from egov.common.text import fold
from egov.documents.choices import Channel, Direction, RecipientStatus, Secrecy
from egov.documents.models import Document
from egov.documents.services import incoming_register, recipient_status_record
from egov.exchange import rules
from egov.exchange.choices import AuditAction, InboundState, MessageKind, OutboundState
from egov.exchange.edxml import DocumentPackage, PackageError, StatusPackage, package_parse
from egov.exchange.edxml.constants import BUSINESS_NEW
from egov.exchange.exceptions import (
    InvalidHeader,
    MessageIdReused,
    PackageInvalid,
    PackageNotAddressedHere,
    UnknownDocument,
    UnsupportedMediaType,
)
from egov.exchange.models import ExchangePeer, InboundMessage, OutboundMessage
from egov.exchange.services import conf, packaging
from egov.exchange.services.outbound import status_message_queue
from egov.orgs.choices import UnitStatus
from egov.orgs.models import OrgUnit

XML_TYPES = ("application/xml", "text/xml")
# Message ids derived from the package bytes when the sender gives none.
PACKAGE_NAMESPACE = uuid.UUID("6f0b7d0e-4a57-5c1e-9d36-0c1d2b3a4e5f")


@dataclass(frozen=True)
class Receipt:
    """The answer to a peer: the message id, what it was and whether it came before."""

    message_id: uuid.UUID
    kind: str
    state: str
    duplicate: bool


# the message row to save, the units it concerns, the documents it made or names
Accepted = tuple[InboundMessage, list[OrgUnit], list[Document]]


def _message_key(raw: str, sha256: str) -> uuid.UUID:
    if not raw.strip():
        return uuid.uuid5(PACKAGE_NAMESPACE, sha256)
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        message = _("The Idempotency-Key header must be a UUID.")
        raise InvalidHeader(message, fields={"Idempotency-Key": message}) from None


def _previous(peer: ExchangePeer, key: uuid.UUID, sha256: str) -> InboundMessage | None:
    found = (
        InboundMessage.objects.filter(peer=peer, state=InboundState.ACCEPTED)
        .filter(Q(message_id=key) | Q(sha256=sha256))
        .order_by("pk")
        .first()
    )
    if found is not None and found.message_id == key and found.sha256 != sha256:
        message = _("This message id was already used for another package.")
        raise MessageIdReused(message, fields={"Idempotency-Key": message})
    return found


def _sender_check(peer: ExchangePeer, organ_id: str) -> None:
    if organ_id != peer.agency_code and not peer.relays_for_others:
        message = _("The sender %(code)s is not the peer that posted the package.") % {
            "code": organ_id
        }
        raise PackageNotAddressedHere(message, fields={"From.OrganId": message})


def _address_mismatch(package: DocumentPackage, unit: OrgUnit) -> dict[str, str]:
    """What the package says when its recipient code is ``unit``'s but its recipient name is
    another unit's of the tree (a sender's address book out of date); else nothing. A name
    that designates no unit (an abbreviation, an older spelling) is not a mismatch."""
    given = next((r.organ_name for r in package.recipients if r.organ_id == unit.agency_code), "")
    if rules.names_the_unit(given, unit.name, unit.short_name):
        return {}
    named = (
        OrgUnit.objects.filter(search_text=fold(given), status=UnitStatus.ACTIVE)
        .exclude(pk=unit.pk)
        .order_by("depth", "pk")
        .first()
    )
    if named is None:
        return {}
    return {"code": unit.agency_code, "name": given, "named_unit": named.name}


def _document_accept(peer: ExchangePeer, package: DocumentPackage) -> Accepted:
    _sender_check(peer, package.sender.organ_id)
    if package.business_doc_type != BUSINESS_NEW:
        message = _(
            "Only new documents (BussinessDocType 0) are accepted; revocation, update "
            "and replacement are not supported."
        )
        raise PackageInvalid({"TraceHeaderList.Bussiness.BussinessDocType": message}, message)
    units = list(
        OrgUnit.objects.filter(
            agency_code__in=[r.organ_id for r in package.recipients], status=UnitStatus.ACTIVE
        ).order_by("agency_code", "pk")
    )
    units = list({unit.agency_code: unit for unit in reversed(units)}.values())
    if not units:
        message = _("No recipient of the package is a unit of this platform.")
        raise PackageNotAddressedHere(message, fields={"To": message})
    doc_type = packaging.document_type_for(package)
    if doc_type is None:
        message = _("No document type of this platform matches.")
        raise PackageInvalid({"DocumentType.TypeName": message}, message)
    fields = packaging.incoming_fields(package)
    documents = [
        incoming_register(
            actor=None,
            unit=unit,
            doc_type=doc_type,
            secrecy=Secrecy.NONE,
            channel=Channel.EDXML,
            address_mismatch=_address_mismatch(package, unit),
            **fields,
        )
        for unit in units
    ]
    message = InboundMessage(kind=MessageKind.DOCUMENT, exchange_document_id=package.document_id)
    return message, units, documents


def _status_accept(peer: ExchangePeer, package: StatusPackage) -> Accepted:
    sender = package.sender.organ_id
    _sender_check(peer, sender)
    answered = package.response_for.document_id
    message = InboundMessage(
        kind=MessageKind.STATUS,
        exchange_document_id=answered,
        status_code=package.status_code,
        reason=package.description[:2000],
    )
    # A receiver may acknowledge before our attempt has recorded its answer: pending counts.
    delivery = (
        OutboundMessage.objects.filter(
            kind=MessageKind.DOCUMENT,
            exchange_document_id=answered,
            to_agency_code=sender,
            state__in=(OutboundState.PENDING, OutboundState.SENT),
        )
        .select_related("recipient", "unit")
        .order_by("-pk")
        .first()
    )
    if delivery is not None and delivery.recipient is not None:
        if package.status_code in rules.RECIPIENT_STATUS_CODES:
            recipient_status_record(
                recipient=delivery.recipient,
                status=package.status_code,
                note=package.description,
                at=package.timestamp,
            )
        message.recipient = delivery.recipient
        return message, [delivery.unit], []
    received = list(
        Document.objects.filter(
            direction=Direction.INCOMING, exchange_document_id=answered, sender_agency_code=sender
        )
    )
    if not received or package.status_code in rules.RECIPIENT_STATUS_CODES:
        text = _("No document with this id was sent to %(code)s.") % {"code": sender}
        raise UnknownDocument(text, fields={"ResponseFor.DocumentId": text})
    # 13 (the sender withdraws) and 15/16 (answers to a change) are kept for the officers.
    return message, [d.unit for d in received], received


def _parse(data: bytes) -> DocumentPackage | StatusPackage:
    try:
        return package_parse(data, limits=conf.limits(), today=conf.today())
    except PackageError as exc:
        raise PackageInvalid(exc.errors) from exc


def _accept(
    peer: ExchangePeer,
    package: DocumentPackage | StatusPackage,
    key: uuid.UUID,
    sha256: str,
    size: int,
) -> Receipt:
    with transaction.atomic():
        ExchangePeer.objects.select_for_update().get(pk=peer.pk)  # one package of a peer at once
        previous = _previous(peer, key, sha256)
        if previous is not None:
            return Receipt(previous.message_id, previous.kind, previous.state, duplicate=True)
        accept = _document_accept if isinstance(package, DocumentPackage) else _status_accept
        message, units, documents = accept(peer, package)
        message.message_id, message.peer, message.sha256, message.size = key, peer, sha256, size
        message.from_agency_code, message.state = package.sender.organ_id, InboundState.ACCEPTED
        message.save()
        message.units.set(units)
        message.documents.set(documents)
        event_record(
            actor=None,
            action=AuditAction.INBOUND_ACCEPTED,
            obj=message,
            changes={
                "kind": message.kind,
                "from": message.from_agency_code,
                "status": message.status_code,
                "documents": [d.pk for d in documents],
                "recipient": message.recipient_id,
            },
        )
        for document in documents if message.kind == MessageKind.DOCUMENT else ():
            status_message_queue(document=document, status_code=RecipientStatus.ARRIVED)
    return Receipt(message.message_id, message.kind, message.state, duplicate=False)


def _reject_record(
    peer: ExchangePeer, key: uuid.UUID, sha256: str, size: int, error: DomainError
) -> None:
    with transaction.atomic():
        message = InboundMessage.objects.create(
            message_id=key,
            peer=peer,
            state=InboundState.REJECTED,
            reason=error.message[:2000],
            errors=error.fields,
            sha256=sha256,
            size=size,
        )
        event_record(
            actor=None,
            action=AuditAction.INBOUND_REJECTED,
            obj=message,
            changes={"code": error.code, "errors": error.fields},
        )


def inbound_message_receive(
    *, peer: ExchangePeer, data: bytes, content_type: str, message_id: str = ""
) -> Receipt:
    """Take one package posted by ``peer``. Raises a ``DomainError`` (recorded as a rejected
    message) when it cannot be accepted; a duplicate returns the first receipt."""
    sha256 = hashlib.sha256(data).hexdigest()
    key = uuid.uuid5(PACKAGE_NAMESPACE, sha256)
    try:
        key = _message_key(message_id, sha256)
        if content_type.split(";", 1)[0].strip().lower() not in XML_TYPES:
            raise UnsupportedMediaType(_("Send the package as application/xml."))
        previous = _previous(peer, key, sha256)
        if previous is not None:
            return Receipt(previous.message_id, previous.kind, previous.state, duplicate=True)
        return _accept(peer, _parse(data), key, sha256, len(data))
    except DomainError as exc:
        _reject_record(peer, key, sha256, len(data), exc)
        raise
