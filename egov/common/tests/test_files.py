"""The file intake, on the shared good and hostile samples."""

from __future__ import annotations

import hashlib
import io

import pytest

from egov.common.files import (
    CSV,
    DOC,
    DOCX,
    JPEG,
    ODS,
    ODT,
    PDF,
    PNG,
    RTF,
    XLS,
    XLSX,
    CheckedFile,
    FileRefused,
    accepting,
    file_check,
)
from egov.common.files import office as office_limits
from egov.common.files import pdf as pdf_limits
from egov.common.testing import files as samples

EVERYTHING = accepting({PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS, DOC, XLS, RTF, CSV})


@pytest.mark.parametrize(
    ("build", "kind", "content_type", "extension"),
    [
        (samples.pdf, PDF, "application/pdf", "pdf"),
        (samples.jpeg, JPEG, "image/jpeg", "jpg"),
        (samples.png, PNG, "image/png", "png"),
        (
            samples.docx,
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            samples.xlsx,
            XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        (samples.odt, ODT, "application/vnd.oasis.opendocument.text", "odt"),
        (samples.ods, ODS, "application/vnd.oasis.opendocument.spreadsheet", "ods"),
        (samples.doc, DOC, "application/msword", "doc"),
        (samples.xls, XLS, "application/vnd.ms-excel", "xls"),
        (samples.rtf, RTF, "application/rtf", "rtf"),
        (samples.csv, CSV, "text/csv", "csv"),
    ],
)
def test_good_files_are_accepted_with_their_kind_size_and_digest(
    build, kind, content_type, extension
):
    content = build()

    checked = file_check(content, accept=EVERYTHING)

    assert checked == CheckedFile(
        kind, content_type, extension, len(content), hashlib.sha256(content).hexdigest()
    )


@pytest.mark.parametrize("hostile", samples.HOSTILE, ids=lambda h: h.id)
def test_each_hostile_file_is_refused_with_its_reason(hostile):
    with pytest.raises(FileRefused) as refused:
        file_check(hostile.build(), accept=EVERYTHING)

    assert refused.value.code == hostile.code
    assert refused.value.status == 422
    assert refused.value.fields == {"file": refused.value.message}
    assert refused.value.message


def test_an_oversize_file_is_refused_while_it_is_read(settings):
    settings.EGOV_UPLOAD_MAX_BYTES = 2 * 1024 * 1024

    with pytest.raises(FileRefused) as refused:
        file_check(samples.oversize(2 * 1024 * 1024), accept=EVERYTHING)

    assert (refused.value.code, refused.value.message) == ("file_too_big", "Tệp lớn hơn 2 MB.")


def test_a_path_passes_its_own_size_limit_and_form_field():
    with pytest.raises(FileRefused) as refused:
        file_check(
            samples.oversize(1024 * 1024), accept=EVERYTHING, max_bytes=1024 * 1024, field="files"
        )

    assert refused.value.fields == {"files": "Tệp lớn hơn 1 MB."}


def test_a_kind_the_path_does_not_accept_is_refused_with_the_paths_message():
    scans = accepting({PDF, JPEG, PNG}, "Only PDF, JPEG and PNG files are accepted.")

    with pytest.raises(FileRefused) as refused:
        file_check(samples.docx(), accept=scans)

    assert (refused.value.code, refused.value.message) == (
        "file_type_refused",
        "Only PDF, JPEG and PNG files are accepted.",
    )


def test_a_workbook_is_not_accepted_where_only_word_documents_are():
    with pytest.raises(FileRefused) as refused:
        file_check(samples.xlsx(), accept=accepting({DOCX}))

    assert refused.value.code == "file_type_refused"


def test_an_upload_object_is_read_in_chunks_and_left_at_its_start():
    upload = io.BytesIO(samples.pdf())
    upload.seek(100)

    checked = file_check(upload, accept=EVERYTHING)

    assert (checked.kind, upload.tell()) == (PDF, 0)


def test_a_damaged_pdf_is_refused():
    with pytest.raises(FileRefused) as refused:
        file_check(b"%PDF-1.7\n% no objects, no cross-reference table\n%%EOF\n", accept=EVERYTHING)

    assert refused.value.code == "file_damaged"


def test_a_password_protected_pdf_is_refused_and_an_owner_only_one_is_checked():
    from pyhanko.pdf_utils.crypt import StandardSecurityHandler
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    def encrypted(user_password: str, build=samples.pdf) -> bytes:
        writer = copy_into_new_writer(PdfFileReader(io.BytesIO(build())))
        writer.encrypt("owner-secret", user_password)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    assert StandardSecurityHandler  # the standard handler is the one viewers support
    with pytest.raises(FileRefused) as refused:
        file_check(encrypted("user-secret"), accept=EVERYTHING)
    assert refused.value.code == "file_encrypted"
    assert file_check(encrypted(""), accept=EVERYTHING).kind == PDF
    with pytest.raises(FileRefused) as scripted:
        file_check(encrypted("", samples.pdf_javascript), accept=EVERYTHING)
    assert scripted.value.code == "file_active_content"


def test_an_archive_of_too_many_entries_is_refused(monkeypatch):
    monkeypatch.setattr(office_limits, "MAX_ENTRIES", 5)

    with pytest.raises(FileRefused) as refused:
        file_check(samples.docx(), accept=EVERYTHING)

    assert refused.value.code == "file_bomb"


def test_an_archive_too_large_once_unpacked_is_refused(monkeypatch):
    monkeypatch.setattr(office_limits, "MAX_UNPACKED", 10_000)

    with pytest.raises(FileRefused) as refused:
        file_check(samples.xlsx(), accept=EVERYTHING)

    assert refused.value.code == "file_bomb"


def test_binary_content_is_not_taken_for_csv():
    with pytest.raises(FileRefused) as refused:
        file_check(b"\x00\x01\x02binary", accept=accepting({CSV}))

    assert refused.value.code == "file_type_refused"


def test_unknown_kinds_are_a_programming_error():
    with pytest.raises(ValueError, match="unknown file kinds"):
        accepting({"exe"})


def test_a_web_link_stays_and_other_link_schemes_are_refused():
    assert file_check(samples.pdf(), accept=EVERYTHING).kind == PDF  # https: link on open
    for build in (samples.pdf_uri_file, samples.pdf_uri_javascript):
        with pytest.raises(FileRefused) as refused:
            file_check(build(), accept=EVERYTHING)
        assert refused.value.code == "file_active_content"


def test_hidden_names_are_invisible_to_a_byte_search_but_not_to_the_parser():
    for build in (
        samples.pdf_javascript_hex_escaped,
        samples.pdf_javascript_key_hex_escaped,
        samples.pdf_javascript_in_object_stream,
    ):
        content = build()
        assert b"/JavaScript" not in content
        with pytest.raises(FileRefused) as refused:
            file_check(content, accept=EVERYTHING)
        assert refused.value.code == "file_active_content"


def test_a_pdf_of_too_many_streams_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_limits, "MAX_STREAMS", 0)

    with pytest.raises(FileRefused) as refused:
        file_check(samples.pdf(), accept=EVERYTHING)

    assert refused.value.code == "file_bomb"


def test_a_pdf_that_takes_too_long_to_check_is_refused(monkeypatch):
    monkeypatch.setattr(pdf_limits, "MAX_SECONDS", -1.0)

    with pytest.raises(FileRefused) as refused:
        file_check(samples.pdf(), accept=EVERYTHING)

    assert refused.value.code == "file_bomb"


def test_a_polyglot_is_refused_even_where_text_is_accepted():
    with pytest.raises(FileRefused) as refused:
        file_check(samples.html_pdf_polyglot(), accept=accepting({PDF, CSV}))

    assert refused.value.code == "file_type_refused"


def test_a_word_97_file_is_not_accepted_where_only_workbooks_are():
    with pytest.raises(FileRefused) as refused:
        file_check(samples.doc(), accept=accepting({XLS, XLSX}))

    assert refused.value.code == "file_type_refused"


def test_a_damaged_compound_file_is_refused():
    content = samples.doc()[:1024]

    with pytest.raises(FileRefused) as refused:
        file_check(content, accept=EVERYTHING)

    assert refused.value.code == "file_damaged"
