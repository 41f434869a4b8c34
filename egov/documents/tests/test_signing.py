"""Signing issued PDFs with a unit's certificate (PAdES) and verifying received ones:
valid, altered (bytes flipped, content added later), untrusted, invalid, unsigned, garbage."""

from __future__ import annotations

import asyncio
import datetime
import re
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import fields

from egov.documents.choices import SignatureStatus
from egov.documents.render import document_pdf
from egov.documents.signing import (
    PdfUnreadable,
    SignatureResult,
    SigningFailed,
    SigningKeyMissing,
    pdf_sign,
    pdf_verify,
    sign,
)
from egov.documents.signing.fields import ORGANISATION_FIELD, SIGNER_FIELD
from egov.documents.tests.conftest_pki import *  # noqa: F403 - the pki fixtures
from egov.documents.tests.conftest_pki import TEST_ROOT_NAME, document_build

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
REVOCATION_NOTE = (
    "Revocation was not checked online: no CRL or OCSP information is fetched, "
    "and a certificate without embedded revocation information is accepted."
)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English, whatever the Vietnamese catalogue holds."""
    with translation.override("en"):
        yield


@pytest.fixture
def signing_time(monkeypatch):
    moment = timezone.now().astimezone(VIETNAM).replace(microsecond=0)
    monkeypatch.setattr(sign, "signing_time_now", lambda: moment)
    return moment


@pytest.fixture
def issued_pdf(world):
    document = document_build(
        unit=world.district_a,
        number=5,
        notation="QĐ-UBND",
        number_notation="05/QĐ-UBND",
        issued_on=datetime.date(2020, 1, 5),
        subject="Về việc ban hành Quy chế làm việc",
        body="Điều 1. Ban hành Quy chế.",
        signing_authority="KT.",
        authority_line="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        signer_position="Phó Chủ tịch",
        signer_name="Nguyễn Văn An",
    )
    return document_pdf(document)


def sign_as_district(pdf, world, signer_name="Nguyễn Văn An"):
    return pdf_sign(
        pdf,
        unit=world.district_a,
        signer_name=signer_name,
        reason="Ban hành văn bản",
        location="Ba Đình, Hà Nội",
    )


def test_signed_document_is_valid_and_says_who_signed_and_when(
    pki_world, world, issued_pdf, signing_time
):
    signed = sign_as_district(issued_pdf, world)

    assert pdf_verify(signed) == [
        SignatureResult(
            status=SignatureStatus.VALID,
            signer_name="Nguyễn Văn An (Quận Ba Đình)",
            signed_at=signing_time,
            intact=True,
            trusted=True,
            covers_whole_file=True,
            detail=f"The signature is intact and the certificate chains to the trusted root "
            f"{TEST_ROOT_NAME}. {REVOCATION_NOTE}",
        )
    ]


def test_signature_fills_the_signer_field_as_pades_with_reason_and_location(
    pki_world, world, issued_pdf
):
    signed = sign_as_district(issued_pdf, world)

    assert signed.startswith(issued_pdf)  # an incremental update: the original is untouched
    reader = PdfFileReader(BytesIO(signed))
    [(name, value, _ref)] = list(fields.enumerate_sig_fields(reader))
    signature = value.get_object()
    assert name == SIGNER_FIELD
    assert signature["/SubFilter"] == "/ETSI.CAdES.detached"
    assert (str(signature["/Name"]), str(signature["/Reason"]), str(signature["/Location"])) == (
        "Nguyễn Văn An",
        "Ban hành văn bản",
        "Ba Đình, Hà Nội",
    )


def test_bytes_flipped_in_the_signed_range_are_altered(pki_world, world, issued_pdf):
    signed = sign_as_district(issued_pdf, world)
    offset = signed.index(b"WeasyPrint")
    assert offset < len(issued_pdf)
    tampered = signed[:offset] + b"WeasyPrinT" + signed[offset + len(b"WeasyPrint") :]

    [result] = pdf_verify(tampered)

    assert (result.status, result.intact, result.trusted) == (SignatureStatus.ALTERED, False, False)
    assert result.detail.startswith("The signed content was changed after signing")


def test_content_added_after_signing_is_altered(pki_world, world, issued_pdf):
    signed = sign_as_district(issued_pdf, world)
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    scribble = writer.add_object(generic.StreamObject(stream_data=b"0 0 m 500 700 l S"))
    writer.add_stream_to_page(0, scribble)
    out = BytesIO()
    writer.write(out)

    [result] = pdf_verify(out.getvalue())

    assert (result.status, result.intact, result.trusted, result.covers_whole_file) == (
        SignatureStatus.ALTERED,
        False,
        False,
        False,
    )
    assert result.detail.startswith("The file was changed after signing by an update")


def test_certificate_from_another_root_is_untrusted(pki, world, issued_pdf):
    pki.issue(world.district_a, trusted=False)

    [result] = pdf_verify(sign_as_district(issued_pdf, world))

    assert (result.status, result.intact, result.trusted, result.covers_whole_file) == (
        SignatureStatus.UNTRUSTED,
        True,
        False,
        True,
    )
    assert result.signer_name == "Nguyễn Văn An (Quận Ba Đình)"
    assert result.detail == (
        "The signature is intact, but the certificate does not chain to a "
        "trusted root (NO_CERTIFICATE_CHAIN_FOUND). " + REVOCATION_NOTE
    )


def test_without_configured_roots_nothing_is_trusted(pki_world, world, issued_pdf, settings):
    signed = sign_as_district(issued_pdf, world)
    settings.EGOV_TRUSTED_ROOTS = []

    [result] = pdf_verify(signed)

    assert (result.status, result.trusted) == (SignatureStatus.UNTRUSTED, False)


def test_a_broken_signature_value_is_invalid(pki_world, world, issued_pdf):
    signed = sign_as_district(issued_pdf, world)
    match = re.search(rb"/Contents <([0-9a-fA-F]+)>", signed)
    content = match.group(1).rstrip(b"0")
    position = match.start(1) + len(content) - 6  # inside the signature value, at the end
    flipped = b"0" if signed[position : position + 1] != b"0" else b"1"
    tampered = signed[:position] + flipped + signed[position + 1 :]

    [result] = pdf_verify(tampered)

    assert (result.status, result.intact, result.trusted) == (SignatureStatus.INVALID, False, False)


def test_a_pdf_without_signatures_is_unsigned(issued_pdf):
    assert pdf_verify(issued_pdf) == [
        SignatureResult(
            status=SignatureStatus.UNSIGNED,
            signer_name="",
            signed_at=None,
            intact=False,
            trusted=False,
            covers_whole_file=False,
            detail="The file has no digital signature.",
        )
    ]


NOT_PDF = "The file is not a PDF document."
DAMAGED = "The PDF file is damaged and cannot be read."


@pytest.mark.parametrize(
    ("garbage", "expected"),
    [
        (b"", NOT_PDF),
        (b"hello, world", NOT_PDF),
        (b"\x89PNG\r\n\x1a\n", NOT_PDF),
        (b"%PDF-1.7\n\x00\x01garbage", DAMAGED),
    ],
)
def test_garbage_is_a_clear_domain_error(garbage, expected):
    with pytest.raises(PdfUnreadable) as error:
        pdf_verify(garbage)

    assert error.value.code == "pdf_unreadable"
    assert error.value.status == 400
    assert error.value.message == expected


def test_a_truncated_signed_pdf_is_unreadable_or_not_valid(pki_world, world, issued_pdf):
    signed = sign_as_district(issued_pdf, world)

    try:
        results = pdf_verify(signed[: len(signed) - 300])
    except PdfUnreadable:
        results = []

    assert SignatureStatus.VALID not in [result.status for result in results]


def test_garbage_cannot_be_signed(pki_world, world):
    with pytest.raises(PdfUnreadable):
        sign_as_district(b"not a pdf at all", world)


def test_a_unit_without_a_key_cannot_sign(pki, world, issued_pdf):
    with pytest.raises(SigningKeyMissing) as error:
        sign_as_district(issued_pdf, world)

    assert error.value.code == "signing_key_missing"
    assert error.value.message == (
        f"Quận Ba Đình has no signing key and certificate in the key store. An administrator "
        f"must install them (for the demo: egov pki_demo_init --unit {world.district_a.pk})."
    )


def test_without_a_key_store_signing_is_refused(world, issued_pdf):
    with pytest.raises(SigningKeyMissing):
        sign_as_district(issued_pdf, world)


def test_a_second_signature_goes_top_right_of_page_one_and_both_stay_valid(
    pki_world, world, issued_pdf
):
    signed = sign_as_district(issued_pdf, world)
    countersigned = pdf_sign(
        signed, unit=world.city_office, signer_name="", reason="Sao y", location="Hà Nội"
    )

    first, second = pdf_verify(countersigned)

    assert (first.status, first.covers_whole_file, first.intact) == (
        SignatureStatus.VALID,
        False,
        True,
    )
    assert (second.status, second.covers_whole_file, second.signer_name) == (
        SignatureStatus.VALID,
        True,
        "Văn phòng UBND Thành phố",
    )
    reader = PdfFileReader(BytesIO(countersigned))
    named = {name: ref.get_object() for name, _v, ref in fields.enumerate_sig_fields(reader)}
    assert set(named) == {SIGNER_FIELD, ORGANISATION_FIELD}
    rect = [round(float(v)) for v in named[ORGANISATION_FIELD]["/Rect"]]
    first_page = reader.root["/Pages"]["/Kids"].raw_get(0)
    assert named[ORGANISATION_FIELD].raw_get("/P").idnum == first_page.idnum
    # 80 × 15 mm, 15 mm from the right edge and 3 mm from the top of the A4 page
    assert rect == [326, 791, 553, 833]


def test_verification_works_inside_a_running_event_loop(pki_world, world, issued_pdf):
    signed = sign_as_district(issued_pdf, world)

    async def inside_a_loop():
        return pdf_verify(signed)

    [result] = asyncio.run(inside_a_loop())

    assert result.status == SignatureStatus.VALID


def test_an_encrypted_pdf_is_refused_with_a_clear_message(pki_world, world, issued_pdf):
    writer = copy_into_new_writer(PdfFileReader(BytesIO(issued_pdf)))
    writer.encrypt("owner", "user")
    out = BytesIO()
    writer.write(out)
    encrypted = out.getvalue()

    with pytest.raises(PdfUnreadable) as unreadable:
        pdf_verify(encrypted)
    with pytest.raises(SigningFailed) as refused:
        sign_as_district(encrypted, world)

    assert unreadable.value.message == (
        "The PDF file is encrypted: ask the sender for an unencrypted copy."
    )
    assert refused.value.message == "An encrypted PDF file cannot be signed."
