"""Delivery to a unit of this platform: the same package a peer would get is built and read back
with the parser of the HTTP endpoint, then registered as an incoming document of the unit."""

from __future__ import annotations

import datetime
import hashlib

from egov.audit.services import event_record
from egov.documents.choices import Channel, FileKind, RecipientStatus
from egov.documents.models import Document, DocumentRecipient
from egov.documents.services import FileIn, incoming_register, recipient_status_record
from egov.exchange.choices import AuditAction, MessageKind, OutboundState
from egov.exchange.edxml import (
    PackageError,
    document_package_build,
    is_agency_code,
    package_parse,
)
from egov.exchange.exceptions import PackageInvalid
from egov.exchange.models import OutboundMessage
from egov.exchange.services import conf, packaging
from egov.orgs.models import OrgUnit


def _direct_fields(document: Document) -> dict[str, object]:
    """Without identifier codes no QCVN 102 package can be written: the registry gets the
    document's own values (units of the platform are not required to have a code)."""
    files = [
        FileIn(
            name=f.name, content=packaging.file_bytes(f), content_type=f.content_type, kind=f.kind
        )
        for f in document.files.filter(kind__in=[FileKind.SIGNED, FileKind.ATTACHMENT])
    ]
    return {
        "number_notation": document.number_notation,
        "issued_on": document.issued_on,
        "subject": document.subject,
        "sender_name": document.unit.name,
        "sender_agency_code": document.unit.agency_code,
        "urgency": document.urgency,
        "due_on": document.due_on,
        "exchange_document_id": document.exchange_document_id,
        "signer_name": document.signer_name,
        "signer_position": document.signer_position,
        "body": document.body,
        "files": files,
    }


def _package_fields(
    document: Document, unit: OrgUnit, now: datetime.datetime
) -> tuple[bytes, dict[str, object]]:
    if not (is_agency_code(document.unit.agency_code) and is_agency_code(unit.agency_code)):
        return b"", _direct_fields(document)
    package = packaging.document_package_for(
        document=document, recipient=packaging.organization_of(unit), now=now
    )
    data = document_package_build(package)
    try:
        parsed = package_parse(data, limits=conf.limits(), today=conf.today())
    except PackageError as exc:
        raise PackageInvalid(exc.errors) from exc
    return data, packaging.incoming_fields(parsed)


def platform_deliver(
    *, document: Document, recipient: DocumentRecipient, unit: OrgUnit, now: datetime.datetime
) -> OutboundMessage:
    """Register the document at ``unit`` (arrival number, status arrived) inside the caller's
    transaction and record the delivery; ``incoming_register`` is idempotent on the document
    id, so a repeated delivery keeps one incoming document."""
    data, fields = _package_fields(document, unit, now)
    channel = (
        recipient.channel
        if recipient.channel in (Channel.PLATFORM, Channel.EDXML)
        else Channel.PLATFORM
    )
    received = incoming_register(
        actor=None,
        unit=unit,
        doc_type=document.doc_type,
        secrecy=document.secrecy,
        sender_unit=document.unit,
        channel=channel,
        source=document,
        **fields,
    )
    recipient_status_record(recipient=recipient, status=RecipientStatus.ARRIVED, note="", at=now)
    message = OutboundMessage.objects.create(
        kind=MessageKind.DOCUMENT,
        unit=document.unit,
        document=document,
        recipient=recipient,
        to_agency_code=unit.agency_code,
        exchange_document_id=str(fields["exchange_document_id"]),
        payload=data.decode("utf-8"),
        sha256=hashlib.sha256(data).hexdigest() if data else "",
        state=OutboundState.SENT,
        attempts=1,
        sent_at=now,
    )
    event_record(
        actor=None,
        action=AuditAction.DELIVERED_IN_PLATFORM,
        obj=message,
        changes={
            "document": document.pk,
            "unit": unit.pk,
            "received": received.pk,
            "package": bool(data),
        },
    )
    return message
