"""Outgoing documents through the services: draft → review → approved → signed and issued with
the next number of the unit's register; who may do what; stale pages; missing abbreviations."""

from __future__ import annotations

import datetime
import hashlib

import pytest

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, PermissionDenied
from egov.common.validation import TextRequired
from egov.documents.choices import DocumentStatus, FileKind, NumberSeries, Secrecy
from egov.documents.exceptions import MissingAbbreviation, WrongDocumentState
from egov.documents.models import Document, DocumentFile, NumberRegister
from egov.documents.services import (
    document_approve,
    document_draft_update,
    document_return_to_draft,
    document_sign_and_issue,
    document_submit_for_review,
)
from egov.documents.tests.conftest import FAKE_PDF
from egov.documents.tests.factories import approved, draft, issued
from egov.orgs.services import orgunit_update
from egov.workflow.tests.factories import at


def _actions(document):
    return list(
        AuditEvent.objects.for_object(document).order_by("id").values_list("action", flat=True)
    )


def test_a_letter_goes_from_draft_to_issued(
    docs_world, specialist, division_head, unit_head, fake_signing, clock
):
    clock.set(at(2026, 3, 10, 9))
    document = draft(specialist, docs_world.division_a)
    assert (document.status, document.unit, document.drafting_unit, document.version) == (
        DocumentStatus.DRAFT,
        docs_world.district_a,
        docs_world.division_a,
        1,
    )

    document = document_submit_for_review(actor=specialist, document=document, expected_version=1)
    document = document_approve(actor=division_head, document=document, expected_version=2)
    document = document_sign_and_issue(actor=unit_head, document=document, expected_version=3)

    document.refresh_from_db()
    assert (document.status, document.number, document.notation, document.number_notation) == (
        DocumentStatus.ISSUED,
        1,
        "UBND-VHTT",
        "01/UBND-VHTT",
    )
    assert (document.year, document.series, document.issued_on) == (
        2026,
        NumberSeries.GENERAL,
        at(2026, 3, 10).date(),
    )
    assert (document.signer, document.signer_name, document.version) == (
        unit_head,
        unit_head.full_name,
        4,
    )
    signed = DocumentFile.objects.get(document=document)
    assert (signed.kind, signed.name, signed.sha256) == (
        FileKind.SIGNED,
        "01_UBND-VHTT.pdf",
        hashlib.sha256(FAKE_PDF).hexdigest(),
    )
    assert fake_signing == ["01/UBND-VHTT"]
    assert _actions(document) == [
        "documents.draft_created",
        "documents.submitted",
        "documents.approved",
        "documents.issued",
    ]
    assert "01 ubnd vhtt" in document.search_text


def test_a_decision_takes_the_type_abbreviation(
    docs_world, specialist, division_head, unit_head, fake_signing
):
    document = issued(
        specialist,
        division_head,
        unit_head,
        docs_world.division_a,
        code="quyet-dinh",
        subject="Quyết định thành lập tổ công tác",
    )

    assert document.number_notation == "01/QĐ-UBND"


def test_numbers_follow_each_other_and_secret_documents_have_their_own_series(
    docs_world, specialist, division_head, unit_head, fake_signing
):
    first = issued(specialist, division_head, unit_head, docs_world.division_a)
    secret = issued(
        specialist,
        division_head,
        unit_head,
        docs_world.division_a,
        code="quyet-dinh",
        secrecy=Secrecy.CONFIDENTIAL,
    )
    second = issued(specialist, division_head, unit_head, docs_world.division_a, code="quyet-dinh")

    assert [d.number_notation for d in (first, secret, second)] == [
        "01/UBND-VHTT",
        "01/QĐ-UBND",
        "02/QĐ-UBND",
    ]
    assert (secret.series, second.series) == (NumberSeries.SECRET, NumberSeries.GENERAL)
    assert sorted(NumberRegister.objects.values_list("series", "last_number")) == [
        ("general", 2),
        ("secret", 1),
    ]


def test_numbering_restarts_on_the_first_of_january_vietnam_time(
    docs_world, specialist, division_head, unit_head, fake_signing, clock
):
    clock.set(at(2025, 12, 31, 16))
    last_of_year = issued(specialist, division_head, unit_head, docs_world.division_a)
    again = issued(specialist, division_head, unit_head, docs_world.division_a)
    clock.set(at(2026, 1, 1, 0, 5))  # 17:05 UTC on 31 December
    new_year = issued(specialist, division_head, unit_head, docs_world.division_a)

    assert [
        (d.number_notation, d.year, d.issued_on.isoformat())
        for d in (last_of_year, again, new_year)
    ] == [
        ("01/UBND-VHTT", 2025, "2025-12-31"),
        ("02/UBND-VHTT", 2025, "2025-12-31"),
        ("01/UBND-VHTT", 2026, "2026-01-01"),
    ]


