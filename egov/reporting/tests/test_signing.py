"""Signing a sent report from its page: the head of the reporting unit signs its document
through the documents app (official layout, numbered, PAdES with the unit's key); the receiving
unit downloads the signed PDF, which verifies; who may sign; a new sending is signed again."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.documents.choices import DocumentStatus, FileKind
from egov.documents.models import Document
from egov.documents.signing import SigningKeyMissing, pdf_verify
from egov.documents.tests.conftest_pki import pki, pki_material  # noqa: F401 - fixtures
from egov.orgs.models import OrgUnit
from egov.reporting import selectors, services
from egov.reporting.services import ReportError
from egov.reporting.services_sign import submission_sign
from egov.reporting.tests.conftest import Setup
from egov.reporting.tests.test_services import GOOD, fill, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(setup: Setup, pki):  # noqa: F811 - the fixture above
    """The chairman of Phúc Xá, whose ward has an abbreviation and a signing key."""
    OrgUnit.objects.filter(pk=setup.a.unit_id).update(short_name="UBND")
    pki.issue(setup.a.unit)
    return make_officer("chutich.phucxa@example.vn", setup.a.unit, "unit_head")


def _sent(setup: Setup):
    return send(fill(setup, setup.a, setup.filler_a, GOOD), setup.filler_a)


def test_head_signs_the_sent_report_and_the_receiver_downloads_the_signed_pdf(
    setup: Setup, head, client, clock
) -> None:
    sent = _sent(setup)
    signed = submission_sign(actor=head, submission=sent, expected_version=sent.version)

    assert signed.signed_by_id == head.pk and signed.signed_at is not None
    assert signed.status == "submitted"
    document = Document.objects.get(pk=signed.document_id)
    assert document.status == DocumentStatus.ISSUED
    assert document.number_notation == "01/BC-UBND"
    assert document.signer_id == head.pk
    assert list(
        AuditEvent.objects.filter(object_id=str(document.pk), action__startswith="documents.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "documents.draft_created",
        "documents.submitted",
        "documents.approved",
        "documents.issued",
    ]
    event = AuditEvent.objects.filter(action="reporting.submission_signed").get()
    assert event.object_id == str(signed.pk) and event.changes["document"] == "01/BC-UBND"
    stored = selectors.signed_file(signed)
    assert stored.kind == FileKind.SIGNED

    client.force_login(setup.receiver)
    page = client.get(reverse("reporting:submission-detail", args=[signed.pk]))
    assert "01/BC-UBND" in page.content.decode()
    assert not selectors.submission_page(setup.receiver, signed).may_sign
    response = client.get(reverse("reporting:submission-signed", args=[signed.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    [result] = pdf_verify(content)
    assert result.intact and result.trusted and result.covers_whole_file


def test_only_the_head_signs_and_nothing_is_written_when_refused(setup: Setup, head, clock) -> None:
    sent = _sent(setup)
    with pytest.raises(PermissionDenied):
        submission_sign(actor=setup.filler_a, submission=sent, expected_version=sent.version)
    with pytest.raises(PermissionDenied):
        submission_sign(actor=setup.receiver, submission=sent, expected_version=sent.version)

    sent.refresh_from_db()
    assert sent.signed_at is None
    assert Document.objects.get(pk=sent.document_id).status == DocumentStatus.DRAFT
    assert not AuditEvent.objects.filter(action="reporting.submission_signed").exists()
    assert selectors.submission_page(head, sent).may_sign
    assert not selectors.submission_page(setup.filler_a, sent).may_sign


def test_a_draft_or_a_signed_report_is_not_signed(setup: Setup, head, clock) -> None:
    draft = fill(setup, setup.a, setup.filler_a, GOOD)
    with pytest.raises(
        ReportError,
        match=re.escape(gettext("Only a sent report waiting for its decision is signed.")),
    ):
        submission_sign(actor=head, submission=draft, expected_version=draft.version)
    sent = send(draft, setup.filler_a)
    signed = submission_sign(actor=head, submission=sent, expected_version=sent.version)
    with pytest.raises(ReportError, match=re.escape(gettext("This report is already signed."))):
        submission_sign(actor=head, submission=signed, expected_version=signed.version)


def test_a_unit_without_a_key_is_told_and_nothing_is_signed(setup: Setup, pki, clock) -> None:  # noqa: F811
    OrgUnit.objects.filter(pk=setup.a.unit_id).update(short_name="UBND")
    head = make_officer("chutich.phucxa@example.vn", setup.a.unit, "unit_head")
    sent = _sent(setup)
    with pytest.raises(SigningKeyMissing) as refused:
        submission_sign(actor=head, submission=sent, expected_version=sent.version)
    assert refused.value.code == "signing_key_missing"
    sent.refresh_from_db()
    assert sent.signed_at is None
    assert Document.objects.get(pk=sent.document_id).status == DocumentStatus.DRAFT


def test_returned_and_sent_again_is_a_new_document_to_sign(setup: Setup, head, clock) -> None:
    sent = _sent(setup)
    signed = submission_sign(actor=head, submission=sent, expected_version=sent.version)
    returned = services.submission_return(
        actor=setup.receiver, submission=signed, reason="Sai số thu", expected_version=None
    )
    again = send(fill(setup, returned, setup.filler_a, GOOD), setup.filler_a)

    assert again.signed_at is None and again.document_id != signed.document_id
    assert selectors.signed_file(again) is None
    resigned = submission_sign(actor=head, submission=again, expected_version=again.version)
    assert Document.objects.get(pk=resigned.document_id).number_notation == "02/BC-UBND"


def test_the_sign_page_action_signs_and_a_wrong_version_is_told(
    setup: Setup, head, client, clock
) -> None:
    sent = _sent(setup)
    client.force_login(head)
    url = reverse("reporting:submission-sign", args=[sent.pk])

    stale = client.post(url, {"expected_version": sent.version - 1})
    assert stale.status_code == 409
    response = client.post(url, {"expected_version": sent.version})

    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.signed_by_id == head.pk
    page = client.get(reverse("reporting:submission-detail", args=[sent.pk]))
    assert "Sign the report" not in page.content.decode()
