"""Files of dossiers, handled so that what is stored is what it claims to be.

The type is sniffed from the first bytes (PDF ``%PDF-``, JPEG ``FF D8 FF``, PNG's 8-byte
signature); the name and the declared content type are never trusted. Anything else, empty
files, files over ``EGOV_UPLOAD_MAX_BYTES`` (default 10 MB) and dossiers over
``EGOV_DOSSIER_MAX_BYTES`` (default 50 MB) or ``EGOV_DOSSIER_MAX_FILES`` (default 50) are
refused. PDFs that carry scripts, launch actions or embedded files are refused too. Files are
stored under a generated name with their SHA-256; the user's file name is kept only for display.
Settings are read at each call.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.exceptions import DomainError
from egov.onestop.choices import AuditAction, DossierFileKind, DossierStatus
from egov.onestop.models import Dossier, DossierFile, RequiredDocument
from egov.onestop.services.dossier_state import WrongDossierState, dossier_lock
from egov.onestop.services.online import applicant_require

MEGABYTE = 1024 * 1024
DEFAULT_UPLOAD_MAX_BYTES = 10 * MEGABYTE
DEFAULT_DOSSIER_MAX_BYTES = 50 * MEGABYTE
DEFAULT_DOSSIER_MAX_FILES = 50
SIGNATURES = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
# PDF names of active content (ISO 32000-1 §12.6.4: JavaScript and launch actions; §7.11.4:
# embedded files), refused outright. Best effort: a name inside a compressed object stream is
# not seen, which is why files are also only ever served as attachments.
PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/Launch", b"/EmbeddedFile")
CHUNK = 64 * 1024
# Which kind of file the applicant may add in which status.
APPLICANT_KINDS = {
    DossierFileKind.APPLICATION: DossierStatus.DRAFT,
    DossierFileKind.SUPPLEMENT: DossierStatus.SUPPLEMENT_REQUESTED,
}


class FileRefused(DomainError):
    """An uploaded file is not accepted (type, size, content)."""

    code = "file_refused"
    status = 422

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, code=code, fields={"file": message})


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str
    size: int
    sha256: str


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _megabytes(limit: int) -> str:
    return f"{limit / MEGABYTE:g}"


def sniff_type(head: bytes) -> tuple[str, str] | None:
    """``(content type, extension)`` from a file's first bytes, or ``None`` if not accepted."""
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    return None


def _has_active_content(upload: IO[bytes]) -> bool:
    upload.seek(0)
    tail = b""
    for chunk in iter(lambda: upload.read(CHUNK), b""):
        window = tail + chunk
        if any(token in window for token in PDF_ACTIVE_CONTENT):
            return True
        tail = window[-16:]
    return False


