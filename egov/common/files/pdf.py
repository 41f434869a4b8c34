"""PDF active content, found by parsing the file (pyHanko's reader), not by scanning bytes.

Every object of every revision is read through the cross-reference tables, including those
packed into compressed object streams, and names are compared after the parser has decoded
them (``/J#61vaScript`` is ``/JavaScript``). Refused: JavaScript, launch, submit-form and
import-data actions, embedded files, rich media, XFA forms, go-to-embedded actions and URI
actions whose scheme is not web or mail, such as ``file:`` (ISO 32000-1 §12.6.4, §7.11.4,
§13.2, §12.7.8). Streams are never kept decoded: FlateDecode data is inflated in chunks only
to count it, so a deflate bomb is refused without using memory (limits below; pyHanko's own limits
guard the object and cross-reference streams it must decode). The number of objects and of
streams and the time spent are bounded too, so a file built to be slow is refused as well.

Web links stay: ``/URI`` actions to ``http:``, ``https:`` and ``mailto:`` are in most real
documents (legal references, the issuing office's site), a viewer asks before following one and
they run nothing. Other schemes (``file:``, ``javascript:``, ``smb:``) reach the machine or run
script, as ``/Launch`` does, and are refused.
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Iterator
from typing import IO

from pyhanko.pdf_utils import generic, misc
from pyhanko.pdf_utils.decode_limits import DecodeLimits
from pyhanko.pdf_utils.reader import PdfFileReader

MEGABYTE = 1024 * 1024
# Names that mark active content wherever they appear, as a key or as a value.
ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/RichMediaContent",
        "/XFA",
        "/GoToE",
    }
)
SAFE_URI_SCHEMES = frozenset({"http:", "https:", "mailto:"})
URI_SCHEME = re.compile(r"[a-z][a-z0-9+.\-]*:")
# A legitimate file of the upload size limit has far fewer objects; walking more costs time.
MAX_OBJECTS = 100_000
MAX_STREAMS = 20_000
MAX_SECONDS = 20.0
# Decoded bytes allowed per stream and, for the whole file, the larger of the floor and a
# multiple of its size (the same defaults as pyHanko's DecodeLimits for untrusted input).
MAX_STREAM_DECODED = 256 * MEGABYTE
DECODED_FLOOR = 256 * MEGABYTE
DECODED_RATIO = 100
CHUNK = 64 * 1024
COMPRESSION_FILTERS = frozenset({"/FlateDecode", "/Fl", "/LZWDecode", "/LZW"})


class PdfProblem(Exception):
    """Why a PDF is refused: ``reason`` is one of damaged, encrypted, active, bomb."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def pdf_check(stream: IO[bytes], size: int) -> None:
    """Raise :class:`PdfProblem` unless ``stream`` parses as a PDF without active content."""
    try:
        reader = PdfFileReader(stream, strict=False, decode_limits=DecodeLimits())
        _decrypt(reader)
        budget = _Budget(max(DECODED_FLOOR, DECODED_RATIO * size), time.monotonic() + MAX_SECONDS)
        for obj in _objects(reader):
            _inspect(obj, budget)
    except misc.PdfDecodeLimitError as exc:
        raise PdfProblem("bomb") from exc
    except PdfProblem:
        raise
    except Exception as exc:  # the parser raises many kinds of error on a damaged file
        raise PdfProblem("damaged") from exc


def _decrypt(reader: PdfFileReader) -> None:
    """A file encrypted with an empty user password opens in every viewer and is checked like
    any other; one that needs a password cannot be checked (nor read by the recipient)."""
    if reader.encrypt_dict is None:
        return
    try:
        result = reader.decrypt("")
    except Exception as exc:  # an unknown security handler cannot be opened either
        raise PdfProblem("encrypted") from exc
    if result.status.name == "FAILED":
        raise PdfProblem("encrypted")


def _objects(reader: PdfFileReader) -> Iterator[generic.PdfObject]:
    yield reader.trailer.flatten()
    refs: set[generic.Reference] = set()
    for revision in range(reader.xrefs.total_revisions):
        refs |= reader.xrefs.explicit_refs_in_revision(revision)
        if len(refs) > MAX_OBJECTS:
            raise PdfProblem("bomb")
    for ref in sorted(refs, key=lambda r: (r.idnum, r.generation)):
        yield reader.get_object(ref)


class _Budget:
    """What is left of the decoded bytes, the streams and the time for one file."""

    def __init__(self, total: int, deadline: float) -> None:
        self.left = total
        self.streams = MAX_STREAMS
        self.deadline = deadline

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise PdfProblem("bomb")

    def stream(self) -> None:
        self.streams -= 1
        if self.streams < 0:
            raise PdfProblem("bomb")

    def clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise PdfProblem("bomb")


def _inspect(root: generic.PdfObject, budget: _Budget) -> None:
    pending = [root]
    budget.clock()
    while pending:
        obj = pending.pop()
        if isinstance(obj, generic.NameObject):
            if obj in ACTIVE_NAMES:
                raise PdfProblem("active")
        elif isinstance(obj, generic.DictionaryObject):
            _inspect_dict(obj)
            pending.extend(obj.keys())
            pending.extend(obj.values())
            if isinstance(obj, generic.StreamObject):
                budget.stream()
                _count_stream(obj, budget)
        elif isinstance(obj, generic.ArrayObject):
            pending.extend(obj)


def _inspect_dict(obj: generic.DictionaryObject) -> None:
    if obj.get("/S") != "/URI":
        return
    target = obj.get("/URI")
    if isinstance(target, generic.IndirectObject):
        target = target.get_object()
    text = target.decode("latin-1") if isinstance(target, bytes) else str(target or "")
    scheme = URI_SCHEME.match(text.strip().lower())
    if scheme is not None and scheme.group(0) not in SAFE_URI_SCHEMES:
        raise PdfProblem("active")


def _filters(stream: generic.StreamObject) -> list[str]:
    declared = stream.get("/Filter")
    if declared is None:
        return []
    if isinstance(declared, generic.ArrayObject):
        return [str(name) for name in declared]
    return [str(declared)]


def _count_stream(stream: generic.StreamObject, budget: _Budget) -> None:
    """Inflate a FlateDecode stream in chunks, keeping nothing, to refuse a bomb."""
    filters = _filters(stream)
    if sum(name in COMPRESSION_FILTERS for name in filters) > 1:
        raise PdfProblem("bomb")  # stacked compression only serves to amplify
    if not filters or filters[0] not in ("/FlateDecode", "/Fl"):
        return
    inflater = zlib.decompressobj()
    data = stream.encoded_data
    produced = 0
    for start in range(0, len(data), CHUNK):
        pending = data[start : start + CHUNK]
        while pending:
            try:
                out = inflater.decompress(pending, CHUNK)
            except zlib.error:
                return  # a broken stream decodes to nothing in a viewer
            produced += len(out)
            budget.spend(len(out))
            budget.clock()
            if produced > MAX_STREAM_DECODED:
                raise PdfProblem("bomb")
            pending = inflater.unconsumed_tail
