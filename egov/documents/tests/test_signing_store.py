"""Storing verification results as ``SignatureCheck`` rows of a file."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile

from egov.audit.models import AuditEvent
from egov.documents.choices import FileKind, SignatureStatus
from egov.documents.models import DocumentFile, SignatureCheck
from egov.documents.signing import SignatureResult, signature_checks_store
from egov.documents.tests.conftest_pki import document_build

SIGNED_AT = datetime.datetime(2026, 11, 22, 9, 30, 15, tzinfo=datetime.UTC)


@pytest.fixture
def received_file(world):
    document = document_build(unit=world.district_a)
    return DocumentFile.objects.create(
        document=document,
        kind=FileKind.ATTACHMENT,
        file=ContentFile(b"%PDF-1.7", name="a.pdf"),
        name="a.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
    )


def result(status, name="Quận Ba Đình", **changes):
    values = {
        "status": status,
        "signer_name": name,
        "signed_at": SIGNED_AT,
        "intact": True,
        "trusted": status == SignatureStatus.VALID,
        "covers_whole_file": True,
        "detail": f"{status} detail",
    }
    values.update(changes)
    return SignatureResult(**values)


def rows_of(file):
    return list(
        SignatureCheck.objects.filter(file=file)
        .order_by("pk")
        .values_list(
            "status", "signer_name", "signed_at", "intact", "trusted", "covers_whole_file", "detail"
        )
    )


def test_results_are_stored_in_order(received_file):
    signature_checks_store(
        file=received_file,
        results=[
            result(SignatureStatus.VALID),
            result(SignatureStatus.UNTRUSTED, name="Unknown", covers_whole_file=False),
        ],
    )

    assert rows_of(received_file) == [
        ("valid", "Quận Ba Đình", SIGNED_AT, True, True, True, "valid detail"),
        ("untrusted", "Unknown", SIGNED_AT, True, False, False, "untrusted detail"),
    ]
    # the calling service audits, with its actor
    assert not AuditEvent.objects.filter(action__contains="signature").exists()


def test_a_new_check_replaces_the_previous_rows(received_file):
    signature_checks_store(file=received_file, results=[result(SignatureStatus.VALID)] * 2)

    signature_checks_store(
        file=received_file, results=[result(SignatureStatus.ALTERED, intact=False)]
    )

    assert rows_of(received_file) == [
        ("altered", "Quận Ba Đình", SIGNED_AT, False, False, True, "altered detail")
    ]


def test_unsigned_result_is_stored_with_no_time(received_file):
    signature_checks_store(
        file=received_file,
        results=[
            SignatureResult(
                status=SignatureStatus.UNSIGNED,
                signer_name="",
                signed_at=None,
                intact=False,
                trusted=False,
                covers_whole_file=False,
                detail="none",
            )
        ],
    )

    assert rows_of(received_file) == [("unsigned", "", None, False, False, False, "none")]
