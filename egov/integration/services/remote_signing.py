"""Signatures from the signer's phone: a certification authority's remote-signing service
through the Cloud Signature Consortium API v2 (the model of Vietnamese remote-signing
services), called through the one connector client.

The flow (CSC API v2, §11): ``credentials/list`` (the signer's credentials at the service),
``credentials/info`` (the certificate chain and the key's algorithm), ``credentials/authorize``
(the signer confirms on the phone, here with the one-time code the phone shows; the service
returns the Signature Activation Data, SAD, bound to the hash) and ``signatures/signHash``
(the raw signature of the hash). This module never sees a private key: documents builds the
PDF signature (pyHanko) around the value returned.

Unconfirmed: which CSC authorisation mode each Vietnamese service uses (an OTP in
``credentials/authorize``, an OAuth2 ``credential`` scope, or a push the service waits on) and
the user identifier it knows a signer by; we send the officer's e-mail as ``userID`` and the
phone's code as ``OTP``.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.integration.choices import ConnectorCode, IntegrationAuditAction
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError
from egov.integration.rules import identifier_masked
from egov.integration.services.client import (
    CallContext,
    Reply,
    connector_base_url,
    connector_call,
    connector_is_simulated,
)

SHA256_OID = "2.16.840.1.101.3.4.2.1"
# The signature algorithms the document signer can embed (CMS SignerInfo), by key type.
SIGN_ALGORITHMS = {
    "1.2.840.10045.4.3.2": "ecdsa",  # ecdsa-with-SHA256
    "1.2.840.10045.2.1": "ecdsa",  # id-ecPublicKey (the key's algorithm in credentials/info)
    "1.2.840.113549.1.1.11": "rsa",  # sha256WithRSAEncryption
    "1.2.840.113549.1.1.1": "rsa",  # rsaEncryption
}
SIGN_ALGO_FOR = {"ecdsa": "1.2.840.10045.4.3.2", "rsa": "1.2.840.113549.1.1.11"}


@dataclass(frozen=True)
class RemoteCredential:
    """A signer's credential at the remote-signing service: its id, the certificates (DER,
    the signer's first, then the chain) and the key type ("ecdsa" or "rsa")."""

    credential_id: str
    certificates: tuple[bytes, ...]
    key_type: str


def remote_signing_available() -> bool:
    """Whether a remote-signing service is configured (or simulated)."""
    return bool(connector_base_url(ConnectorCode.REMOTE_SIGNING))


def remote_signing_simulated_roots() -> list[bytes]:
    """The root certificate (DER) of the remote-signing simulator when the connector is
    simulated (the demo), so the documents it signs verify as trusted there; none otherwise:
    a real service's CA root is added to EGOV_TRUSTED_ROOTS by the operator."""
    if not connector_is_simulated(ConnectorCode.REMOTE_SIGNING):
        return []
    from cryptography.hazmat.primitives import serialization

    from egov.integration.simulators.csc import root

    return [root()[1].public_bytes(serialization.Encoding.DER)]


def _post(service: str, payload: dict[str, Any], context: CallContext) -> Reply:
    return connector_call(
        connector=ConnectorCode.REMOTE_SIGNING,
        method="POST",
        service=service,
        context=context,
        payload=payload,
    )


def _refused(reply: Reply) -> None:
    """A CSC error answer (``{"error": ..., "error_description": ...}``) as our error."""
    if reply.status_code < 400:
        return
    error = str(reply.data.get("error", ""))
    if error in ("invalid_otp", "invalid_request_otp", "access_denied"):
        message = _("The code from your phone is wrong or has expired.")
        raise IntegrationError(message, code="wrong_otp", fields={"otp": message})
    raise ConnectorUnavailable(
        _("The remote signing service refused the request (%(error)s).")
        % {"error": error[:60] or reply.status_code}
    )


def _b64(value: Any) -> bytes:
    if not isinstance(value, str):
        raise ConnectorUnavailable(_("The remote signing service answered something unusable."))
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ConnectorUnavailable(
            _("The remote signing service answered something unusable.")
        ) from exc


