"""Files of documents: what a caller hands in (:class:`FileIn`) and how it is checked and
stored (type from the first bytes, size limit, SHA-256 kept so any later change shows).

Accepted: PDF, the Office Open XML / OpenDocument formats (ZIP containers: .docx, .xlsx, .odt),
JPEG and PNG. The name and the declared content type are never trusted for the type. PDFs with
scripts, launch actions or embedded files are refused. Settings are read at each call.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.documents.choices import FileKind
from egov.documents.exceptions import DocumentFileRefused
from egov.documents.models import Document, DocumentFile

MEGABYTE = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MEGABYTE
MAX_FILES = 20
PDF = "application/pdf"
ZIP_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
}
SIGNATURES = (
    (b"%PDF-", PDF, "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
# ISO 32000-1 §12.6.4 (JavaScript, launch actions) and §7.11.4 (embedded files).
PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/Launch", b"/EmbeddedFile")


@dataclass(frozen=True)
class FileIn:
    """A file given to a service: its display name, bytes, declared type and kind."""

    name: str
    content: bytes
    content_type: str = ""
    kind: str = FileKind.ATTACHMENT


def _refuse(message: str, code: str) -> DocumentFileRefused:
    return DocumentFileRefused(message, code=code, fields={"files": message})


def _sniff(name: str, content: bytes) -> tuple[str, str]:
    """(content type, extension) from the bytes; a ZIP container keeps the extension of its
    name when it is one of the accepted office formats."""
    for signature, content_type, extension in SIGNATURES:
        if content.startswith(signature):
            return content_type, extension
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if content.startswith(b"PK\x03\x04") and suffix in ZIP_TYPES:
        return ZIP_TYPES[suffix], suffix
    raise _refuse(
        _("Only PDF, Word/Excel/OpenDocument, JPEG and PNG files are accepted."),
        "file_type_refused",
    )


def file_check(item: FileIn) -> tuple[str, str]:
    """Check one file; returns its sniffed (content type, extension) or raises
    :class:`DocumentFileRefused` with the message to show."""
    limit = int(getattr(settings, "EGOV_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))
    if item.kind not in FileKind.values:
        raise _refuse(_("Unknown kind of file."), "file_kind_refused")
    if not item.content:
        raise _refuse(_("The file is empty."), "file_empty")
    if len(item.content) > limit:
        raise _refuse(
            _("The file is larger than %(size)s MB.") % {"size": f"{limit / MEGABYTE:g}"},
            "file_too_big",
        )
    found = _sniff(item.name, item.content)
    if found[0] == PDF and any(token in item.content for token in PDF_ACTIVE_CONTENT):
        raise _refuse(
            _("PDF files with scripts or embedded files are not accepted."), "file_active_content"
        )
    return found


def files_check(files: Sequence[FileIn]) -> None:
    """Check every file before anything is written."""
    if len(files) > MAX_FILES:
        raise _refuse(
            _("At most %(count)s files at a time.") % {"count": MAX_FILES}, "too_many_files"
        )
    for item in files:
        file_check(item)


def _display_name(name: str, extension: str) -> str:
    base = PurePath(name or "").name.strip()[:150] or "tep"
    return base if PurePath(base).suffix else f"{base}.{extension}"


def file_store(*, document: Document, item: FileIn, actor: User | None) -> DocumentFile:
    """Store one checked file under a generated name; the caller's transaction and audit."""
    content_type, extension = file_check(item)
    stored = DocumentFile(
        document=document,
        kind=item.kind,
        name=_display_name(item.name, extension),
        content_type=content_type,
        size=len(item.content),
        sha256=hashlib.sha256(item.content).hexdigest(),
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    stored.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(item.content), save=True)
    return stored


def files_store(
    *, document: Document, files: Iterable[FileIn], actor: User | None
) -> list[DocumentFile]:
    return [file_store(document=document, item=item, actor=actor) for item in files]


def file_summary(stored: Iterable[DocumentFile]) -> list[dict[str, str]]:
    """What the audit entry keeps of stored files."""
    return [{"name": f.name, "kind": f.kind, "sha256": f.sha256} for f in stored]
