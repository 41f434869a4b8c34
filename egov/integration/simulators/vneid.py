"""A local simulator of the national identity provider (VNeID) as an OpenID Connect provider:
discovery document, authorisation page where the tester chooses a demo citizen, token
endpoint answering with an ID token signed RS256 (joserfc, the JOSE library of authlib's
author), and the JWKS to verify it. The real provider's claim names for the ID number and the
level are not published [U]: ``citizen_id`` and ``acr`` (``vneid:level1``/``vneid:level2``)
here, read in one place by the client (``services/vneid.py``).

Codes and the signing key live in this process's memory (the demo's server, or the test).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import threading
import time
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from egov.integration.simulators.data import CITIZENS, VNEID_ACCOUNTS
from egov.integration.simulators.views import _enabled

_lock = threading.Lock()
_codes: dict[str, dict] = {}
_keys: list[RSAKey] = []
CODE_SECONDS = 120
TOKEN_SECONDS = 300


def vneid_forget() -> None:
    with _lock:
        _codes.clear()


def _issuer() -> str:
    return f"{settings.SITE_URL.rstrip('/')}/sim/vneid"


def _key() -> RSAKey:
    with _lock:
        if not _keys:
            _keys.append(RSAKey.generate_key(2048, parameters={"kid": "sim-vneid-1", "use": "sig"}))
        return _keys[0]


def subject_of(citizen_id: str) -> str:
    """The provider's stable, opaque identifier of a person (pairwise-style)."""
    return hashlib.sha256(f"vneid:{citizen_id}".encode()).hexdigest()[:32]


@require_GET
def discovery(request: HttpRequest) -> HttpResponse:
    _enabled()
    issuer = _issuer()
    return JsonResponse(
        {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/authorize",
            "token_endpoint": f"{issuer}/token",
            "jwks_uri": f"{issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "phone"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "claims_supported": ["sub", "name", "birthdate", "phone_number", "citizen_id", "acr"],
        }
    )


@require_GET
def jwks(request: HttpRequest) -> HttpResponse:
    _enabled()
    return JsonResponse(KeySet([_key()]).as_dict(private=False))


@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    """GET: the request checked and the demo citizens to choose from. POST: a one-time code
    for the chosen citizen, back to the client's redirect URI with its state."""
    _enabled()
    params = (request.POST if request.method == "POST" else request.GET).dict()
    problem = _authorize_problem(params)
    if problem:
        return render(request, "integration/sim_vneid.html", {"problem": problem}, status=400)
    if request.method == "GET":
        people = [
            {**CITIZENS[cid], "level": account["level"]} for cid, account in VNEID_ACCOUNTS.items()
        ]
        fields = {k: v for k, v in params.items() if k != "csrfmiddlewaretoken"}
        return render(request, "integration/sim_vneid.html", {"people": people, "fields": fields})
    citizen_id = params.get("citizen", "")
    if citizen_id not in VNEID_ACCOUNTS:
        return render(request, "integration/sim_vneid.html", {"problem": "citizen"}, status=400)
    code = secrets.token_urlsafe(24)
    with _lock:
        _codes[code] = {
            "citizen_id": citizen_id,
            "nonce": params.get("nonce", ""),
            "redirect_uri": params["redirect_uri"],
            "expires": time.time() + CODE_SECONDS,
        }
    answer = {"code": code, "state": params.get("state", "")}
    return HttpResponseRedirect(f"{params['redirect_uri']}?{urlencode(answer)}")


def _authorize_problem(params: dict) -> str:
    if params.get("client_id") != settings.EGOV_VNEID_CLIENT_ID:
        return "client"
    if params.get("response_type") != "code" or "openid" not in params.get("scope", "").split():
        return "request"
    if not params.get("redirect_uri", "").startswith(("http://", "https://")):
        return "redirect"
    return ""


def _client_authenticated(request: HttpRequest) -> bool:
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        try:
            client_id, _sep, secret = base64.b64decode(header[6:]).decode().partition(":")
        except (ValueError, binascii.Error):
            return False
    else:
        client_id, secret = request.POST.get("client_id", ""), request.POST.get("client_secret", "")
    return secrets.compare_digest(
        f"{client_id}:{secret}",
        f"{settings.EGOV_VNEID_CLIENT_ID}:{settings.EGOV_VNEID_CLIENT_SECRET}",
    )


def _error(error: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": error}, status=status)


@csrf_exempt
@require_POST
def token(request: HttpRequest) -> HttpResponse:
    """The authorisation code (once) for an access token and a signed ID token."""
    _enabled()
    if not _client_authenticated(request):
        return _error("invalid_client", 401)
    if request.POST.get("grant_type") != "authorization_code":
        return _error("unsupported_grant_type")
    with _lock:
        grant = _codes.pop(request.POST.get("code", ""), None)
    if (
        grant is None
        or grant["expires"] < time.time()
        or grant["redirect_uri"] != request.POST.get("redirect_uri")
    ):
        return _error("invalid_grant")
    return JsonResponse(_tokens(grant))


def _tokens(grant: dict) -> dict:
    citizen_id = grant["citizen_id"]
    person, account = CITIZENS[citizen_id], VNEID_ACCOUNTS[citizen_id]
    now = int(time.time())
    access_token = secrets.token_urlsafe(32)
    claims = {
        "iss": _issuer(),
        "sub": subject_of(citizen_id),
        "aud": settings.EGOV_VNEID_CLIENT_ID,
        "iat": now,
        "exp": now + TOKEN_SECONDS,
        "auth_time": now,
        "nonce": grant["nonce"],
        "acr": f"vneid:level{account['level']}",
        "name": person["hoVaTen"],
        "birthdate": person["ngaySinh"],
        "phone_number": account["phone_number"],
        "citizen_id": citizen_id,
        "at_hash": _at_hash(access_token),
    }
    key = _key()
    id_token = jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)
    return {
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": TOKEN_SECONDS,
        "id_token": id_token,
        "scope": "openid profile phone",
    }


def _at_hash(access_token: str) -> str:
    """OIDC Core 3.1.3.6: the left half of SHA-256 of the access token, base64url."""
    digest = hashlib.sha256(access_token.encode()).digest()
    return base64.urlsafe_b64encode(digest[:16]).rstrip(b"=").decode()
