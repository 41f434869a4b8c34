"""Office files of the 1997–2003 formats (Word ``.doc``, Excel ``.xls``) and Rich Text.

A ``.doc`` or ``.xls`` is an OLE2 compound file (MS-CFB); ``olefile`` reads its directory and
the streams it holds say what it is: ``WordDocument`` for Word (MS-DOC §2.1), ``Workbook`` or
``Book`` for Excel (MS-XLS §2.1.2). Signatures alone cannot tell them apart (``filetype`` looks
at the sector after the header, which depends on how the writer laid the file out). Refused:
macro projects (``Macros``, ``_VBA_PROJECT_CUR``, ``VBA`` storages, MS-OVBA §2.2) and embedded
OLE objects (``ObjectPool``, ``MBD…`` storages), the carriers of the known exploits of these
formats. An RTF file may not embed objects either (the ``\\obj…`` control words, RTF 1.9.1
"Objects"); RTF has no macros.
"""

from __future__ import annotations

import re
from typing import IO

import olefile

CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORD_STREAMS = frozenset({"worddocument"})
EXCEL_STREAMS = frozenset({"workbook", "book"})
MACRO_STORAGES = frozenset({"macros", "_vba_project_cur", "vba", "_vba_project"})
EMBEDDED_STORAGES = frozenset({"objectpool"})
MAX_ENTRIES = 10_000
RTF_OBJECT = re.compile(rb"\\obj[a-z]", re.IGNORECASE)
CHUNK = 64 * 1024
OVERLAP = 16


class LegacyProblem(Exception):
    """Why a file is refused: ``reason`` is one of damaged, type, macros, embedded."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def ole_kind(stream: IO[bytes], accepted: frozenset[str]) -> str:
    """``doc`` or ``xls`` (one of ``accepted``) for a compound file, or :class:`LegacyProblem`."""
    stream.seek(0)
    try:
        with olefile.OleFileIO(stream) as ole:
            entries = ole.listdir(streams=True, storages=True)
    except Exception as exc:  # olefile raises many kinds of error on a damaged file
        raise LegacyProblem("damaged") from exc
    if len(entries) > MAX_ENTRIES:
        raise LegacyProblem("damaged")
    names = {part.lower() for path in entries for part in path}
    if names & MACRO_STORAGES:
        raise LegacyProblem("macros")
    if names & EMBEDDED_STORAGES or any(name.startswith("mbd") for name in names):
        raise LegacyProblem("embedded")
    top = {path[0].lower() for path in entries if len(path) == 1}
    if "doc" in accepted and top & WORD_STREAMS:
        return "doc"
    if "xls" in accepted and top & EXCEL_STREAMS:
        return "xls"
    raise LegacyProblem("type")


def rtf_check(stream: IO[bytes]) -> None:
    """Raise :class:`LegacyProblem` if the RTF file embeds an object."""
    stream.seek(0)
    tail = b""
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        if RTF_OBJECT.search(tail + chunk):
            raise LegacyProblem("embedded")
        tail = chunk[-OVERLAP:]
