"""Signing from the signer's phone: a certification authority's remote-signing service through
the Cloud Signature Consortium API v2 (integration's adapter, the CSC simulator in-process),
pyHanko's interrupted signing with an external signer. The issued PDF's signature validates
with pyHanko against the simulator's root and with the registry's own verification once that
root is trusted; a wrong phone code or the service down issues nothing; counted and audited."""

from __future__ import annotations

import base64
import hashlib
from io import BytesIO

import httpx
import pytest
from cryptography import x509 as crypto_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from django.core.handlers.wsgi import WSGIHandler
from django.urls import reverse
from django.utils import timezone
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from egov.audit.models import AuditEvent
from egov.documents.choices import AuditAction, DocumentStatus, FileKind, SignatureStatus
from egov.documents.figures import signed_electronically, signed_remotely
from egov.documents.models import DocumentFile, NumberRegister
from egov.documents.services import document_sign_and_issue
from egov.documents.signing import pdf_verify
from egov.documents.tests.factories import approved
from egov.integration.choices import IntegrationAuditAction
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError
from egov.integration.models import ConnectorCall
from egov.integration.services import client as connector_client
from egov.integration.services.remote_signing import remote_credential_get, remote_hash_sign
from egov.integration.simulators import csc
from egov.integration.tests.conftest import InProcess, Recording

pytestmark = pytest.mark.django_db


@pytest.fixture
def simulators(settings):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.SITE_URL = "http://testserver"
    connector_client.breakers_reset()
    connector_client.transport_set(InProcess(app=WSGIHandler()))
    yield
    connector_client.transport_set(None)
    connector_client.breakers_reset()


@pytest.fixture
def sim_root(tmp_path):
    path = tmp_path / "csc-root.pem"
    path.write_bytes(csc.root()[1].public_bytes(serialization.Encoding.PEM))
    return path


def _approved(docs_world, specialist, division_head):
    return approved(specialist, division_head, docs_world.division_a, code="quyet-dinh")


def test_the_adapter_lists_authorises_with_the_phone_code_and_signs_the_hash(simulators, unit_head):
    credential = remote_credential_get(actor=unit_head, user_id=unit_head.email)
    digest = hashlib.sha256(b"to be signed").digest()

    value = remote_hash_sign(
        actor=unit_head, credential=credential, digest=digest, otp=csc.PHONE_CODE
    )

    certificate = crypto_x509.load_der_x509_certificate(credential.certificates[0])
    certificate.public_key().verify(value, digest, ec.ECDSA(Prehashed(hashes.SHA256())))
    assert credential.key_type == "ecdsa"
    assert len(credential.certificates) == 2  # the signer's, then the root
    calls = list(ConnectorCall.objects.order_by("pk").values_list("service", "outcome"))
    assert calls == [
        ("credentials/list", "success"),
        ("credentials/info", "success"),
        ("credentials/authorize", "success"),
        ("signatures/signHash", "success"),
    ]
    event = AuditEvent.objects.get(action=IntegrationAuditAction.REMOTE_SIGNATURE_MADE)
    assert csc.PHONE_CODE not in str(event.changes)


def test_a_wrong_phone_code_is_refused_and_nothing_signed(simulators, unit_head):
    credential = remote_credential_get(actor=unit_head, user_id=unit_head.email)

    with pytest.raises(IntegrationError) as caught:
        remote_hash_sign(actor=unit_head, credential=credential, digest=bytes(32), otp="000000")

    assert caught.value.code == "wrong_otp"
    assert not ConnectorCall.objects.filter(service="signatures/signHash").exists()


def test_the_simulator_uses_a_sad_once_and_for_its_hashes_only(simulators, client, settings):
    credential_id = csc.credential_id_of("a@example.vn")
    digest = base64.b64encode(bytes(32)).decode()
    authorise = {
        "credentialID": credential_id,
        "numSignatures": 1,
        "hashes": [digest],
        "hashAlgorithmOID": csc._SHA256,
        "OTP": csc.PHONE_CODE,
    }
    sad = client.post(
        reverse("sim:csc-authorize"), authorise, content_type="application/json"
    ).json()["SAD"]
    sign = {
        "credentialID": credential_id,
        "SAD": sad,
        "hashes": [base64.b64encode(b"1" * 32).decode()],
        "hashAlgorithmOID": csc._SHA256,
        "signAlgo": csc._ECDSA_SHA256,
    }

    other_hash = client.post(reverse("sim:csc-sign-hash"), sign, content_type="application/json")
    replay = client.post(
        reverse("sim:csc-sign-hash"), {**sign, "hashes": [digest]}, content_type="application/json"
    )

    assert other_hash.status_code == 400  # the SAD is spent by the refused try too
    assert replay.status_code == 400


