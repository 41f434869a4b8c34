"""Exporting a closed work file (EDMS functions, spec §2.7): one PDF in chronological order with
its index (mục lục văn bản), and an XML package (zip) of the File metadata set with the
documents' files.

The PDF holds the index and one section per document; each document's own files (the signed
original above all) are embedded in it unchanged, byte for byte, so a signature verifies once
the file is taken out — pages copied into a new PDF would no longer carry a valid signature.
Before anything is written every signed original is checked (stored checksum, then pyHanko):
a broken one stops the export with a message naming the document. Secret documents the
officer may not read appear in the index as such, without content or files."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.pdf import html_to_pdf
from egov.documents import rules_workfiles as wf_rules
from egov.documents.choices import FileKind, SignatureStatus, WorkFileAuditAction
from egov.documents.exceptions import DocumentError
from egov.documents.models import DocumentFile, WorkFile
from egov.documents.selectors.workfiles import FiledRow, filed_rows
from egov.documents.signing import PdfUnreadable, pdf_verify

BROKEN = (SignatureStatus.ALTERED, SignatureStatus.INVALID)


@dataclass
class Exported:
    row: FiledRow
    files: list[tuple[DocumentFile, bytes]] = field(default_factory=list)
    signature: str = ""


def _signature_broken(stored: DocumentFile, content: bytes) -> bool:
    if hashlib.sha256(content).hexdigest() != stored.sha256:
        return True
    try:
        results = pdf_verify(content)
    except PdfUnreadable:
        return True
    return any(r.status in BROKEN or not r.intact for r in results)


def _collect(user: User, work_file: WorkFile) -> list[Exported]:
    """The readable documents with their file contents; refused when a signature is broken."""
    wf_rules.WORK_FILE_TRANSITIONS.check("export", work_file.status)
    exported, broken = [], []
    for row in filed_rows(user, work_file):
        item = Exported(row=row)
        exported.append(item)
        if row.document is None:
            continue
        for stored in DocumentFile.objects.filter(document=row.document).order_by("pk"):
            with stored.file.open("rb") as handle:
                content = handle.read()
            item.files.append((stored, content))
            if stored.kind == FileKind.SIGNED:
                if _signature_broken(stored, content):
                    broken.append(row.document.number_notation or row.document.subject[:60])
                else:
                    item.signature = _("signature verified")
    if broken:
        raise DocumentError(
            _(
                "The digital signature of %(documents)s no longer verifies (the file changed "
                "after signing); nothing was exported."
            )
            % {"documents": ", ".join(broken)},
            code="signature_broken",
        )
    return exported


def _record(actor: User, work_file: WorkFile, kind: str, exported: list[Exported]) -> None:
    event_record(
        actor=actor,
        action=WorkFileAuditAction.FILE_EXPORTED,
        obj=work_file,
        changes={"format": kind, "documents": sum(1 for e in exported if e.row.document)},
    )


def _name(order: int, stored: DocumentFile) -> str:
    return f"{order:03d}_{stored.name}"


def work_file_export_pdf(*, actor: User, work_file: WorkFile) -> bytes:
    """The file as one PDF: its metadata, the index, a section per document, the documents'
    files embedded unchanged."""
    exported = _collect(actor, work_file)
    html = render_to_string(
        "documents/workfiles/export.html",
        {"work_file": work_file, "exported": exported, "now": timezone.now()},
    )
    attachments = [
        (_name(e.row.order, stored), content, e.row.document.subject[:200])
        for e in exported
        for stored, content in e.files
    ]
    pdf = html_to_pdf(html, attachments=attachments)
    _record(actor, work_file, "pdf", exported)
    return pdf


def _text(parent: ET.Element, tag: str, value: object) -> None:
    ET.SubElement(parent, tag).text = "" if value is None else str(value)


def file_metadata_xml(work_file: WorkFile, exported: list[Exported]) -> bytes:
    """The File metadata set of Appendix VI (FileCode … Description) and, per document, the
    base metadata and its files (name, SHA-256, path in the package)."""
    root = ET.Element("File")
    maintenance = (
        "Vĩnh viễn" if work_file.retention_years is None else f"{work_file.retention_years} năm"
    )
    secret = any(e.row.document is None or e.row.document.is_secret for e in exported)
    for tag, value in (
        ("FileCode", work_file.code),
        ("Title", work_file.title[:500]),
        ("Maintenance", maintenance),
        ("Rights", "Hạn chế" if secret else "Thường"),
        ("Creator", work_file.handling_unit.name[:30]),
        ("Language", "Tiếng Việt"),
        ("StartDate", work_file.start_date and work_file.start_date.isoformat()),
        ("EndDate", work_file.end_date and work_file.end_date.isoformat()),
        ("DocTotal", work_file.doc_total),
        ("PageTotal", work_file.page_total),
        ("Description", work_file.description[:500]),
    ):
        _text(root, tag, value)
    documents = ET.SubElement(root, "Documents")
    for e in exported:
        node = ET.SubElement(documents, "Document")
        _text(node, "DocOrdinal", e.row.order)
        document = e.row.document
        if document is None:
            _text(node, "Description", "Văn bản mật")
            continue
        for tag, value in (
            ("TypeName", document.doc_type.name),
            ("CodeNumber", document.number or ""),
            ("CodeNotation", document.notation),
            ("IssuedDate", document.issued_on and document.issued_on.isoformat()),
            ("OrganName", document.sender_name or document.unit.name),
            ("Subject", document.subject[:500]),
        ):
            _text(node, tag, value)
        files = ET.SubElement(node, "Files")
        for stored, content in e.files:
            entry = ET.SubElement(files, "File", kind=stored.kind)
            _text(entry, "Name", stored.name)
            _text(entry, "Path", f"documents/{_name(e.row.order, stored)}")
            _text(entry, "Sha256", hashlib.sha256(content).hexdigest())
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def work_file_export_package(*, actor: User, work_file: WorkFile) -> bytes:
    """The XML package: File.xml and the documents' files unchanged under documents/."""
    exported = _collect(actor, work_file)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("File.xml", file_metadata_xml(work_file, exported))
        for e in exported:
            for stored, content in e.files:
                package.writestr(f"documents/{_name(e.row.order, stored)}", content)
    _record(actor, work_file, "xml", exported)
    return buffer.getvalue()
