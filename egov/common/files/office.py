"""Office files (Office Open XML and OpenDocument) opened as the ZIP archives they are.

The archive must hold what the claimed format requires: ``[Content_Types].xml`` naming the
main part of a Word document or an Excel workbook (ECMA-376 Part 2 §10.1), or the ``mimetype``
entry of an OpenDocument text or spreadsheet (ODF 1.2 Part 3 §3.3). Macro projects
(``vbaProject.bin``, the macro-enabled main parts) are refused. Declared sizes bound what
Python's zipfile will ever inflate, so checking them guards every later reader against a zip bomb.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import IO

from lxml import etree

MEGABYTE = 1024 * 1024
MAX_ENTRIES = 5_000
MAX_UNPACKED = 200 * MEGABYTE
# Office XML compresses well, but not a thousandfold; the ratio counts only for parts larger
# than the floor, so small padded parts pass.
MAX_RATIO = 200
RATIO_FLOOR = MEGABYTE
MAX_CONTENT_TYPES = MEGABYTE
MAIN_PARTS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
MACRO_MARKERS = ("vbaproject", "macroenabled", "vbadata")
ODF_MACRO_FOLDERS = ("basic/", "scripts/")
CT_NAMESPACE = "{http://schemas.openxmlformats.org/package/2006/content-types}"


# What Python's zipfile raises on a damaged archive, besides BadZipFile: truncated or
# misplaced headers (EOFError, ValueError "negative seek value", struct.error), an unknown
# compression method (NotImplementedError), an encrypted entry (RuntimeError), a broken
# deflate stream (zlib.error), a missing entry (KeyError). Found by fuzzing.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    KeyError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    zlib.error,
)


class OfficeProblem(Exception):
    """Why an archive is refused: ``reason`` is one of damaged, type, macros, bomb."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def office_kind(stream: IO[bytes], accepted: frozenset[str]) -> str:
    """The office kind (one of ``accepted``) the archive really is, or :class:`OfficeProblem`."""
    try:
        with zipfile.ZipFile(stream) as archive:
            _guard(archive)
            return _kind(archive, accepted)
    except ZIP_ERRORS as exc:
        raise OfficeProblem("damaged") from exc


def _guard(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise OfficeProblem("bomb")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
        raise OfficeProblem("bomb")
    for entry in entries:
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise OfficeProblem("bomb")
        name = entry.filename.lower()
        if any(marker in name for marker in MACRO_MARKERS) or name.startswith(ODF_MACRO_FOLDERS):
            raise OfficeProblem("macros")


def _kind(archive: zipfile.ZipFile, accepted: frozenset[str]) -> str:
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = archive.read("mimetype").strip()
        for kind, expected in ODF_MIMETYPES.items():
            if kind in accepted and mimetype == expected:
                return kind
        raise OfficeProblem("type")
    if "[Content_Types].xml" not in names:
        raise OfficeProblem("type")
    overrides = _content_types(archive)
    if any(marker in value.lower() for value in overrides for marker in MACRO_MARKERS):
        raise OfficeProblem("macros")
    for kind, main in MAIN_PARTS.items():
        if kind in accepted and main in overrides:
            return kind
    raise OfficeProblem("type")


def _content_types(archive: zipfile.ZipFile) -> set[str]:
    info = archive.getinfo("[Content_Types].xml")
    if info.file_size > MAX_CONTENT_TYPES:
        raise OfficeProblem("bomb")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(archive.read(info), parser)
    except etree.XMLSyntaxError as exc:
        raise OfficeProblem("damaged") from exc
    return {
        node.get("ContentType", "")
        for node in root
        if node.tag in (f"{CT_NAMESPACE}Override", f"{CT_NAMESPACE}Default")
    }
