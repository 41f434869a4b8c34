"""The one connector client: every outbound call to a national system goes through
:func:`connector_call`.

Per connector: its base URL and key from the settings (the environment), the shared timeout;
X-Road style headers (``X-Road-Client``, ``X-Road-Id``, ``X-Road-UserId``, ``X-Road-Issue``);
retries with exponential back-off (tenacity) on transport errors and 5xx answers, writes
carrying an ``Idempotency-Key`` so a retried write is applied once; a circuit breaker per
connector (pybreaker) so a system that keeps failing is not called at all for a while and the
caller falls back at once; one :class:`ConnectorCall` row per call, whatever the outcome.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
import pybreaker
import tenacity
from django.conf import settings
from django.utils.translation import gettext as _

from egov.integration.choices import CallOutcome, ConnectorCode, Purpose
from egov.integration.exceptions import ConnectorUnavailable, IntegrationError, NotFoundThere
from egov.integration.models import ConnectorCall
from egov.integration.rules import identifier_masked, xroad_client_header

logger = logging.getLogger(__name__)

# connector code -> (URL setting, key setting)
CONNECTOR_SETTINGS = {
    ConnectorCode.POPULATION: ("EGOV_POPULATION_URL", "EGOV_POPULATION_KEY"),
    ConnectorCode.BUSINESS_REGISTRY: ("EGOV_BUSINESS_REGISTRY_URL", "EGOV_BUSINESS_REGISTRY_KEY"),
    ConnectorCode.NATIONAL_PORTAL: ("EGOV_NATIONAL_PORTAL_URL", "EGOV_NATIONAL_PORTAL_KEY"),
    ConnectorCode.PAYMENT: ("EGOV_PAYMENT_GATEWAY_URL", "EGOV_PAYMENT_SECRET"),
    ConnectorCode.VNEID: ("EGOV_VNEID_ISSUER", "EGOV_VNEID_CLIENT_SECRET"),
    ConnectorCode.NATIONAL_REPORTING: (
        "EGOV_NATIONAL_REPORTING_URL",
        "EGOV_NATIONAL_REPORTING_KEY",
    ),
    ConnectorCode.REMOTE_SIGNING: ("EGOV_REMOTE_SIGNING_URL", "EGOV_REMOTE_SIGNING_KEY"),
}
# Connectors whose key signs or authenticates in the protocol itself, never sent as a bearer.
KEY_NOT_SENT = frozenset({ConnectorCode.PAYMENT, ConnectorCode.VNEID})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

_breakers: dict[str, pybreaker.CircuitBreaker] = {}
_transport: httpx.BaseTransport | None = None


def connector_base_url(code: str) -> str:
    """The connector's base URL: its setting, or the local simulator when simulators are on
    (``EGOV_SITE_URL`` + ``/sim/<code>/``), or '' (not configured)."""
    url = getattr(settings, CONNECTOR_SETTINGS[code][0])
    if url:
        return url.rstrip("/") + "/"
    if settings.EGOV_INTEGRATION_SIMULATORS:
        return f"{settings.SITE_URL.rstrip('/')}/sim/{code}/"
    return ""


def connector_is_simulated(code: str) -> bool:
    return not getattr(settings, CONNECTOR_SETTINGS[code][0]) and bool(connector_base_url(code))


def breaker_for(code: str) -> pybreaker.CircuitBreaker:
    """The connector's circuit breaker (one per process: each worker learns on its own that a
    system is down, after EGOV_INTEGRATION_BREAKER_FAILURES failures)."""
    breaker = _breakers.get(code)
    if breaker is None:
        breaker = pybreaker.CircuitBreaker(
            fail_max=settings.EGOV_INTEGRATION_BREAKER_FAILURES,
            reset_timeout=settings.EGOV_INTEGRATION_BREAKER_RESET_SECONDS,
            name=code,
        )
        _breakers[code] = breaker
    return breaker


def breakers_reset() -> None:
    """Forget every breaker (tests; a settings change)."""
    _breakers.clear()


def transport_get() -> httpx.BaseTransport | None:
    """The transport set by :func:`transport_set` (None: the network)."""
    return _transport


def transport_set(transport: httpx.BaseTransport | None) -> None:
    """Route every connector through ``transport`` (tests: the simulators in-process, or a
    failing transport); None goes back to the network."""
    global _transport
    _transport = transport


@dataclass(frozen=True)
class CallContext:
    """Who asks, for what: kept in the request log (and the audit trail for personal data)."""

    actor: Any = None
    unit_id: int | None = None
    purpose: str = ""
    issue: str = ""
    subject: str = ""
    is_personal_data: bool = False
    is_autofill: bool = False
    owner_id: int | None = None  # whose personal data it is, when they have an account


@dataclass(frozen=True)
class Reply:
    status_code: int
    data: Mapping[str, Any] = field(default_factory=dict)
    call: ConnectorCall | None = None


class _Retryable(Exception):
    """A 5xx answer: worth another try."""

    def __init__(self, status_code: int) -> None:
        super().__init__(f"HTTP {status_code}")
        self.status_code = status_code


class _BadAnswer(Exception):
    """Not JSON, or not a JSON object."""


def _headers(code: str, method: str, context: CallContext, idempotency_key: str) -> dict:
    headers = {
        "X-Road-Client": xroad_client_header(settings.EGOV_XROAD_CLIENT),
        "X-Road-Id": str(uuid.uuid4()),
        "Accept": "application/json",
    }
    key = getattr(settings, CONNECTOR_SETTINGS[code][1])
    if key and code not in KEY_NOT_SENT:
        headers["Authorization"] = f"Bearer {key}"
    actor = context.actor
    if actor is not None and getattr(actor, "is_authenticated", False):
        headers["X-Road-UserId"] = f"VN{actor.pk}"
    if context.issue:  # a header is ASCII: a notation such as 12/QĐ-UBND is percent-encoded
        headers["X-Road-Issue"] = quote(context.issue, safe="/-._~:+ ")
    if method in WRITE_METHODS:
        headers["Idempotency-Key"] = idempotency_key or str(uuid.uuid4())
    return headers


def _send(
    code: str, method: str, url: str, headers: dict, payload: Mapping[str, Any] | None, log: Any
) -> tuple[httpx.Response, dict]:
    """The call with retries; returns the last answer and its JSON object. The attempts are
    counted on ``log`` as they happen, so a call that fails in the end keeps its count."""

    @tenacity.retry(
        stop=tenacity.stop_after_attempt(max(settings.EGOV_INTEGRATION_RETRIES, 1)),
        wait=tenacity.wait_exponential(multiplier=0.1, max=2),
        retry=tenacity.retry_if_exception_type((httpx.TransportError, _Retryable)),
        reraise=True,
    )
    def attempt() -> httpx.Response:
        log.attempts += 1
        with httpx.Client(
            timeout=settings.EGOV_INTEGRATION_TIMEOUT_SECONDS, transport=_transport
        ) as http:
            response = http.request(method, url, headers=headers, json=payload)
        if response.status_code >= 500:
            raise _Retryable(response.status_code)
        return response

    response = breaker_for(code).call(attempt)
    try:
        data = response.json()
    except ValueError as exc:
        raise _BadAnswer(_("The answer is not JSON.")) from exc
    if not isinstance(data, dict):
        raise _BadAnswer(_("The answer is not a JSON object."))
    return response, data


def connector_call(
    *,
    connector: str,
    method: str,
    service: str,
    context: CallContext,
    payload: Mapping[str, Any] | None = None,
    idempotency_key: str = "",
) -> Reply:
    """Call ``service`` (a path under the connector's base URL) and log it.

    Raises :class:`ConnectorUnavailable` when the connector is not configured, its circuit is
    open, or the call failed after the retries (timeouts, 5xx, an answer that is not JSON);
    :class:`NotFoundThere` on a 404. Other 4xx answers are returned to the adapter."""
    base = connector_base_url(connector)
    log = ConnectorCall(
        connector=connector,
        service=service[:100],
        method=method,
        issue=context.issue[:60],
        actor=context.actor if getattr(context.actor, "is_authenticated", False) else None,
        unit_id=context.unit_id,
        purpose=context.purpose,
        subject=identifier_masked(context.subject) if context.subject else "",
        attempts=0,
        is_personal_data=context.is_personal_data,
        is_autofill=context.is_autofill,
        owner_id=context.owner_id,
    )
    headers = _headers(connector, method, context, idempotency_key)
    log.x_road_id = headers["X-Road-Id"]
    if not base:
        return _failed(log, CallOutcome.NOT_CONFIGURED, _("The connector is not configured."))
    started = time.monotonic()
    try:
        response, data = _send(connector, method, base + service, headers, payload, log)
    except pybreaker.CircuitBreakerError:
        message = _("The connector is paused after repeated failures.")
        return _failed(log, CallOutcome.CIRCUIT_OPEN, message)
    except (httpx.HTTPError, _Retryable, _BadAnswer) as exc:
        log.latency_ms = int((time.monotonic() - started) * 1000)
        log.status_code = getattr(exc, "status_code", None)
        return _failed(log, CallOutcome.FAILED, f"{type(exc).__name__}: {exc}"[:300])
    log.latency_ms = int((time.monotonic() - started) * 1000)
    log.status_code = response.status_code
    if response.status_code == 404:
        log.outcome = CallOutcome.NOT_FOUND
        log.save()
        raise NotFoundThere(_("The national system has no record for this identifier."))
    log.outcome = CallOutcome.SUCCESS if response.status_code < 400 else CallOutcome.REFUSED
    log.save()
    return Reply(status_code=response.status_code, data=data, call=log)


def _failed(log: ConnectorCall, outcome: str, error: str) -> Reply:
    log.outcome = outcome
    log.error = error[:300]
    log.save()
    logger.warning(
        "integration.call_failed",
        extra={"connector": log.connector, "service": log.service, "outcome": outcome},
    )
    raise ConnectorUnavailable(
        _("%(system)s cannot be reached now; go on without it.")
        % {"system": ConnectorCode(log.connector).label}
    )


def purpose_check(purpose: str) -> str:
    """A personal-data look-up needs a declared purpose."""
    if purpose not in Purpose.values:
        raise IntegrationError(
            _("Say why the personal data is needed."),
            fields={"purpose": _("Choose a purpose.")},
        )
    return purpose
