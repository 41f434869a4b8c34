"""The applicant signs the online application from their phone: the platform renders the
application form, the certification authority's remote-signing service (the CSC simulator,
in-process) signs its hash once the phone's code is given, documents' remote signing embeds
it, the signed PDF is a file of the dossier, and the desk sees it verified by ``pdf_verify``
(a file changed afterwards shows invalid); counted by the mobile-signature figures."""

from __future__ import annotations

import datetime
import html
import re
from io import BytesIO

import httpx
import pytest
from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader

from egov.audit.models import AuditEvent
from egov.documents.signing import pdf_verify
from egov.documents.signing.fields import SIGNER_FIELD
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError
from egov.integration.services import client as connector_client
from egov.integration.simulators import csc
from egov.onestop.choices import AuditAction, DossierFileKind
from egov.onestop.figures import (
    dossiers_signed_mobile,
    procedures_online,
    procedures_signed_mobile,
)
from egov.onestop.models import Dossier, DossierFile
from egov.onestop.services.desk import dossier_receive
from egov.onestop.services.online import dossier_draft_save, dossier_submit
from egov.onestop.services.signing import dossier_application_sign
from egov.onestop.tests.online_helpers import (
    FORM_DATA,
    KEY,
    agency_code_set,
    draft_for,
    online_definition,
    online_procedure,
)

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}
VI = {"Accept-Language": "vi"}


@pytest.fixture
def procedure(world):
    agency_code_set(world)
    return online_procedure()


@pytest.fixture
def draft(citizen, procedure):
    return draft_for(citizen, procedure)


def _signed_files(dossier):
    return DossierFile.objects.filter(dossier=dossier, kind=DossierFileKind.SIGNED_APPLICATION)


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _received(citizen, dossier, world, officer):
    submitted = dossier_submit(
        declared=True, actor=citizen, dossier=dossier, idempotency_key=KEY, unit=world.district_a
    )
    online_definition(world, submitted.procedure)
    return dossier_receive(actor=officer, dossier=submitted)


def test_the_applicant_signs_and_the_signature_verifies(simulators, citizen, draft):
    dossier = dossier_application_sign(actor=citizen, dossier=draft, otp=csc.PHONE_CODE)

    stored = _signed_files(dossier).get()
    signed_pdf = stored.file.read()
    results = pdf_verify(signed_pdf)
    assert dossier.application_signing_method == "remote"
    assert dossier.application_signed_at is not None
    assert stored.content_type == "application/pdf"
    assert [(r.status, r.intact, r.trusted, r.covers_whole_file) for r in results] == [
        ("valid", True, True, True)
    ]
    assert results[0].signer_name == "Nguyễn Văn An (001085012345)"
    # In the applicant's place under "Người làm đơn", not over the national motto at the top.
    reader = PdfFileReader(BytesIO(signed_pdf))
    (signature,) = reader.embedded_signatures
    assert signature.field_name == SIGNER_FIELD
    field = signature.sig_field
    widget = field["/Kids"][0] if "/Kids" in field else field
    _x1, y1, _x2, y2 = (float(v) for v in widget["/Rect"])
    page_height = float(reader.root["/Pages"]["/Kids"][0]["/MediaBox"][3])
    assert max(y1, y2) < page_height / 2
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_APPLICATION_SIGNED)
    assert event.changes["method"] == "remote"
    assert event.changes["file"] == stored.pk
    assert csc.PHONE_CODE not in str(event.changes)


def test_a_wrong_phone_code_signs_nothing_and_keeps_the_draft(simulators, citizen, draft):
    with pytest.raises(IntegrationError) as caught:
        dossier_application_sign(actor=citizen, dossier=draft, otp="000000")

    draft.refresh_from_db()
    assert caught.value.code == "wrong_otp"
    assert draft.status == "draft"
    assert draft.application_signed_at is None
    assert draft.application_signing_method == ""
    assert not _signed_files(draft).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.DOSSIER_APPLICATION_SIGNED).exists()


@pytest.mark.parametrize(
    "answer",
    [
        lambda request: httpx.Response(503, text="down"),
        lambda request: httpx.Response(200, text="<html>not json</html>"),
        lambda request: httpx.Response(200, json={"credentialIDs": "garbage"}),
    ],
    ids=["down", "not-json", "garbage"],
)
def test_the_service_down_or_answering_garbage_signs_nothing(
    settings, simulators, citizen, draft, answer
):
    connector_client.transport_set(httpx.MockTransport(answer))

    with pytest.raises((ConnectorUnavailable, IntegrationError)):
        dossier_application_sign(actor=citizen, dossier=draft, otp=csc.PHONE_CODE)

    draft.refresh_from_db()
    assert draft.status == "draft"
    assert draft.application_signed_at is None
    assert not _signed_files(draft).exists()


