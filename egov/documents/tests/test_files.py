"""Files of documents: the type is read from the bytes, sizes are limited, active PDFs are
refused, and nothing is written when one file of a batch is refused."""

from __future__ import annotations

import hashlib

import pytest

from egov.common.files import FileRefused
from egov.common.testing import files as samples
from egov.documents.choices import FileKind
from egov.documents.models import Document, DocumentFile
from egov.documents.services import FileIn
from egov.documents.services.files import file_check
from egov.documents.tests.conftest import FAKE_PDF
from egov.documents.tests.factories import draft

DOCX = samples.docx()
PNG = samples.png()


@pytest.mark.parametrize(
    ("item", "found"),
    [
        (FileIn("to-trinh.pdf", FAKE_PDF, "application/octet-stream"), ("application/pdf", "pdf")),
        (
            FileIn("du-thao.docx", DOCX),
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        ),
        (FileIn("anh.png", PNG), ("image/png", "png")),
    ],
)
def test_accepted_types_come_from_the_bytes(item, found):
    checked = file_check(item)

    assert (checked.content_type, checked.extension) == found


@pytest.mark.parametrize(
    ("item", "code"),
    [
        (FileIn("virus.pdf", b"MZ\x90\x00"), "file_type_refused"),
        (FileIn("du-thao.docx", samples.zip_named_docx()), "file_type_refused"),
        (FileIn("empty.pdf", b""), "file_empty"),
        (FileIn("script.pdf", samples.pdf_javascript()), "file_active_content"),
        (FileIn("a.pdf", FAKE_PDF, kind="signature"), "file_kind_refused"),
    ],
)
def test_refused_files(item, code):
    with pytest.raises(FileRefused) as refused:
        file_check(item)

    assert refused.value.code == code


def test_size_limit(settings):
    settings.EGOV_UPLOAD_MAX_BYTES = 10

    with pytest.raises(FileRefused) as refused:
        file_check(FileIn("big.pdf", FAKE_PDF))

    assert (refused.value.code, list(refused.value.fields)) == ("file_too_big", ["files"])


def test_one_refused_file_stops_the_whole_draft(docs_world, specialist):
    with pytest.raises(FileRefused):
        draft(
            specialist,
            docs_world.division_a,
            files=[FileIn("phu-luc.pdf", FAKE_PDF), FileIn("virus.exe", b"MZ")],
        )

    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


def test_stored_files_keep_their_hash_and_a_safe_name(docs_world, specialist):
    document = draft(
        specialist,
        docs_world.division_a,
        files=[FileIn("../../etc/phu luc", FAKE_PDF, kind=FileKind.ATTACHMENT)],
    )

    stored = DocumentFile.objects.get(document=document)
    assert (stored.name, stored.size, stored.sha256) == (
        "phu luc.pdf",
        len(FAKE_PDF),
        hashlib.sha256(FAKE_PDF).hexdigest(),
    )
    assert not stored.file.name.endswith("phu luc.pdf")


HOSTILE = [*samples.HOSTILE, samples.Hostile("oversize", "phu-luc.pdf", lambda: b"", "")]


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: h.id)
def test_a_draft_refuses_every_hostile_file(docs_world, specialist, hostile, settings):
    content = (
        samples.oversize(settings.EGOV_UPLOAD_MAX_BYTES)
        if hostile.id == "oversize"
        else hostile.build()
    )

    with pytest.raises(FileRefused) as refused:
        draft(
            specialist,
            docs_world.division_a,
            files=[FileIn("to-trinh.pdf", FAKE_PDF), FileIn(hostile.filename, content)],
        )

    assert refused.value.fields == {"files": refused.value.message}
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


@pytest.mark.parametrize("build", [samples.docx, samples.xlsx, samples.odt, samples.jpeg])
def test_office_files_and_images_are_accepted(build):
    assert file_check(FileIn("tep", build())).size > 0
