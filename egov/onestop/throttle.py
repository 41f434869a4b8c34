"""Rate limits of the public dossier lookup, against enumeration of dossier codes.

Per client IP, in fixed windows of ``EGOV_TRACK_WINDOW_SECONDS``: at most
``EGOV_TRACK_LOOKUPS_PER_WINDOW`` look-ups, and at most ``EGOV_TRACK_MISSES_PER_WINDOW``
look-ups of codes that do not exist; past either, every look-up is refused until the window
ends. Settings are read at each call.

The counting is django-ratelimit's (its core API: a look-up counts on its own limit; a miss is
known only after the look-up, so the miss limit is read first and counted after). Counters
live in Django's default cache, the database cache unless ``EGOV_CACHE_URL`` names another
shared one, so every worker process counts together (``check --deploy`` warns about a
per-process cache). The client is ``egov.common.client.client_address`` (an IPv6 client by its
/64 network, django-ratelimit's default): ``REMOTE_ADDR``, or behind ``EGOV_TRUSTED_PROXY_COUNT``
reverse proxies the address they forwarded.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from egov.common.exceptions import DomainError
from egov.onestop.selectors.track import DossierTrack, dossier_track_get, track_code_normalize

LOOKUPS = "onestop.track.lookups"
MISSES = "onestop.track.misses"


class TooManyLookups(DomainError):
    code = "too_many_lookups"
    status = 429


def track_window_seconds() -> int:
    return settings.EGOV_TRACK_WINDOW_SECONDS


def _rate(group: str, request: HttpRequest) -> tuple[int, int]:
    """The limit of ``group`` per window, from the settings (django-ratelimit calls this)."""
    limit = (
        settings.EGOV_TRACK_LOOKUPS_PER_WINDOW
        if group == LOOKUPS
        else settings.EGOV_TRACK_MISSES_PER_WINDOW
    )
    return limit, track_window_seconds()


def _usage(request: HttpRequest, group: str, *, increment: bool) -> dict[str, int] | None:
    """django-ratelimit's count of ``group`` for the client (None when ``RATELIMIT_ENABLE`` is
    off), counting this request with ``increment``."""
    # A WSGI server may leave REMOTE_ADDR out (a unix socket, a test client): such requests share
    # one count rather than failing.
    key = "ip" if request.META.get("REMOTE_ADDR") else (lambda _group, _request: "no-address")
    return get_usage(request, group=group, key=key, rate=_rate, increment=increment)


def _limited(request: HttpRequest) -> bool:
    """Count this look-up; True when it is past the look-up limit or the misses already are."""
    lookups = _usage(request, LOOKUPS, increment=True)
    misses = _usage(request, MISSES, increment=False)
    return bool(
        (lookups is not None and lookups["should_limit"])
        or (misses is not None and misses["count"] >= misses["limit"])
    )


def track_lookup(*, code: str | None, request: HttpRequest) -> DossierTrack | None:
    """Look a dossier up for the visitor of ``request``. Unknown and malformed codes are the
    same miss (no oracle). Raises :class:`TooManyLookups` past the limits."""
    if _limited(request):
        minutes = max(1, track_window_seconds() // 60)
        raise TooManyLookups(
            _("Too many look-ups from your connection. Wait %(minutes)s minutes and try again.")
            % {"minutes": minutes}
        )
    normalized = track_code_normalize(code)
    found = dossier_track_get(normalized) if normalized else None
    if found is None:
        _usage(request, MISSES, increment=True)
    return found
