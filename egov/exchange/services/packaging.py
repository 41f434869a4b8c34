"""From documents to edXML packages and back: what each field of QCVN 102 carries."""

from __future__ import annotations

import datetime
import uuid

from egov.documents.choices import FileKind, LinkKind, RecipientStatus
from egov.documents.models import Document, DocumentFile, DocumentLink, DocumentType
from egov.documents.services import FileIn
from egov.exchange import rules
from egov.exchange.edxml import (
    Attachment,
    DocumentPackage,
    Organization,
    ResponseFor,
    StaffInfo,
    StatusPackage,
    Trace,
    document_id_compose,
)
from egov.exchange.edxml.constants import MAX_LENGTH
from egov.orgs.models import OrgUnit

# Descriptions of the parts, as they travel (data of the exchange, not interface text).
SIGNED_DESCRIPTION = "Văn bản điện tử ký số"
ATTACHMENT_DESCRIPTION = "Tài liệu kèm theo"
PDF = "application/pdf"


def _cut(value: str, limit: str) -> str:
    return (value or "").strip()[: MAX_LENGTH[limit]]


def organization_of(unit: OrgUnit) -> Organization:
    parent = unit.parent.name if unit.parent_id else ""
    return Organization(
        organ_id=unit.agency_code,
        organ_name=_cut(unit.name, "OrganName"),
        organization_in_charge=_cut(parent, "OrganizationInCharge"),
    )


def file_bytes(item: DocumentFile) -> bytes:
    with item.file.open("rb") as handle:
        return handle.read()


def _attachments(document: Document) -> tuple[Attachment, ...]:
    files = sorted(
        document.files.filter(kind__in=[FileKind.SIGNED, FileKind.ATTACHMENT]),
        key=lambda f: (f.kind != FileKind.SIGNED, f.uploaded_at, f.pk),
    )
    return tuple(
        Attachment(
            content_id=str(uuid.uuid4()),
            name=_cut(f.name, "AttachmentName"),
            content_type=f.content_type,
            content=file_bytes(f),
            description=SIGNED_DESCRIPTION if f.kind == FileKind.SIGNED else ATTACHMENT_DESCRIPTION,
        )
        for f in files
    )


def _answers(document: Document) -> tuple[ResponseFor, ...]:
    links = (
        DocumentLink.objects.filter(source=document, kind=LinkKind.ANSWERS)
        .select_related("target")
        .exclude(target__exchange_document_id="")
    )
    return tuple(
        ResponseFor(
            organ_id=link.target.sender_agency_code
            or link.target.exchange_document_id.split(",", 1)[0],
            code=link.target.number_notation,
            promulgation_date=link.target.issued_on,
            document_id=link.target.exchange_document_id,
        )
        for link in links
    )


def document_package_for(
    *, document: Document, recipient: Organization, now: datetime.datetime
) -> DocumentPackage:
    """The package of an issued document for one recipient (one ``To`` per package, so each
    recipient's delivery and status are followed on their own)."""
    sender = organization_of(document.unit)
    places = tuple(
        _cut(line, "ToPlace") for line in document.recipients_text.splitlines() if line.strip()
    )
    attachments = _attachments(document)
    return DocumentPackage(
        sender=sender,
        recipients=(recipient,),
        code_number=str(document.number or ""),
        code_notation=document.notation,
        promulgation_date=document.issued_on,
        type=rules.document_type_number(is_legal_normative=document.doc_type.is_legal_normative),
        type_name=_cut(document.doc_type.name, "TypeName"),
        subject=_cut(document.subject, "Subject"),
        document_id=document.exchange_document_id
        or document_id_compose(sender.organ_id, document.issued_on, document.number_notation),
        place=_cut(document.place, "Place"),
        content=_cut(document.body, "Content"),
        competence=_cut(document.signing_authority, "Competence"),
        signer_position=_cut(document.signer_position, "Position"),
        signer_name=_cut(document.signer_name, "FullName"),
        due_date=document.due_on,
        to_places=places,
        priority=rules.priority_of(document.urgency),
        typer_notation=_cut(
            document.drafting_unit.short_name if document.drafting_unit_id else "", "TyperNotation"
        ),
        promulgation_amount=document.recipients.count(),
        appendixes=tuple(a.name for a in attachments if a.description == ATTACHMENT_DESCRIPTION),
        response_for=_answers(document),
        steering_type=rules.steering_type(assigns_tasks=document.doc_type.assigns_tasks),
        traces=(Trace(sender.organ_id, now),),
        staff=StaffInfo(
            department=_cut(
                document.drafting_unit.name if document.drafting_unit_id else document.unit.name,
                "Department",
            )
        ),
        paper=0,
        attachments=attachments,
    )


