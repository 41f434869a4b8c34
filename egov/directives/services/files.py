"""Attachments of task reports, checked by the one intake
(:func:`egov.common.files.file_check`): PDF, JPEG, PNG and Office Open XML documents (.docx,
.xlsx), at most ``MAX_FILES`` per report. Stored under a generated name with their SHA-256; the
user's file name is kept for display only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.common.files import (
    DOCX,
    JPEG,
    PDF,
    PNG,
    XLSX,
    CheckedFile,
    FileRefused,
    accepting,
    file_check,
)
from egov.directives.models import TaskReport, TaskReportFile

MAX_FILES = 10
ACCEPTED = accepting(
    {PDF, JPEG, PNG, DOCX, XLSX},
    gettext_lazy("Only PDF, JPEG, PNG, .docx and .xlsx files are accepted."),
)


@dataclass(frozen=True)
class AttachmentIn:
    """An uploaded attachment: the user's file name and the bytes."""

    name: str
    content: bytes


def attachments_check(files: list[AttachmentIn], already: int = 0) -> list[CheckedFile]:
    """Check every file before anything is written; what each is, in order."""
    if already + len(files) > MAX_FILES:
        message = _("A report holds at most %(count)s files.") % {"count": MAX_FILES}
        raise FileRefused(message, code="too_many_files", field="files")
    return [file_check(f.content, accept=ACCEPTED, field="files") for f in files]


def attachments_store(
    report: TaskReport, files: list[AttachmentIn], types: list[CheckedFile]
) -> list[TaskReportFile]:
    """Store checked files on ``report`` (inside the caller's transaction); a file already on
    the report (same SHA-256: a double click, a retry) is not stored twice."""
    stored = []
    seen = set(report.files.values_list("sha256", flat=True))
    for upload, checked in zip(files, types, strict=True):
        if checked.sha256 in seen:
            continue
        seen.add(checked.sha256)
        row = TaskReportFile(
            report=report,
            name=PurePath(upload.name or "file").name[:200],
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
        )
        row.file.save(
            f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(upload.content), save=False
        )
        row.save()
        stored.append(row)
    return stored