def test_only_the_head_of_the_issuing_unit_signs(
    docs_world, specialist, division_head, unit_head, other_district_officer, fake_signing
):
    document = approved(specialist, division_head, docs_world.division_a)

    for person in (specialist, division_head, other_district_officer):
        with pytest.raises(PermissionDenied):
            document_sign_and_issue(actor=person, document=document, expected_version=3)

    document.refresh_from_db()
    assert (document.status, document.number, document.version) == (
        DocumentStatus.APPROVED,
        None,
        3,
    )
    assert not NumberRegister.objects.exists()
    assert not DocumentFile.objects.exists()
    assert fake_signing == []


def test_who_drafts_reviews_and_returns(
    docs_world, specialist, division_head, unit_head, other_district_officer, clerk
):
    with pytest.raises(PermissionDenied):
        draft(other_district_officer, docs_world.division_a)
    with pytest.raises(PermissionDenied):
        draft(clerk, docs_world.division_a)
    document = draft(specialist, docs_world.division_a)
    document = document_submit_for_review(actor=specialist, document=document, expected_version=1)
    with pytest.raises(PermissionDenied):
        document_approve(actor=specialist, document=document, expected_version=2)
    with pytest.raises(TextRequired):
        document_return_to_draft(
            actor=division_head, document=document, expected_version=2, reason="  "
        )

    document = document_return_to_draft(
        actor=division_head, document=document, expected_version=2, reason="Sửa căn cứ pháp lý"
    )

    assert (document.status, document.version) == (DocumentStatus.DRAFT, 3)
    assert Document.objects.count() == 1
    event = AuditEvent.objects.filter(action="documents.returned_to_draft").get()
    assert event.changes == {"status": ["in_review", "draft"], "reason": "Sửa căn cứ pháp lý"}


def test_a_stale_page_changes_nothing(docs_world, specialist, division_head):
    document = draft(specialist, docs_world.division_a)
    document_draft_update(
        actor=specialist,
        document=document,
        expected_version=1,
        subject="V/v triển khai chuyển đổi số (sửa)",
    )

    with pytest.raises(ConcurrentChange):
        document_submit_for_review(actor=specialist, document=document, expected_version=1)

    document.refresh_from_db()
    assert (document.status, document.version, document.subject) == (
        DocumentStatus.DRAFT,
        2,
        "V/v triển khai chuyển đổi số (sửa)",
    )
    assert AuditEvent.objects.filter(action="documents.submitted").count() == 0


def test_signing_a_draft_is_refused(docs_world, specialist, unit_head, fake_signing):
    document = draft(specialist, docs_world.division_a)

    with pytest.raises(WrongDocumentState):
        document_sign_and_issue(actor=unit_head, document=document, expected_version=1)

    assert Document.objects.get().status == DocumentStatus.DRAFT


def test_a_missing_abbreviation_is_refused_and_uses_no_number(
    docs_world, specialist, division_head, unit_head, fake_signing
):
    orgunit_update(actor=None, unit=docs_world.division_a, short_name="")
    document = approved(specialist, division_head, docs_world.division_a)

    with pytest.raises(MissingAbbreviation) as refused:
        document_sign_and_issue(actor=unit_head, document=document, expected_version=3)

    assert "Phòng Văn hóa và Thông tin" in refused.value.message
    assert not NumberRegister.objects.exists()
    assert Document.objects.get().status == DocumentStatus.APPROVED


def test_a_letter_drafted_by_the_issuing_unit_itself_needs_a_division(
    docs_world, unit_head, fake_signing
):
    document = draft(unit_head, docs_world.district_a)
    document = document_submit_for_review(actor=unit_head, document=document, expected_version=1)
    document = document_approve(actor=unit_head, document=document, expected_version=2)

    with pytest.raises(MissingAbbreviation):
        document_sign_and_issue(actor=unit_head, document=document, expected_version=3)

    assert not NumberRegister.objects.exists()


def test_the_issue_day_is_stored_in_vietnam_time(
    docs_world, specialist, division_head, unit_head, fake_signing, clock
):
    clock.set(datetime.datetime(2026, 5, 4, 23, 30, tzinfo=datetime.UTC))
    document = issued(specialist, division_head, unit_head, docs_world.division_a)

    assert document.issued_on.isoformat() == "2026-05-05"
