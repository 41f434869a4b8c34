"""URL arguments of the registry's object routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): a draft of the scoped unit (drafted there, in
its register), with one file."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.files.base import ContentFile

from egov.documents.choices import Direction, DocumentStatus, FileKind
from egov.documents.models import (
    Document,
    DocumentFile,
    DocumentType,
    FileList,
    FileListEntry,
    WorkFile,
)
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


def _file_list_of(unit: OrgUnit) -> FileList:
    return FileList.objects.get_or_create(unit=unit, year=2026)[0]


def _work_file_of(unit: OrgUnit) -> WorkFile:
    """An open work file kept by ``unit`` (the unit of its list too)."""
    entry = FileListEntry.objects.create(
        file_list=_file_list_of(unit),
        heading="Kiểm tra",
        notation=f"KT-{FileListEntry.objects.count() + 1}",
        title="Hồ sơ kiểm tra quyền truy cập",
        handling_unit=unit,
    )
    return WorkFile.objects.create(
        unit=unit,
        handling_unit=unit,
        entry=entry,
        code=f"U{unit.pk}.2026.{entry.notation}",
        year=2026,
        notation=entry.notation,
        title=entry.title,
        opened_on=datetime.date(2026, 3, 1),
    )


DOCUMENT_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "documents:document-detail": lambda unit: {"pk": document_of(unit).pk},
    "documents:document-edit": lambda unit: {"pk": document_of(unit).pk},
    "documents:document-action": lambda unit: {"pk": document_of(unit).pk, "action": "submit"},
    "documents:document-file": _file_of,
    "api:document_get": lambda unit: {"document_id": document_of(unit).pk},
    "documents:file-list": lambda unit: {"pk": _file_list_of(unit).pk},
    "documents:file-list-action": lambda unit: {"pk": _file_list_of(unit).pk, "action": "approve"},
    "documents:work-file": lambda unit: {"pk": _work_file_of(unit).pk},
    "documents:work-file-action": lambda unit: {"pk": _work_file_of(unit).pk, "action": "close"},
    "documents:work-file-export": lambda unit: {"pk": _work_file_of(unit).pk, "kind": "pdf"},
}