def test_a_second_request_makes_no_second_signature(simulators, citizen, draft):
    stale = Dossier.objects.get(pk=draft.pk)  # what a second click's request had read
    dossier_application_sign(actor=citizen, dossier=draft, otp=csc.PHONE_CODE)

    again = dossier_application_sign(actor=citizen, dossier=stale, otp=csc.PHONE_CODE)

    assert again.application_signing_method == "remote"
    assert _signed_files(draft).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_APPLICATION_SIGNED).count() == 1


def test_changing_the_form_after_signing_removes_the_signature(simulators, citizen, draft):
    dossier_application_sign(actor=citizen, dossier=draft, otp=csc.PHONE_CODE)

    changed = dossier_draft_save(
        actor=citizen,
        procedure=draft.procedure,
        dossier=Dossier.objects.get(pk=draft.pk),
        form_data={**FORM_DATA, "purpose": "Sửa chữa"},
    )

    assert changed.application_signed_at is None
    assert changed.application_signing_method == ""
    assert not _signed_files(draft).exists()
    saved = AuditEvent.objects.filter(action=AuditAction.DOSSIER_DRAFT_SAVED).last()
    assert len(saved.changes["application_signature_removed"]) == 1


def test_the_citizen_signs_on_the_page_and_a_wrong_code_says_why(
    simulators, client, citizen, draft
):
    client.force_login(citizen)
    url = reverse("onestop:my-dossier-sign", args=[draft.pk])

    shown = client.get(url, headers=VI)
    wrong = client.post(url, {"otp": "000000"}, headers=VI)
    signed = client.post(url, {"otp": csc.PHONE_CODE}, headers=VI)
    detail = client.get(reverse("onestop:my-dossier-detail", args=[draft.pk]), headers=EN)

    assert shown.status_code == 200
    assert "CN=001085012345" in _text(shown)
    assert wrong.status_code == 422
    assert "Mã xác nhận trên điện thoại không đúng hoặc đã hết hiệu lực." in _text(wrong)
    assert signed.status_code == 302
    assert "Application signed with the digital signature on your phone" in _text(detail)
    assert _signed_files(draft).count() == 1


def test_the_page_says_when_the_service_is_down(settings, simulators, client, citizen, draft):
    client.force_login(citizen)
    connector_client.transport_set(httpx.MockTransport(lambda r: httpx.Response(503)))
    url = reverse("onestop:my-dossier-sign", args=[draft.pk])

    response = client.post(url, {"otp": csc.PHONE_CODE}, headers=VI)

    assert response.status_code == 503
    assert "Hồ sơ nháp của bạn vẫn được giữ" in _text(response)
    assert not _signed_files(draft).exists()


def test_the_desk_sees_the_signature_verified_and_a_changed_file_invalid(
    simulators, client, world, citizen, draft, front_desk_officer
):
    dossier_application_sign(actor=citizen, dossier=draft, otp=csc.PHONE_CODE)
    received = _received(citizen, Dossier.objects.get(pk=draft.pk), world, front_desk_officer)
    client.force_login(front_desk_officer)
    url = reverse("onestop:officer-dossier-detail", args=[received.pk])

    intact = client.get(url, headers=EN)
    stored = _signed_files(received).get()
    content = bytearray(stored.file.read())
    at = len(content) // 4  # inside the first revision: signed content, not the signature
    content[at] ^= 0x01
    with stored.file.storage.open(stored.file.name, "wb") as handle:
        handle.write(bytes(content))
    tampered = client.get(url, headers=EN)

    assert intact.status_code == 200
    assert 'data-status="valid"' in intact.content.decode()
    assert "Signed by the applicant with the digital signature on their phone" in _text(intact)
    assert tampered.status_code == 200
    assert 'data-status="valid"' not in tampered.content.decode()
    assert "badge-off" in tampered.content.decode().split('id="application-signature"')[1]


def test_the_figures_count_online_services_signed_from_a_phone(
    simulators, world, citizen, draft, front_desk_officer, procedure
):
    dossier_application_sign(actor=citizen, dossier=draft, otp=csc.PHONE_CODE)
    _received(citizen, Dossier.objects.get(pk=draft.pk), world, front_desk_officer)
    today = timezone.localdate()
    span = {"first": today - datetime.timedelta(days=1), "last": today, "unit_ids": None}

    assert dossiers_signed_mobile(**span) == {world.district_a.pk: 1}
    assert procedures_online(**span) == {world.district_a.pk: 1}
    assert procedures_signed_mobile(**span) == {world.district_a.pk: 1}
