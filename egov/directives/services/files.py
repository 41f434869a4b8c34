"""Attachments of task reports: checked by their bytes, never by their name.

Accepted: PDF, JPEG, PNG and Office Open XML documents (.docx, .xlsx), each at most
``EGOV_UPLOAD_MAX_BYTES`` (default 10 MB), at most ``MAX_FILES`` per report. Stored under a
generated name with their SHA-256; the user's file name is kept for display only.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.directives.models import TaskReport, TaskReportFile

MAX_FILES = 10
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
OOXML = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)


@dataclass(frozen=True)
class AttachmentIn:
    """An uploaded attachment: the user's file name and the bytes."""

    name: str
    content: bytes


class AttachmentRefused(DomainError):
    code = "file_refused"
    status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message, fields={"files": message})


def _ooxml_type(content: bytes) -> tuple[str, str] | None:
    try:
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, found in OOXML.items():
        if any(n.startswith(prefix) for n in names):
            return found
    return None


def attachment_type(content: bytes) -> tuple[str, str]:
    """(content type, extension) from the bytes, or :class:`AttachmentRefused`."""
    limit = int(getattr(settings, "EGOV_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))
    if not content:
        raise AttachmentRefused(_("The file is empty."))
    if len(content) > limit:
        raise AttachmentRefused(
            _("The file is larger than %(size)s MB.") % {"size": f"{limit / 1024 / 1024:g}"}
        )
    for signature, content_type, extension in SIGNATURES:
        if content.startswith(signature):
            return content_type, extension
    found = _ooxml_type(content) if content.startswith(b"PK\x03\x04") else None
    if found is None:
        raise AttachmentRefused(_("Only PDF, JPEG, PNG, .docx and .xlsx files are accepted."))
    return found


def attachments_check(files: list[AttachmentIn], already: int = 0) -> list[tuple[str, str]]:
    """Check every file before anything is written; their types in order."""
    if already + len(files) > MAX_FILES:
        raise AttachmentRefused(_("A report holds at most %(count)s files.") % {"count": MAX_FILES})
    return [attachment_type(f.content) for f in files]


def attachments_store(
    report: TaskReport, files: list[AttachmentIn], types: list[tuple[str, str]]
) -> list[TaskReportFile]:
    """Store checked files on ``report`` (inside the caller's transaction); a file already on
    the report (same SHA-256: a double click, a retry) is not stored twice."""
    stored = []
    seen = set(report.files.values_list("sha256", flat=True))
    for upload, (content_type, extension) in zip(files, types, strict=True):
        digest = hashlib.sha256(upload.content).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        row = TaskReportFile(
            report=report,
            name=PurePath(upload.name or "file").name[:200],
            content_type=content_type,
            size=len(upload.content),
            sha256=digest,
        )
        row.file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(upload.content), save=False)
        row.save()
        stored.append(row)
    return stored
