"""The one intake of user-supplied files: what a file is, from its bytes, and whether to keep it.

Every path that accepts a file calls :func:`file_check` with the kinds it accepts. The type
comes from the content (``filetype``'s signatures, then the structure: a PDF must parse, an
Office file must be the archive or compound file its format requires); the name and the
declared content type
are never trusted. Refused with :class:`FileRefused`: empty files, files over the size limit
(``EGOV_UPLOAD_MAX_BYTES`` unless the path passes its own), other kinds, damaged files, PDFs
with active content or a password, Office files with macros or embedded objects, and archives
or streams that
would expand to too much data. The SHA-256 is computed while the file is read.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import IO, TypeVar

import filetype
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov.common.exceptions import DomainError
from egov.common.files.legacy import CFB_SIGNATURE, LegacyProblem, ole_kind, rtf_check
from egov.common.files.office import OfficeProblem, office_kind
from egov.common.files.pdf import PdfProblem, pdf_check

T = TypeVar("T")
MEGABYTE = 1024 * 1024
CHUNK = 64 * 1024
HEAD = 8192
PDF, JPEG, PNG = "pdf", "jpeg", "png"
DOCX, XLSX, ODT, ODS = "docx", "xlsx", "odt", "ods"
DOC, XLS, RTF = "doc", "xls", "rtf"
CSV, JSON = "csv", "json"
# kind: (content type, extension of the stored file)
FORMATS = {
    PDF: ("application/pdf", "pdf"),
    JPEG: ("image/jpeg", "jpg"),
    PNG: ("image/png", "png"),
    DOCX: ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    XLSX: ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ODT: ("application/vnd.oasis.opendocument.text", "odt"),
    ODS: ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    DOC: ("application/msword", "doc"),
    XLS: ("application/vnd.ms-excel", "xls"),
    RTF: ("application/rtf", "rtf"),
    CSV: ("text/csv", "csv"),
    JSON: ("application/json", "json"),
}
OFFICE = frozenset({DOCX, XLSX, ODT, ODS})
OLE = frozenset({DOC, XLS})
TEXT = frozenset({CSV, JSON})
# filetype's names of the signatures that stand for each family.
SIGNATURE_KINDS = {"pdf": PDF, "jpg": JPEG, "png": PNG, "rtf": RTF}
ZIP_SIGNATURES = frozenset({"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub"})


class FileRefused(DomainError):
    """An uploaded file is not accepted (type, size, content); ``code`` says why."""

    code = "file_refused"
    status = 422

    def __init__(self, message: str, *, code: str, field: str = "file") -> None:
        super().__init__(message, code=code, fields={field: message})


@dataclass(frozen=True)
class Accepted:
    """The kinds a path accepts and the message that names them to the user."""

    kinds: frozenset[str]
    message: str | Promise = field(
        default=gettext_lazy("This type of file is not accepted."), compare=False
    )

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(FORMATS)
        if unknown:
            raise ValueError(f"unknown file kinds: {sorted(unknown)}")
        if len(self.kinds & TEXT) > 1:
            raise ValueError("text has no signature: accept one text kind at a time")


@dataclass(frozen=True)
class CheckedFile:
    """What the intake found: the kind, its content type and extension, size and SHA-256."""

    kind: str
    content_type: str
    extension: str
    size: int
    sha256: str


def accepting(kinds: Iterable[str], message: str | Promise | None = None) -> Accepted:
    """An :class:`Accepted` for ``kinds`` with the path's own message, if it has one."""
    if message is None:
        return Accepted(frozenset(kinds))
    return Accepted(frozenset(kinds), message)


def megabytes(limit: int) -> str:
    """A byte limit as the number of megabytes shown in messages (``10``, ``0.5``)."""
    return f"{limit / MEGABYTE:g}"


