"""National identity login (VNeID, Decree 69/2024/NĐ-CP) over OpenID Connect, with authlib.

The flow is authlib's: ``OAuth2Session.create_authorization_url`` with a random ``state`` and
``nonce`` (kept in the caller's session), ``fetch_token`` for the code, and the ID token's
signature verified by joserfc (authlib's JOSE library; ``authlib.jose`` is deprecated) against
the provider's JWKS, its claims by authlib's ``CodeIDToken`` rules (issuer, audience, expiry,
issue time, nonce, ``at_hash``). No hand-made JWT check.

The discovery document and the JWKS are read through the connector client (timeouts,
retries, circuit, request log); the token call goes through authlib's session under the
connector's circuit and is logged the same way.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import pybreaker
import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from egov.accounts.services import national_identity_account
from egov.audit.services import event_record
from egov.integration.choices import CallOutcome, ConnectorCode, IntegrationAuditAction
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError
from egov.integration.models import ConnectorCall
from egov.integration.services.client import (
    CallContext,
    breaker_for,
    connector_base_url,
    connector_call,
    transport_get,
)

logger = logging.getLogger(__name__)
PROVIDER = "vneid"
SCOPE = "openid profile phone"
# Claim names of the simulator (the real provider's are not published [U]): read only here.
CITIZEN_ID_CLAIM = "citizen_id"
LEVELS = {"vneid:level1": 1, "vneid:level2": 2}


@dataclass(frozen=True)
class NationalIdentity:
    """Who the provider says logged in, from a verified ID token."""

    subject: str
    citizen_id: str
    full_name: str
    phone: str
    level: int


def vneid_is_available() -> bool:
    """A provider is configured (or simulated) and our client has its secret."""
    return bool(
        connector_base_url(ConnectorCode.VNEID)
        and settings.EGOV_VNEID_CLIENT_ID
        and settings.EGOV_VNEID_CLIENT_SECRET
    )


def _metadata() -> Mapping[str, Any]:
    if not vneid_is_available():
        raise ConnectorUnavailable(_("Login with the national identity is not available."))
    reply = connector_call(
        connector=ConnectorCode.VNEID,
        method="GET",
        service=".well-known/openid-configuration",
        context=CallContext(),
    )
    # OpenID Connect Discovery 1.0 §4.3: the document's issuer is the one it was fetched from
    base = connector_base_url(ConnectorCode.VNEID)
    if str(reply.data.get("issuer", "")).rstrip("/") != base.rstrip("/"):
        raise ConnectorUnavailable(
            _("The national identity provider's discovery document names another issuer.")
        )
    return reply.data


def _jwks_service(metadata: Mapping[str, Any]) -> str:
    """The JWKS path under the issuer (keys from elsewhere are not fetched)."""
    base, uri = connector_base_url(ConnectorCode.VNEID), str(metadata.get("jwks_uri", ""))
    if not uri.startswith(base):
        raise ConnectorUnavailable(
            _("The national identity provider's keys are not published under its issuer.")
        )
    return uri[len(base) :]


def _session(redirect_uri: str) -> OAuth2Session:
    session = OAuth2Session(
        client_id=settings.EGOV_VNEID_CLIENT_ID,
        client_secret=settings.EGOV_VNEID_CLIENT_SECRET,
        scope=SCOPE,
        redirect_uri=redirect_uri,
    )
    transport = transport_get()
    if transport is not None:  # tests: the simulators in-process, or a failing transport
        adapter = _TransportAdapter(transport)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
    return session


def vneid_login_start(*, redirect_uri: str) -> tuple[str, dict[str, str]]:
    """The provider's authorisation URL and what the caller keeps in its session to check the
    answer (``state``, ``nonce``)."""
    metadata = _metadata()
    nonce = generate_token(32)
    url, state = _session(redirect_uri).create_authorization_url(
        metadata["authorization_endpoint"], nonce=nonce
    )
    return url, {"state": state, "nonce": nonce}


def vneid_login_finish(
    *, params: Mapping[str, str], kept: Mapping[str, str], redirect_uri: str
) -> NationalIdentity:
    """Check the provider's answer against what was kept (``state``), exchange the code, and
    return the identity from the verified ID token (``nonce`` included). Raises
    :class:`IntegrationError` for an answer that must not log anyone in, and
    :class:`ConnectorUnavailable` when the provider cannot be reached."""
    if params.get("error"):
        raise IntegrationError(_("The login with the national identity was cancelled."))
    state = kept.get("state", "")
    if not state or params.get("state") != state or not params.get("code"):
        raise IntegrationError(
            _("This login answer does not match a login started here; start again."),
            code="oidc_state_mismatch",
        )
    metadata = _metadata()
    token = _token(metadata, params["code"], redirect_uri)
    claims = _verified_claims(metadata, token, kept.get("nonce", ""))
    return _identity(claims)


def _token(metadata: Mapping[str, Any], code: str, redirect_uri: str) -> dict:
    log = ConnectorCall(connector=ConnectorCode.VNEID, service="token", method="POST", attempts=1)
    started = time.monotonic()
    try:
        token = breaker_for(ConnectorCode.VNEID).call(
            _session(redirect_uri).fetch_token,
            metadata["token_endpoint"],
            code=code,
            timeout=settings.EGOV_INTEGRATION_TIMEOUT_SECONDS,
        )
    except (
        requests.RequestException,
        httpx.HTTPError,
        OAuthError,
        ValueError,
        pybreaker.CircuitBreakerError,
    ) as exc:
        log.outcome = CallOutcome.FAILED
        log.error = f"{type(exc).__name__}: {exc}"[:300]
        log.latency_ms = int((time.monotonic() - started) * 1000)
        log.save()
        logger.warning("integration.vneid_token_failed", extra={"error": log.error})
        raise ConnectorUnavailable(
            _("The national identity provider did not answer the login; try again later.")
        ) from exc
    log.outcome = CallOutcome.SUCCESS
    log.status_code = 200
    log.latency_ms = int((time.monotonic() - started) * 1000)
    log.save()
    return token


def _verified_claims(metadata: Mapping[str, Any], token: Mapping[str, Any], nonce: str) -> Any:
    jwks = connector_call(
        connector=ConnectorCode.VNEID,
        method="GET",
        service=_jwks_service(metadata),
        context=CallContext(),
    ).data
    try:
        verified = jwt.decode(
            token.get("id_token", ""), KeySet.import_key_set(dict(jwks)), algorithms=["RS256"]
        )
        claims = CodeIDToken(
            verified.claims,
            verified.header,
            options={
                "iss": {"essential": True, "value": metadata["issuer"]},
                "aud": {"essential": True, "value": settings.EGOV_VNEID_CLIENT_ID},
            },
            params={"nonce": nonce, "access_token": token.get("access_token")},
        )
        claims.validate(leeway=60)
    except (JoseError, ValueError) as exc:
        logger.warning("integration.vneid_id_token_refused", extra={"error": str(exc)[:200]})
        raise IntegrationError(
            _("The national identity's answer could not be verified; nobody was logged in."),
            code="oidc_id_token_refused",
        ) from exc
    return claims


def _identity(claims: Mapping[str, Any]) -> NationalIdentity:
    return NationalIdentity(
        subject=str(claims["sub"]),
        citizen_id=str(claims.get(CITIZEN_ID_CLAIM, "")),
        full_name=str(claims.get("name", "")),
        phone=str(claims.get("phone_number", "")),
        level=LEVELS.get(str(claims.get("acr", "")), 1),
    )


def vneid_account(*, identity: NationalIdentity) -> tuple[Any, bool]:
    """The citizen account the verified national identity logs into (found by the link or the
    12-digit ID number, else created: ``accounts.national_identity_account``), and whether it
    was created; the login and its level are audited."""
    with transaction.atomic():
        user, created = national_identity_account(
            provider=PROVIDER,
            subject=identity.subject,
            citizen_id=identity.citizen_id,
            full_name=identity.full_name,
            phone=identity.phone,
        )
        event_record(
            actor=user,
            action=IntegrationAuditAction.NATIONAL_IDENTITY_LOGIN,
            obj=user,
            changes={"provider": PROVIDER, "level": identity.level, "created": created},
        )
    return user, created


class _TransportAdapter(requests.adapters.BaseAdapter):
    """Sends a ``requests`` call through the connector client's httpx transport (the one
    :func:`transport_set` installs), so authlib's session reaches the same simulators."""

    def __init__(self, transport: httpx.BaseTransport) -> None:
        super().__init__()
        self.transport = transport

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        body = request.body or b""
        outgoing = httpx.Request(
            request.method or "GET",
            request.url or "",
            headers=dict(request.headers),
            content=body.encode() if isinstance(body, str) else body,
        )
        answer = self.transport.handle_request(outgoing)
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.read()
        response.headers = requests.structures.CaseInsensitiveDict(answer.headers)
        response.url = request.url or ""
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        return None
