"""The EGOV_EXCHANGE_* settings, read at each call (never at import)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from egov.exchange.edxml import Limits
from egov.exchange.edxml.values import VIETNAM


def limits() -> Limits:
    return Limits(
        max_bytes=int(settings.EGOV_EXCHANGE_MAX_BYTES),
        max_attachments=int(settings.EGOV_EXCHANGE_MAX_ATTACHMENTS),
        content_types=frozenset(t.strip().lower() for t in settings.EGOV_EXCHANGE_ATTACHMENT_TYPES),
        document_types=frozenset(int(t) for t in settings.EGOV_EXCHANGE_DOCUMENT_TYPES),
    )


def today() -> datetime.date:
    """Today in Vietnam: promulgation dates are Vietnamese calendar days."""
    return timezone.now().astimezone(VIETNAM).date()


def outbound_token(agency_code: str) -> str:
    """The bearer token we present to the peer ``agency_code`` (environment only)."""
    return str(settings.EGOV_EXCHANGE_PEER_TOKENS.get(agency_code, "")).strip()


def allow_http() -> bool:
    return bool(settings.EGOV_EXCHANGE_ALLOW_HTTP)


def timeout() -> float:
    return float(settings.EGOV_EXCHANGE_TIMEOUT_SECONDS)


def max_attempts() -> int:
    return max(1, int(settings.EGOV_EXCHANGE_MAX_ATTEMPTS))


def retry_seconds() -> int:
    return max(1, int(settings.EGOV_EXCHANGE_RETRY_SECONDS))


def tls_verify() -> bool | str:
    """A CA bundle path when configured (a government CA), else the system's trust store."""
    return settings.EGOV_EXCHANGE_CA_BUNDLE or True