def file_check(
    source: bytes | IO[bytes],
    *,
    accept: Accepted,
    max_bytes: int | None = None,
    field: str = "file",
) -> CheckedFile:
    """Check one user-supplied file (bytes, or a seekable binary file such as Django's
    ``UploadedFile``, left at position 0). Returns what it is or raises :class:`FileRefused`
    with the message to show, under ``field`` of the form."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    limit = settings.EGOV_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    size, digest, head = _read(stream, limit, field)
    try:
        kind = _kind(stream, head, size, accept, field)
    finally:
        stream.seek(0)
    content_type, extension = FORMATS[kind]
    return CheckedFile(kind, content_type, extension, size, digest)


def _read(stream: IO[bytes], limit: int, field: str) -> tuple[int, str, bytes]:
    stream.seek(0)
    digest, size, head = hashlib.sha256(), 0, b""
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        if len(head) < HEAD:
            head += chunk[: HEAD - len(head)]
        size += len(chunk)
        if size > limit:
            message = _("The file is larger than %(size)s MB.") % {"size": megabytes(limit)}
            raise FileRefused(message, code="file_too_big", field=field)
        digest.update(chunk)
    if size == 0:
        raise FileRefused(_("The file is empty."), code="file_empty", field=field)
    return size, digest.hexdigest(), head


def _kind(stream: IO[bytes], head: bytes, size: int, accept: Accepted, field: str) -> str:
    guessed = filetype.guess(head)
    name = guessed.extension if guessed is not None else None
    kind = SIGNATURE_KINDS.get(name or "")
    if kind is not None and kind in accept.kinds:
        if kind == PDF:
            _pdf(stream, size, field)
        elif kind == RTF:
            _legacy(lambda: rtf_check(stream), accept, field)
        return kind
    if name in ZIP_SIGNATURES and accept.kinds & OFFICE:
        return _office(stream, accept, field)
    if head.startswith(CFB_SIGNATURE) and accept.kinds & OLE:
        return _legacy(lambda: ole_kind(stream, accept.kinds & OLE), accept, field)
    if name is None and accept.kinds & TEXT and _plain_text(head):
        # Text formats have no signature: the readers judge the encoding and the shape.
        return _text_kind(accept)
    raise FileRefused(str(accept.message), code="file_type_refused", field=field)


def _plain_text(head: bytes) -> bool:
    """No NUL byte, no markup a browser would render, no PDF a viewer would find (they look
    for ``%PDF`` within the first kilobyte)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return b"\x00" not in head and not start.startswith(b"<") and b"%PDF" not in head[:1024]


def _text_kind(accept: Accepted) -> str:
    return CSV if CSV in accept.kinds else JSON


def _pdf(stream: IO[bytes], size: int, field: str) -> None:
    try:
        pdf_check(stream, size)
    except PdfProblem as problem:
        raise _refused(problem.reason, field) from problem


def _office(stream: IO[bytes], accept: Accepted, field: str) -> str:
    try:
        return office_kind(stream, accept.kinds & OFFICE)
    except OfficeProblem as problem:
        if problem.reason == "type":
            raise FileRefused(str(accept.message), code="file_type_refused", field=field) from None
        raise _refused(problem.reason, field) from problem


def _legacy(check: Callable[[], T], accept: Accepted, field: str) -> T:
    try:
        return check()
    except LegacyProblem as problem:
        if problem.reason == "type":
            raise FileRefused(str(accept.message), code="file_type_refused", field=field) from None
        raise _refused(problem.reason, field) from problem


def _refused(reason: str, field: str) -> FileRefused:
    messages = {
        "active": _("PDF files with scripts or embedded files are not accepted."),
        "encrypted": _("Password-protected PDF files are not accepted."),
        "macros": _("Office files with macros are not accepted."),
        "embedded": _("Documents with embedded objects are not accepted."),
        "bomb": _("The file is too large once unpacked."),
        "damaged": _("The file is damaged or not what its name says."),
    }
    codes = {
        "active": "file_active_content",
        "encrypted": "file_encrypted",
        "macros": "file_macros",
        "embedded": "file_embedded_object",
        "bomb": "file_bomb",
        "damaged": "file_damaged",
    }
    return FileRefused(messages[reason], code=codes[reason], field=field)
