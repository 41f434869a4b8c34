"""Simulator of a certification authority's remote-signing service, Cloud Signature Consortium
API v2 (``/sim/csc/credentials/list``, ``credentials/info``, ``credentials/authorize``,
``signatures/signHash``).

Its CA has enrolled every user ID it is asked about: each gets one credential, an ECDSA P-256
key derived from the user ID and a certificate issued by the simulator's root. The keys are
test keys derived from fixed secrets (the same after a restart, so a signature made yesterday
still chains to today's root), never a real CA's. The signer "confirms on the phone" by giving
the one-time code the simulated phone shows, :data:`PHONE_CODE`; ``credentials/authorize``
refuses any other. The SAD it returns is bound to the credential and the hashes authorised,
valid for five minutes, used once.
"""

from __future__ import annotations

import base64
import datetime
import functools
import hashlib
import json
import secrets
import threading
import time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

# The code the simulated phone shows when asked to confirm a signature.
PHONE_CODE = "123456"
SAD_SECONDS = 300
_SECRET = b"egov-csc-simulator-test-keys-not-a-real-ca"
_VALID_FROM = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
_VALID_UNTIL = datetime.datetime(2035, 1, 1, tzinfo=datetime.UTC)
_ECDSA_SHA256 = "1.2.840.10045.4.3.2"
_SHA256 = "2.16.840.1.101.3.4.2.1"

_lock = threading.Lock()
_sads: dict[str, tuple[str, frozenset[str], float]] = {}


def _enabled() -> None:
    if not settings.EGOV_INTEGRATION_SIMULATORS:
        raise Http404


def _test_key(label: str) -> ec.EllipticCurvePrivateKey:
    """A P-256 test key derived from a fixed secret and ``label`` (the library derives it)."""
    order = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    seed = int.from_bytes(hashlib.sha256(_SECRET + label.encode()).digest(), "big")
    return ec.derive_private_key(seed % (order - 1) + 1, ec.SECP256R1())


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "CA mô phỏng ký số từ xa (thử nghiệm)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


@functools.cache
def root() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The simulator's root CA (trust it to see its signatures as trusted)."""
    key = _test_key("root")
    name = _name("Remote signing simulator root CA")
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(_VALID_FROM)
        .not_valid_after(_VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def credential_id_of(user_id: str) -> str:
    """The credential id of ``user_id``'s one credential (the user id, encoded: stateless)."""
    return "SIM-" + base64.urlsafe_b64encode(user_id.encode()).decode().rstrip("=")


@functools.cache
def _credential(user_id: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    root_key, root_certificate = root()
    key = _test_key("user:" + user_id)
    serial = int(hashlib.sha256(user_id.encode()).hexdigest()[:15], 16) + 2
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(user_id))
        .issuer_name(root_certificate.subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(_VALID_FROM)
        .not_valid_after(_VALID_UNTIL)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(ca=False), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    return key, certificate


def _user_of(credential_id: str) -> str | None:
    if not credential_id.startswith("SIM-"):
        return None
    encoded = credential_id[4:]
    try:
        user_id = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except ValueError:
        return None
    return user_id or None


def _body(request: HttpRequest) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    return body if isinstance(body, dict) else {}


def _error(error: str, description: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": error, "error_description": description}, status=status)


def _der(certificate: x509.Certificate) -> str:
    return base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()


@csrf_exempt
@require_POST
def credentials_list(request: HttpRequest) -> HttpResponse:
    _enabled()
    user_id = _body(request).get("userID")
    if not isinstance(user_id, str) or not user_id.strip():
        return _error("invalid_request", "Missing userID")
    return JsonResponse({"credentialIDs": [credential_id_of(user_id.strip())]})


@csrf_exempt
@require_POST
def credentials_info(request: HttpRequest) -> HttpResponse:
    _enabled()
    user_id = _user_of(str(_body(request).get("credentialID", "")))
    if user_id is None:
        return _error("invalid_request", "Invalid credentialID")
    _, certificate = _credential(user_id)
    return JsonResponse(
        {
            "description": "Chứng thư số ký từ xa (mô phỏng)",
            "key": {"status": "enabled", "algo": [_ECDSA_SHA256], "len": 256},
            "cert": {"status": "valid", "certificates": [_der(certificate), _der(root()[1])]},
            "authMode": "explicit",
            "SCAL": "2",
            "multisign": 1,
        }
    )


@csrf_exempt
@require_POST
def credentials_authorize(request: HttpRequest) -> HttpResponse:
    """The signer's confirmation: the code the phone shows, for these hashes."""
    _enabled()
    body = _body(request)
    credential_id = str(body.get("credentialID", ""))
    if _user_of(credential_id) is None:
        return _error("invalid_request", "Invalid credentialID")
    hashes_ = body.get("hashes")
    if not isinstance(hashes_, list) or not hashes_ or body.get("hashAlgorithmOID") != _SHA256:
        return _error("invalid_request", "Missing hashes or unsupported hash algorithm")
    if not secrets.compare_digest(str(body.get("OTP", "")), PHONE_CODE):
        return _error("invalid_otp", "The OTP is invalid")
    sad = secrets.token_urlsafe(24)
    with _lock:
        _sads[sad] = (credential_id, frozenset(map(str, hashes_)), time.monotonic() + SAD_SECONDS)
    return JsonResponse({"SAD": sad, "expiresIn": SAD_SECONDS})


@csrf_exempt
@require_POST
def signatures_sign_hash(request: HttpRequest) -> HttpResponse:
    """The raw ECDSA signature of each authorised hash (the SAD is used once)."""
    _enabled()
    body = _body(request)
    credential_id = str(body.get("credentialID", ""))
    with _lock:
        granted = _sads.pop(str(body.get("SAD", "")), None)
    hashes_ = body.get("hashes")
    if granted is None or granted[0] != credential_id or granted[2] < time.monotonic():
        return _error("invalid_request", "Invalid SAD")
    if not isinstance(hashes_, list) or not set(map(str, hashes_)) <= granted[1]:
        return _error("invalid_request", "Hash not authorized")
    if body.get("signAlgo") != _ECDSA_SHA256:
        return _error("invalid_request", "Unsupported signAlgo")
    user_id = _user_of(credential_id)
    key, _ = _credential(user_id or "")
    signatures = []
    for value in hashes_:
        try:
            digest = base64.b64decode(value, validate=True)
        except ValueError:
            return _error("invalid_request", "Hash not base64")
        if len(digest) != 32:
            return _error("invalid_request", "Not a SHA-256 hash")
        signed = key.sign(digest, ec.ECDSA(Prehashed(hashes.SHA256())))
        signatures.append(base64.b64encode(signed).decode())
    return JsonResponse({"signatures": signatures})


@require_GET
def root_certificate(request: HttpRequest) -> HttpResponse:
    """The simulator's root certificate (PEM), to add to EGOV_TRUSTED_ROOTS."""
    _enabled()
    pem = root()[1].public_bytes(serialization.Encoding.PEM)
    return HttpResponse(pem, content_type="application/x-pem-file")


@require_GET
def phone(request: HttpRequest) -> HttpResponse:
    """The simulated phone: the code it shows to confirm a signature."""
    _enabled()
    return JsonResponse({"otp": PHONE_CODE, "note": "Mã xác nhận ký số hiển thị trên điện thoại"})