def remote_credential_get(*, actor: Any, user_id: str, issue: str = "") -> RemoteCredential:
    """The signer's first usable credential at the remote-signing service, with its
    certificate chain. Raises :class:`IntegrationError` (``no_remote_credential``) when the
    signer has none there, :class:`ConnectorUnavailable` when the service cannot be used."""
    # the signer is the actor (in the log); no looked-up identifier: it is their own
    context = CallContext(actor=actor, issue=issue)
    reply = _post("credentials/list", {"userID": user_id, "maxResults": 10}, context)
    _refused(reply)
    ids = reply.data.get("credentialIDs")
    if not isinstance(ids, list) or not ids or not isinstance(ids[0], str):
        raise IntegrationError(
            _("You have no signing certificate at the remote signing service."),
            code="no_remote_credential",
        )
    credential_id = ids[0]
    reply = _post(
        "credentials/info",
        {"credentialID": credential_id, "certificates": "chain", "certInfo": False},
        context,
    )
    _refused(reply)
    key, cert = reply.data.get("key"), reply.data.get("cert")
    if not isinstance(key, dict) or not isinstance(cert, dict):
        raise ConnectorUnavailable(_("The remote signing service answered something unusable."))
    if key.get("status") != "enabled" or cert.get("status", "valid") != "valid":
        raise IntegrationError(
            _("Your signing certificate at the remote signing service is not usable now."),
            code="remote_credential_disabled",
        )
    algorithms = [a for a in key.get("algo") or [] if a in SIGN_ALGORITHMS]
    certificates = tuple(_b64(c) for c in cert.get("certificates") or [])
    if not algorithms or not certificates:
        raise ConnectorUnavailable(_("The remote signing service answered something unusable."))
    return RemoteCredential(
        credential_id=credential_id,
        certificates=certificates,
        key_type=SIGN_ALGORITHMS[algorithms[0]],
    )


def remote_hash_sign(
    *, actor: Any, credential: RemoteCredential, digest: bytes, otp: str, issue: str = ""
) -> bytes:
    """Have the service sign the SHA-256 ``digest`` with ``credential`` once the signer
    confirmed with the code ``otp`` their phone shows; returns the raw signature value (DER
    ECDSA-Sig-Value or RSA PKCS#1 v1.5). Audited (the credential masked, never the code)."""
    otp = (otp or "").strip()
    if not otp.isdigit() or not 4 <= len(otp) <= 10:
        message = _("Enter the code your phone shows.")
        raise IntegrationError(message, code="wrong_otp", fields={"otp": message})
    context = CallContext(actor=actor, issue=issue)
    hashes = [base64.b64encode(digest).decode()]
    reply = _post(
        "credentials/authorize",
        {
            "credentialID": credential.credential_id,
            "numSignatures": 1,
            "hashes": hashes,
            "hashAlgorithmOID": SHA256_OID,
            "OTP": otp,
        },
        context,
    )
    _refused(reply)
    sad = reply.data.get("SAD")
    if not isinstance(sad, str) or not sad:
        raise ConnectorUnavailable(_("The remote signing service answered something unusable."))
    reply = _post(
        "signatures/signHash",
        {
            "credentialID": credential.credential_id,
            "SAD": sad,
            "hashes": hashes,
            "hashAlgorithmOID": SHA256_OID,
            "signAlgo": SIGN_ALGO_FOR[credential.key_type],
        },
        context,
    )
    _refused(reply)
    signatures = reply.data.get("signatures")
    if not isinstance(signatures, list) or len(signatures) != 1:
        raise ConnectorUnavailable(_("The remote signing service answered something unusable."))
    value = _b64(signatures[0])
    with transaction.atomic():
        event_record(
            actor=actor,
            action=IntegrationAuditAction.REMOTE_SIGNATURE_MADE,
            obj=reply.call,
            changes={
                "connector": ConnectorCode.REMOTE_SIGNING,
                "credential": identifier_masked(credential.credential_id),
                "issue": issue[:60],
            },
        )
    return value
