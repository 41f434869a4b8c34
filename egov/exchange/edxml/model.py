"""The content of edXML packages as plain frozen dataclasses: what the builder writes and the
parser returns. No ORM here: ``egov.exchange.services`` maps documents to and from these."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Organization:
    """``From`` / ``To``: an agency by its identifier code (mã định danh) and contact details."""

    organ_id: str
    organ_name: str = ""
    organization_in_charge: str = ""
    organ_add: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True)
class StaffInfo:
    department: str = ""
    staff: str = ""
    mobile: str = ""
    email: str = ""


@dataclass(frozen=True)
class ResponseFor:
    """The document a package answers (a reply document, or a status message)."""

    organ_id: str
    code: str
    promulgation_date: datetime.date | None
    document_id: str


@dataclass(frozen=True)
class Trace:
    """One hop of ``TraceHeaderList``: the agency that handled the package and when."""

    organ_id: str
    timestamp: datetime.datetime


@dataclass(frozen=True)
class Attachment:
    """A file carried base64-encoded in ``AttachmentEncoded``, referenced by the manifest."""

    content_id: str
    name: str
    content_type: str
    content: bytes
    description: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class DocumentPackage:
    """A document package (edXML ``MessageHeader`` + trace + attachments)."""

    sender: Organization
    recipients: tuple[Organization, ...]
    code_number: str
    code_notation: str
    promulgation_date: datetime.date
    type: int
    type_name: str
    subject: str
    document_id: str
    place: str = ""
    content: str = ""
    competence: str = ""
    signer_position: str = ""
    signer_name: str = ""
    due_date: datetime.date | None = None
    to_places: tuple[str, ...] = ()
    priority: int = 0
    sphere_of_promulgation: str = ""
    typer_notation: str = ""
    promulgation_amount: int | None = None
    page_amount: int | None = None
    appendixes: tuple[str, ...] = ()
    response_for: tuple[ResponseFor, ...] = ()
    steering_type: int | None = None
    traces: tuple[Trace, ...] = ()
    business_doc_type: int = 0
    business_doc_reason: str = ""
    staff: StaffInfo | None = None
    paper: int | None = None
    attachments: tuple[Attachment, ...] = field(default=())

    @property
    def number_notation(self) -> str:
        """Số, ký hiệu as printed: "1738/QĐ-UBND"."""
        return (
            f"{self.code_number}/{self.code_notation}" if self.code_number else self.code_notation
        )


@dataclass(frozen=True)
class StatusPackage:
    """A status package: where a document stands at the agency that received it (§3.3)."""

    response_for: ResponseFor
    sender: Organization
    status_code: str
    timestamp: datetime.datetime
    description: str = ""
    staff: StaffInfo | None = None
    traces: tuple[Trace, ...] = ()


Package = DocumentPackage | StatusPackage
