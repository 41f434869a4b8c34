"""The client address every limit counts on (login throttling, registration, the public
dossier look-up): one function, used by django-axes (``AXES_CLIENT_IP_CALLABLE``) and
django-ratelimit (``RATELIMIT_IP_META_KEY``).

Without a proxy it is ``REMOTE_ADDR``. Behind reverse proxies, ``EGOV_TRUSTED_PROXY_COUNT`` says
how many there are: each appends the address it received the request from to
``X-Forwarded-For``, so the client is that many entries from the right. Entries further left
were written by the client itself and are never trusted. With the setting at 0 (the default)
the header is ignored: a client reaching egov directly could otherwise choose its address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(candidate: str) -> str | None:
    try:
        return str(ipaddress.ip_address(candidate.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's IP address as the trusted proxies saw it (``REMOTE_ADDR`` without them)."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.EGOV_TRUSTED_PROXY_COUNT
    if proxies > 0:
        hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            found = _valid(hops[-proxies])
            if found:
                return found
    return _valid(remote) or "0.0.0.0"  # noqa: S104 - a placeholder address, not a bind