def file_sniff(upload: IO[bytes]) -> Sniffed:
    """Check one upload: accepted type from its bytes, not empty, within the size limit, no
    active PDF content. Raises :class:`FileRefused` with the message to show."""
    limit = _setting("EGOV_UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES)
    upload.seek(0)
    digest, size, head = hashlib.sha256(), 0, b""
    for chunk in iter(lambda: upload.read(CHUNK), b""):
        head = head or chunk[:8]
        size += len(chunk)
        if size > limit:
            raise FileRefused(
                _("The file is larger than %(size)s MB.") % {"size": _megabytes(limit)},
                code="file_too_big",
            )
        digest.update(chunk)
    if size == 0:
        raise FileRefused(_("The file is empty."), code="file_empty")
    found = sniff_type(head)
    if found is None:
        raise FileRefused(_("Only PDF, JPEG and PNG files are accepted."), code="file_type_refused")
    if found[0] == "application/pdf" and _has_active_content(upload):
        raise FileRefused(
            _("PDF files with scripts or embedded files are not accepted."),
            code="file_active_content",
        )
    upload.seek(0)
    return Sniffed(content_type=found[0], extension=found[1], size=size, sha256=digest.hexdigest())


def _display_name(name: str | None) -> str:
    """The user's file name for display only: no path, no control characters."""
    base = PurePath((name or "").replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[-255:] or "file"


def _dossier_limits_check(dossier: Dossier, size: int) -> None:
    files = DossierFile.objects.filter(dossier=dossier)
    max_files = _setting("EGOV_DOSSIER_MAX_FILES", DEFAULT_DOSSIER_MAX_FILES)
    if files.count() >= max_files:
        raise FileRefused(
            _("A dossier may have at most %(count)s files.") % {"count": max_files},
            code="dossier_too_many_files",
        )
    total = files.aggregate(total=Sum("size"))["total"] or 0
    limit = _setting("EGOV_DOSSIER_MAX_BYTES", DEFAULT_DOSSIER_MAX_BYTES)
    if total + size > limit:
        raise FileRefused(
            _("The files of a dossier may not exceed %(size)s MB in total.")
            % {"size": _megabytes(limit)},
            code="dossier_too_big",
        )


def _document_check(dossier: Dossier, required_document: RequiredDocument | None) -> None:
    if required_document is not None and required_document.procedure_id != dossier.procedure_id:
        message = _("This document does not belong to the dossier's procedure.")
        raise DomainError(message, code="wrong_document", fields={"required_document": message})


def dossier_file_store(
    *,
    actor: Any,
    dossier: Dossier,
    upload: Any,
    kind: str,
    required_document: RequiredDocument | None = None,
) -> DossierFile:
    """Check and store one file of ``dossier`` (no permission or status check: callers do
    that). Must run inside the caller's transaction, with the dossier locked. Audited."""
    _document_check(dossier, required_document)
    sniffed = file_sniff(upload)
    _dossier_limits_check(dossier, sniffed.size)
    stored = DossierFile(
        dossier=dossier,
        kind=kind,
        required_document=required_document,
        original_name=_display_name(getattr(upload, "name", "")),
        content_type=sniffed.content_type,
        size=sniffed.size,
        sha256=sniffed.sha256,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    stored.file.save(f"{uuid.uuid4().hex}.{sniffed.extension}", File(upload), save=False)
    stored.save()
    event_record(
        actor=actor,
        action=AuditAction.DOSSIER_FILE_ADDED,
        obj=dossier,
        changes={
            "file": stored.pk,
            "kind": kind,
            "content_type": sniffed.content_type,
            "size": sniffed.size,
            "sha256": sniffed.sha256,
            "required_document": required_document.pk if required_document else None,
        },
    )
    return stored


def _kind_allowed_check(dossier: Dossier, kind: str) -> None:
    needed = APPLICANT_KINDS.get(kind)
    if needed is None or dossier.status != needed:
        raise WrongDossierState(_("Files cannot be added to the dossier now."))


def dossier_file_upload(
    *,
    actor: User,
    dossier: Dossier,
    upload: Any,
    required_document: RequiredDocument | None = None,
    kind: str = DossierFileKind.APPLICATION,
) -> DossierFile:
    """The applicant adds a file: application documents while a draft, supplementary ones
    while the desk waits for the completed dossier (Decree 61/2018/NĐ-CP art. 19)."""
    applicant_require(actor, dossier)
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        _kind_allowed_check(locked, kind)
        return dossier_file_store(
            actor=actor,
            dossier=locked,
            upload=upload,
            kind=kind,
            required_document=required_document,
        )


def dossier_file_remove(*, actor: User, file: DossierFile) -> None:
    """The applicant removes a file from their draft (the stored bytes go too)."""
    applicant_require(actor, file.dossier)
    with transaction.atomic():
        locked = dossier_lock(file.dossier_id)
        if locked.status != DossierStatus.DRAFT:
            raise WrongDossierState(_("Files can be removed only from a draft."))
        name, storage = file.file.name, file.file.storage
        event_record(
            actor=actor,
            action=AuditAction.DOSSIER_FILE_REMOVED,
            obj=locked,
            changes={"file": file.pk, "sha256": file.sha256},
        )
        file.delete()
        transaction.on_commit(lambda: storage.delete(name))


def dossier_supplement_upload(*, actor: User, dossier: Dossier, uploads: Sequence[Any]) -> Dossier:
    """The applicant sends the files asked for by the supplement request (Phiếu yêu cầu bổ
    sung, Mẫu 02) and the dossier goes back to the desk: all files or none are stored, then
    the desk's ``dossier_supplement_received`` resumes the dossier (Decree 61/2018 art. 19)."""
    from egov.onestop.services.processing import dossier_supplement_received

    applicant_require(actor, dossier)
    if not uploads:
        message = _("Choose at least one file to send.")
        raise FileRefused(message, code="no_file")
    with transaction.atomic():
        locked = dossier_lock(dossier.pk)
        _kind_allowed_check(locked, DossierFileKind.SUPPLEMENT)
        for upload in uploads:
            dossier_file_store(
                actor=actor, dossier=locked, upload=upload, kind=DossierFileKind.SUPPLEMENT
            )
        return dossier_supplement_received(actor=actor, dossier=locked)
