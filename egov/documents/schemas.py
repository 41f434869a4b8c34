"""Shapes of the registry API. They check the shape of the input; selectors do the rest.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

import datetime

from django.urls import reverse
from ninja import Schema
from pydantic import Field

from egov.common.api_types import ZonedDatetime
from egov.documents.choices import Direction, DocumentStatus
from egov.documents.models import Document, DocumentFile


class DocumentFilter(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Words of the number, summary, text, sender or signer; accents are optional.",
    )
    direction: Direction | None = None
    status: DocumentStatus | None = None
    doc_type: str = Field("", max_length=40, description="Type code, e.g. quyet-dinh.")
    unit: int | None = Field(None, description="Register or drafting unit id.")
    signer: str = Field("", max_length=50)
    date_from: datetime.date | None = Field(None, description="Issued on or after.")
    date_to: datetime.date | None = Field(None, description="Issued on or before.")


class UnitRefOut(Schema):
    id: int
    name: str


class DocumentSummaryOut(Schema):
    id: int
    direction: str
    status: str
    doc_type: str = Field(alias="doc_type.code")
    number_notation: str
    issued_on: datetime.date | None
    subject: str
    unit: UnitRefOut
    sender_name: str
    arrival_number: int | None
    urgency: str
    secrecy: str


class FileOut(Schema):
    id: int
    name: str
    kind: str
    content_type: str
    size: int
    sha256: str
    url: str

    @staticmethod
    def resolve_url(obj: DocumentFile) -> str:
        return reverse("documents:document-file", args=[obj.document_id, obj.pk])


class RecipientOut(Schema):
    name: str
    unit_id: int | None
    agency_code: str
    channel: str
    status: str
    status_note: str
    status_at: ZonedDatetime | None


class AssignmentOut(Schema):
    unit: UnitRefOut
    person: str | None = Field(None, alias="person.full_name")
    role: str
    due_on: datetime.date | None
    note: str
    completed_at: ZonedDatetime | None


class DocumentOut(DocumentSummaryOut):
    notation: str
    number: int | None
    year: int | None
    drafting_unit: UnitRefOut | None
    body: str
    signer_name: str
    signer_position: str
    signing_authority: str
    due_on: datetime.date | None
    sender_agency_code: str
    arrived_at: ZonedDatetime | None
    channel: str
    exchange_document_id: str
    version: int
    files: list[FileOut]
    recipients: list[RecipientOut]
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_files(obj: Document) -> list[DocumentFile]:
        return list(obj.files.all())

    @staticmethod
    def resolve_recipients(obj: Document) -> list[object]:
        return list(obj.recipients.all())

    @staticmethod
    def resolve_assignments(obj: Document) -> list[object]:
        return list(obj.assignments.select_related("unit", "person"))
