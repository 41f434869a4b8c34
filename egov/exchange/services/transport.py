"""One HTTPS POST of a package to a peer: the outcome, never an exception."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from django.utils.translation import gettext as _

from egov.exchange.models import ExchangePeer, OutboundMessage
from egov.exchange.services import conf

logger = logging.getLogger(__name__)
ACCEPTED = (200, 201, 202)


@dataclass(frozen=True)
class Outcome:
    """``status`` is the HTTP status, None when the peer could not be reached."""

    delivered: bool
    status: int | None
    error: str = ""


def peer_problem(peer: ExchangePeer | None) -> str:
    """Why packages cannot be posted to ``peer``, or "" when they can."""
    if peer is None or not peer.is_active:
        return _("No active exchange peer reaches this agency.")
    if not peer.endpoint_url:
        return _("The peer %(peer)s has no endpoint.") % {"peer": peer.agency_code}
    if urlsplit(peer.endpoint_url).scheme != "https" and not conf.allow_http():
        return _("The endpoint of %(peer)s is not HTTPS.") % {"peer": peer.agency_code}
    if not conf.outbound_token(peer.agency_code):
        return _("No token is configured for %(peer)s (EGOV_EXCHANGE_PEER_TOKENS).") % {
            "peer": peer.agency_code
        }
    return ""


def package_post(message: OutboundMessage) -> Outcome:
    """POST the stored package; the message id travels as ``Idempotency-Key`` so the peer
    keeps one document however many times the same package arrives."""
    peer = message.peer
    problem = peer_problem(peer)
    if problem:
        return Outcome(delivered=False, status=400, error=problem)
    headers = {
        "Authorization": f"Bearer {conf.outbound_token(peer.agency_code)}",
        "Content-Type": "application/xml; charset=utf-8",
        "Idempotency-Key": str(message.message_id),
        "Accept": "application/json",
    }
    try:
        response = httpx.post(
            peer.endpoint_url,
            content=message.payload.encode("utf-8"),
            headers=headers,
            timeout=conf.timeout(),
            verify=conf.tls_verify(),
            follow_redirects=False,
        )
    except httpx.HTTPError as exc:
        logger.warning(
            "exchange.post_failed",
            extra={
                "message_id": str(message.message_id),
                "peer": peer.agency_code,
                "error": str(exc),
            },
        )
        return Outcome(delivered=False, status=None, error=f"{type(exc).__name__}: {exc}"[:500])
    if response.status_code in ACCEPTED:
        return Outcome(delivered=True, status=response.status_code)
    return Outcome(
        delivered=False,
        status=response.status_code,
        error=f"HTTP {response.status_code}: {response.text[:1000]}",
    )
