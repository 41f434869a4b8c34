"""Issuing for real: the official layout rendered to PDF and signed with the unit's key; the
stored original verifies, and checking it records the result."""

from __future__ import annotations

import pytest

from egov.documents.choices import DocumentStatus, FileKind, SignatureStatus
from egov.documents.models import DocumentFile, NumberRegister, SignatureCheck
from egov.documents.services import document_file_verify, document_sign_and_issue
from egov.documents.signing import SigningKeyMissing, pdf_verify
from egov.documents.tests.factories import approved, issued


def test_the_signed_original_verifies(docs_world, pki_world, specialist, division_head, unit_head):
    document = issued(
        specialist,
        division_head,
        unit_head,
        docs_world.division_a,
        code="quyet-dinh",
        subject="Quyết định về việc thành lập tổ công tác",
    )
    signed = DocumentFile.objects.get(document=document, kind=FileKind.SIGNED)
    with signed.file.open("rb") as handle:
        content = handle.read()

    results = pdf_verify(content)
    checks = document_file_verify(actor=unit_head, file=signed)

    assert content.startswith(b"%PDF-")
    assert [(r.status, r.intact, r.trusted) for r in results] == [
        (SignatureStatus.VALID, True, True)
    ]
    assert [c.status for c in checks] == [SignatureStatus.VALID]
    assert SignatureCheck.objects.filter(file=signed).count() == 1


def test_without_a_signing_key_nothing_is_issued(
    docs_world, pki, specialist, division_head, unit_head
):
    document = approved(specialist, division_head, docs_world.division_a)

    with pytest.raises(SigningKeyMissing):
        document_sign_and_issue(actor=unit_head, document=document, expected_version=3)

    document.refresh_from_db()
    assert (document.status, document.number, document.version) == (
        DocumentStatus.APPROVED,
        None,
        3,
    )
    assert not NumberRegister.objects.exists()
    assert not DocumentFile.objects.exists()
