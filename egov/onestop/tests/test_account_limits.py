"""What one public account may hold: files only once its contact is confirmed, a capped number
of drafts and a capped amount of stored bytes across them (issue 14 §1)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from egov.accounts.services import contact_verification_link, public_account_register
from egov.onestop.models import Dossier, DossierFile
from egov.onestop.services.online import InvalidApplication, dossier_draft_save
from egov.onestop.services.uploads import FileRefused, dossier_file_upload
from egov.onestop.tests.online_helpers import (
    FORM_DATA,
    PDF,
    agency_code_set,
    draft_for,
    first_document,
    online_procedure,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedure(world):
    agency_code_set(world)
    return online_procedure()


@pytest.fixture
def unconfirmed():
    """An account as the public registration page makes it: contact not yet confirmed."""
    return public_account_register(
        full_name="Lê Văn Cường",
        password="Hà-Nội-2026-an-toàn",
        email="cuong.le@example.vn",
        citizen_id="001090000123",
        contact_verified=False,
    )


def test_a_draft_holds_no_file_before_the_contact_is_confirmed(client, procedure, unconfirmed):
    dossier = dossier_draft_save(actor=unconfirmed, procedure=procedure, form_data=FORM_DATA)
    client.force_login(unconfirmed)

    with pytest.raises(FileRefused) as refused:
        dossier_file_upload(actor=unconfirmed, dossier=dossier, upload=upload("don.pdf", PDF))
    page = client.post(
        reverse("onestop:my-dossier-upload", args=[dossier.pk]),
        {"file": upload("don.pdf", PDF), "document": first_document(procedure).pk},
    )

    assert refused.value.code == "contact_not_verified"
    assert "Hãy xác nhận địa chỉ thư điện tử hoặc số điện thoại trước khi thêm tệp" in (
        page.content.decode()
    )
    assert not DossierFile.objects.filter(dossier=dossier).exists()


def test_after_confirming_the_same_upload_is_accepted(client, procedure, unconfirmed):
    dossier = dossier_draft_save(actor=unconfirmed, procedure=procedure, form_data=FORM_DATA)
    link = contact_verification_link(unconfirmed)
    client.get(link[link.index("/accounts/") :])
    unconfirmed.refresh_from_db()

    dossier_file_upload(actor=unconfirmed, dossier=dossier, upload=upload("don.pdf", PDF))

    assert DossierFile.objects.filter(dossier=dossier).count() == 1


@override_settings(EGOV_DRAFTS_PER_ACCOUNT=2)
def test_drafts_past_the_cap_are_refused(procedure, citizen):
    for _ in range(2):
        dossier_draft_save(actor=citizen, procedure=procedure, form_data=FORM_DATA)

    with pytest.raises(InvalidApplication) as refused:
        dossier_draft_save(actor=citizen, procedure=procedure, form_data=FORM_DATA)

    assert refused.value.code == "too_many_drafts"
    assert Dossier.objects.filter(applicant=citizen).count() == 2


def test_the_bytes_of_all_drafts_of_an_account_are_capped(procedure, citizen):
    first = draft_for(citizen, procedure)  # one PDF in a first draft
    second = dossier_draft_save(actor=citizen, procedure=procedure, form_data=FORM_DATA)

    with (
        override_settings(EGOV_DRAFT_BYTES_PER_ACCOUNT=len(PDF) + len(PDF) // 2),
        pytest.raises(FileRefused) as refused,
    ):
        dossier_file_upload(actor=citizen, dossier=second, upload=upload("b.pdf", PDF))

    assert refused.value.code == "drafts_too_big"
    assert DossierFile.objects.filter(dossier__applicant=citizen).count() == 1
    assert first.files.count() == 1
