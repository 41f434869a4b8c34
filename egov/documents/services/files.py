"""Files of documents: what a caller hands in (:class:`FileIn`) and how it is checked (by the
one intake, :func:`egov.common.files.file_check`) and stored, with the SHA-256 kept so any
later change shows.

Accepted: PDF, the Office Open XML / OpenDocument formats (.docx, .xlsx, .odt), JPEG and PNG.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.accounts.models import User
from egov.common.files import (
    DOCX,
    JPEG,
    ODT,
    PDF,
    PNG,
    XLSX,
    CheckedFile,
    FileRefused,
    accepting,
)
from egov.common.files import (
    file_check as intake_check,
)
from egov.documents.choices import FileKind
from egov.documents.models import Document, DocumentFile

MAX_FILES = 20
ACCEPTED = accepting(
    {PDF, DOCX, XLSX, ODT, JPEG, PNG},
    gettext_lazy("Only PDF, Word/Excel/OpenDocument, JPEG and PNG files are accepted."),
)


@dataclass(frozen=True)
class FileIn:
    """A file given to a service: its display name, bytes, declared type and kind."""

    name: str
    content: bytes
    content_type: str = ""
    kind: str = FileKind.ATTACHMENT


def _refuse(message: str, code: str) -> FileRefused:
    return FileRefused(message, code=code, field="files")


def file_check(item: FileIn) -> CheckedFile:
    """Check one file; returns what the intake found or raises :class:`FileRefused` with the
    message to show."""
    if item.kind not in FileKind.values:
        raise _refuse(_("Unknown kind of file."), "file_kind_refused")
    return intake_check(item.content, accept=ACCEPTED, field="files")


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
    checked = file_check(item)
    stored = DocumentFile(
        document=document,
        kind=item.kind,
        name=_display_name(item.name, checked.extension),
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    stored.file.save(
        f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(item.content), save=True
    )
    return stored


def files_store(
    *, document: Document, files: Iterable[FileIn], actor: User | None
) -> list[DocumentFile]:
    return [file_store(document=document, item=item, actor=actor) for item in files]


def file_summary(stored: Iterable[DocumentFile]) -> list[dict[str, str]]:
    """What the audit entry keeps of stored files."""
    return [{"name": f.name, "kind": f.kind, "sha256": f.sha256} for f in stored]