def test_a_document_signed_from_the_phone_validates(
    simulators, sim_root, settings, docs_world, pki, specialist, division_head, unit_head
):
    document = _approved(docs_world, specialist, division_head)

    document = document_sign_and_issue(
        actor=unit_head,
        document=document,
        expected_version=document.version,
        method="remote",
        otp=csc.PHONE_CODE,
    )

    assert (document.status, document.signing_method) == (DocumentStatus.ISSUED, "remote")
    signed = DocumentFile.objects.get(document=document, kind=FileKind.SIGNED)
    with signed.file.open("rb") as handle:
        content = handle.read()
    reader = PdfFileReader(BytesIO(content))
    (embedded,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(sim_root))])
    status = validate_pdf_signature(embedded, context)
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.signing_cert.subject.native["common_name"] == unit_head.email
    assert status.coverage.name == "ENTIRE_FILE"
    # the registry's own verification: the simulated service's root is trusted in the demo
    assert [(r.status, r.intact, r.trusted) for r in pdf_verify(content)] == [
        (SignatureStatus.VALID, True, True)
    ]
    event = AuditEvent.objects.get(action=AuditAction.ISSUED, object_id=str(document.pk))
    assert event.changes["signing_method"] == "remote"
    today = timezone.localdate()
    unit = document.unit_id
    assert signed_remotely(first=today, last=today, unit_ids=None) == {unit: 1}
    assert signed_electronically(first=today, last=today, unit_ids=None) == {unit: 1}


def test_a_wrong_code_issues_nothing(
    simulators, docs_world, pki, specialist, division_head, unit_head
):
    document = _approved(docs_world, specialist, division_head)

    with pytest.raises(IntegrationError):
        document_sign_and_issue(
            actor=unit_head,
            document=document,
            expected_version=document.version,
            method="remote",
            otp="999999",
        )

    document.refresh_from_db()
    assert (document.status, document.number) == (DocumentStatus.APPROVED, None)
    assert not NumberRegister.objects.exists()
    assert not DocumentFile.objects.exists()


def test_the_service_down_issues_nothing(
    settings, docs_world, pki, specialist, division_head, unit_head
):
    settings.EGOV_INTEGRATION_SIMULATORS = True
    settings.EGOV_INTEGRATION_RETRIES = 1
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))
    document = _approved(docs_world, specialist, division_head)
    try:
        with pytest.raises(ConnectorUnavailable):
            document_sign_and_issue(
                actor=unit_head,
                document=document,
                expected_version=document.version,
                method="remote",
                otp=csc.PHONE_CODE,
            )
    finally:
        connector_client.transport_set(None)
        connector_client.breakers_reset()

    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED
    assert ConnectorCall.objects.get().outcome == "failed"


def test_the_sign_form_offers_the_phone_and_asks_for_its_code(
    simulators, client, docs_world, pki, specialist, division_head, unit_head
):
    document = _approved(docs_world, specialist, division_head)
    client.force_login(unit_head)
    url = reverse("documents:document-detail", args=[document.pk])

    page = client.get(url).content.decode()
    refused = client.post(
        reverse("documents:document-action", args=[document.pk, "sign_issue"]),
        {"expected_version": document.version, "method": "remote", "otp": ""},
    )

    assert 'value="remote"' in page
    assert refused.status_code == 400
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED


def test_without_a_service_only_the_unit_key_is_offered(
    client, settings, docs_world, pki, specialist, division_head, unit_head
):
    settings.EGOV_INTEGRATION_SIMULATORS = False
    document = _approved(docs_world, specialist, division_head)
    client.force_login(unit_head)

    page = client.get(reverse("documents:document-detail", args=[document.pk])).content.decode()

    assert 'value="remote"' not in page
