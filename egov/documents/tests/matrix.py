"""URL arguments of the registry's object routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): a draft of the scoped unit (drafted there, in
its register), with one file."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile

from egov.documents.choices import Direction, DocumentStatus, FileKind
from egov.documents.models import Document, DocumentFile, DocumentType
from egov.orgs.models import OrgUnit

PDF = b"%PDF-1.4\n%%EOF\n"


def document_of(unit: OrgUnit) -> Document:
    """An outgoing draft of ``unit`` (register and drafting unit), not secret."""
    return Document.objects.create(
        direction=Direction.OUTGOING,
        status=DocumentStatus.DRAFT,
        doc_type=DocumentType.objects.get(code="cong-van"),
        unit=unit,
        drafting_unit=unit,
        subject="V/v kiểm tra quyền truy cập",
        search_text="v v kiem tra quyen truy cap",
    )


def _file_of(unit: OrgUnit) -> dict[str, object]:
    document = document_of(unit)
    stored = DocumentFile(
        document=document,
        kind=FileKind.ATTACHMENT,
        name="phu-luc.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
    )
    stored.file.save("phu-luc.pdf", ContentFile(PDF), save=True)
    return {"pk": document.pk, "file_id": stored.pk}


DOCUMENT_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "documents:document-detail": lambda unit: {"pk": document_of(unit).pk},
    "documents:document-edit": lambda unit: {"pk": document_of(unit).pk},
    "documents:document-action": lambda unit: {"pk": document_of(unit).pk, "action": "submit"},
    "documents:document-file": _file_of,
    "api:document_get": lambda unit: {"document_id": document_of(unit).pk},
}
