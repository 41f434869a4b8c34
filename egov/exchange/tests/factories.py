"""Issued documents and peers for the exchange tests (rows written directly: the registry's
own issuing path needs signing keys, which these tests do not exercise)."""

from __future__ import annotations

import datetime
import hashlib

from django.core.files.base import ContentFile

from egov.common.text import fold
from egov.documents.choices import (
    Direction,
    DocumentStatus,
    FileKind,
    NumberSeries,
    Secrecy,
    SigningAuthority,
    Urgency,
)
from egov.documents.models import Document, DocumentFile, DocumentType
from egov.exchange.edxml import document_id_compose
from egov.exchange.models import ExchangePeer
from egov.exchange.services import peer_token_issue
from egov.exchange.tests.samples import PDF
from egov.orgs.models import OrgUnit

ISSUED_ON = datetime.date(2026, 11, 20)


def issued_document(
    *,
    unit: OrgUnit,
    number: int = 12,
    notation: str = "UBND-VP",
    type_code: str = "cong-van",
    secrecy: str = Secrecy.NONE,
    urgency: str = Urgency.URGENT,
    subject: str = "V/v báo cáo tình hình gửi, nhận văn bản điện tử",
) -> Document:
    """An outgoing document issued by ``unit`` with its signed PDF and one attachment."""
    number_notation = f"{number}/{notation}"
    document = Document.objects.create(
        direction=Direction.OUTGOING,
        status=DocumentStatus.ISSUED,
        doc_type=DocumentType.objects.get(code=type_code),
        unit=unit,
        number=number,
        notation=notation,
        number_notation=number_notation,
        year=ISSUED_ON.year,
        series=NumberSeries.SECRET if secrecy != Secrecy.NONE else NumberSeries.GENERAL,
        issued_on=ISSUED_ON,
        place="Hà Nội",
        subject=subject,
        body="Đề nghị các đơn vị báo cáo trước ngày 30/11/2026.",
        recipients_text="Như trên;\nLưu: VT, VP.",
        signer_name="Nguyễn Văn A",
        signer_position="Chủ tịch",
        signing_authority=SigningAuthority.ON_BEHALF,
        urgency=urgency,
        secrecy=secrecy,
        due_on=datetime.date(2026, 11, 30),
        exchange_document_id=document_id_compose(unit.agency_code, ISSUED_ON, number_notation)
        if unit.agency_code
        else "",
        search_text=fold(subject),
    )
    for kind, name, content in (
        (FileKind.SIGNED, "12-UBND-VP.pdf", PDF),
        (FileKind.ATTACHMENT, "phu-luc.pdf", PDF + b"% phu luc\n"),
    ):
        stored = DocumentFile(
            document=document,
            kind=kind,
            name=name,
            content_type="application/pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        stored.file.save(name, ContentFile(content), save=True)
    return document


def peer(
    *,
    agency_code: str,
    name: str,
    endpoint_url: str = "https://peer.example.vn/messages",
    **fields: object,
) -> tuple[ExchangePeer, str]:
    """A peer and the token it presents to us."""
    row = ExchangePeer.objects.create(
        agency_code=agency_code, name=name, endpoint_url=endpoint_url, **fields
    )
    issued = peer_token_issue(actor=None, peer=row)
    return issued.peer, issued.secret