def files_of(package: DocumentPackage) -> list[FileIn]:
    """The package's files for the registry: the first PDF is the signed original."""
    files, signed_found = [], False
    for attachment in package.attachments:
        is_signed = not signed_found and attachment.content_type == PDF
        signed_found = signed_found or is_signed
        files.append(
            FileIn(
                name=attachment.name,
                content=attachment.content,
                content_type=attachment.content_type,
                kind=FileKind.SIGNED if is_signed else FileKind.ATTACHMENT,
            )
        )
    return files


def document_type_for(package: DocumentPackage) -> DocumentType | None:
    rows = DocumentType.objects.values_list("pk", "name", "abbreviation", "decree_number")
    pk = rules.document_type_match(package.type_name, package.type, package.code_notation, rows)
    return DocumentType.objects.filter(pk=pk).first() if pk else None


def incoming_fields(package: DocumentPackage) -> dict[str, object]:
    """The arguments of ``incoming_register`` that come from the package."""
    return {
        "number_notation": package.number_notation,
        "issued_on": package.promulgation_date,
        "subject": package.subject,
        "sender_name": package.sender.organ_name or package.sender.organ_id,
        "sender_agency_code": package.sender.organ_id,
        "urgency": rules.urgency_of(package.priority),
        "due_on": package.due_date,
        "exchange_document_id": package.document_id,
        "signer_name": package.signer_name,
        "signer_position": package.signer_position,
        "body": package.content,
        "files": files_of(package),
    }


def status_package_for(
    *, document: Document, status_code: str, note: str, now: datetime.datetime
) -> StatusPackage:
    """The status of a received document for its sender (QCVN 102 §3.3)."""
    sender = organization_of(document.unit)
    return StatusPackage(
        response_for=ResponseFor(
            organ_id=document.sender_agency_code,
            code=document.number_notation,
            promulgation_date=document.issued_on,
            document_id=document.exchange_document_id,
        ),
        sender=sender,
        status_code=status_code,
        timestamp=now,
        description=(note or "").strip()[: MAX_LENGTH["Description"]],
        staff=StaffInfo(department=_cut(document.unit.name, "Department")),
        traces=(Trace(sender.organ_id, now),),
    )


def withdrawal_package_for(
    *, document: Document, document_id: str, note: str, now: datetime.datetime
) -> StatusPackage:
    """Status 13 (the sender withdraws) about a document we issued and sent, for an agency that
    received it (QCVN 102 §3.3): it answers our own package, so ``ResponseFor`` names us."""
    sender = organization_of(document.unit)
    return StatusPackage(
        response_for=ResponseFor(
            organ_id=sender.organ_id,
            code=document.number_notation,
            promulgation_date=document.issued_on,
            document_id=document_id,
        ),
        sender=sender,
        status_code=RecipientStatus.WITHDRAWN,
        timestamp=now,
        description=(note or "").strip()[: MAX_LENGTH["Description"]],
        staff=StaffInfo(department=_cut(document.unit.name, "Department")),
        traces=(Trace(sender.organ_id, now),),
    )
