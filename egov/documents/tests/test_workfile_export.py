"""Exporting a closed work file: one PDF with the index whose embedded originals still verify,
the XML package with the File metadata, and a refusal naming a document whose signature broke."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from egov.audit.models import AuditEvent
from egov.documents.choices import Channel, FileKind, SignatureStatus, WorkFileAuditAction
from egov.documents.exceptions import DocumentError, WrongDocumentState
from egov.documents.models import DocumentFile
from egov.documents.services.workfile_export import (
    work_file_export_package,
    work_file_export_pdf,
)
from egov.documents.services.workfiles import work_file_close, work_file_file_document
from egov.documents.signing import pdf_verify
from egov.documents.tests.factories import issued
from egov.documents.tests.test_workfiles import letter_for_division, open_file


def attachments(pdf: bytes) -> dict[str, bytes]:
    """The files embedded in a PDF (its EmbeddedFiles name tree), by name."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    found: dict[str, bytes] = {}

    def walk(node) -> None:
        names = node.get("/Names", [])
        for i in range(0, len(names), 2):
            spec = names[i + 1]
            found[str(spec.get("/UF") or spec["/F"])] = spec["/EF"]["/F"].data
        for kid in node.get("/Kids", []):
            walk(kid)

    walk(reader.root["/Names"]["/EmbeddedFiles"])
    return found


@pytest.fixture
def closed_file(docs_world, pki_world, clerk, unit_head, specialist, division_head):
    work_file = open_file(clerk, unit_head, specialist, docs_world)
    letter = letter_for_division(clerk, unit_head, docs_world, channel=Channel.PLATFORM)
    reply = issued(
        specialist, division_head, unit_head, docs_world.division_a, subject="V/v trả lời"
    )
    for document in (letter, reply):
        work_file_file_document(actor=specialist, work_file=work_file, document=document)
    closed = work_file_close(actor=specialist, work_file=work_file, expected_version=None)
    return closed, letter, reply


def test_an_open_file_is_not_exported(docs_world, clerk, unit_head, specialist):
    work_file = open_file(clerk, unit_head, specialist, docs_world)
    with pytest.raises(WrongDocumentState):
        work_file_export_pdf(actor=specialist, work_file=work_file)


def test_the_pdf_holds_the_index_and_the_reply_still_verifies(closed_file, specialist):
    work_file, _letter, reply = closed_file

    pdf = work_file_export_pdf(actor=specialist, work_file=work_file)

    assert pdf.startswith(b"%PDF-")
    embedded = attachments(pdf)
    signed_name = DocumentFile.objects.get(document=reply, kind=FileKind.SIGNED).name
    original = next(content for name, content in embedded.items() if name.endswith(signed_name))
    assert [(r.status, r.intact) for r in pdf_verify(original)] == [(SignatureStatus.VALID, True)]
    assert (
        AuditEvent.objects.for_object(work_file)
        .filter(action=WorkFileAuditAction.FILE_EXPORTED)
        .exists()
    )


def test_the_package_carries_the_file_metadata_and_the_files(closed_file, specialist):
    work_file, letter, reply = closed_file

    package = zipfile.ZipFile(
        io.BytesIO(work_file_export_package(actor=specialist, work_file=work_file))
    )

    root = ET.fromstring(package.read("File.xml"))  # noqa: S314 (our own export)
    assert root.findtext("FileCode") == work_file.code
    assert root.findtext("DocTotal") == "2"
    assert root.findtext("Maintenance") == "10 năm"
    paths = [p.text for p in root.iter("Path")]
    assert paths and all(path in package.namelist() for path in paths)
    subjects = [d.findtext("Subject") for d in root.iter("Document")]
    assert subjects == [letter.subject, reply.subject]


def test_a_broken_signature_stops_the_export_and_names_the_document(closed_file, specialist):
    work_file, _letter, reply = closed_file
    signed = DocumentFile.objects.get(document=reply, kind=FileKind.SIGNED)
    with signed.file.open("rb") as handle:
        content = handle.read()
    with signed.file.open("wb") as handle:  # the stored original changed after signing
        handle.write(content.replace(b"/Producer", b"/Producex", 1) + b"\n% changed\n")

    with pytest.raises(DocumentError) as refused:
        work_file_export_package(actor=specialist, work_file=work_file)

    assert reply.number_notation in refused.value.message
    assert (
        not AuditEvent.objects.for_object(work_file)
        .filter(action=WorkFileAuditAction.FILE_EXPORTED)
        .exists()
    )
