"""Rate limits of public look-ups by a code (a dossier's status, a petition's state), against
enumeration of codes. Used by onestop's status look-up and complaints' case look-up, each with
its own counters.

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

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from egov.common.exceptions import DomainError


class TooManyLookups(DomainError):
    code = "too_many_lookups"
    status = 429


def track_window_seconds() -> int:
    return settings.EGOV_TRACK_WINDOW_SECONDS


@dataclass(frozen=True)
class LookupLimit:
    """The two counters of one public look-up: every look-up, and the misses."""

    lookups_group: str
    misses_group: str

    def _rate(self, group: str, request: HttpRequest) -> tuple[int, int]:
        """The limit of ``group`` per window, from the settings (django-ratelimit calls this)."""
        limit = (
            settings.EGOV_TRACK_LOOKUPS_PER_WINDOW
            if group == self.lookups_group
            else settings.EGOV_TRACK_MISSES_PER_WINDOW
        )
        return limit, track_window_seconds()

    def _usage(self, request: HttpRequest, group: str, *, increment: bool) -> dict | None:
        """django-ratelimit's count of ``group`` for the client (None when
        ``RATELIMIT_ENABLE`` is off), counting this request with ``increment``."""
        # A WSGI server may leave REMOTE_ADDR out (a unix socket, a test client): such requests
        # share one count rather than failing.
        key = "ip" if request.META.get("REMOTE_ADDR") else (lambda _group, _request: "no-address")
        return get_usage(request, group=group, key=key, rate=self._rate, increment=increment)

    def check(self, request: HttpRequest) -> None:
        """Count this look-up; raise :class:`TooManyLookups` when it is past the look-up limit
        or the misses already are."""
        lookups = self._usage(request, self.lookups_group, increment=True)
        misses = self._usage(request, self.misses_group, increment=False)
        if (lookups is not None and lookups["should_limit"]) or (
            misses is not None and misses["count"] >= misses["limit"]
        ):
            minutes = max(1, track_window_seconds() // 60)
            raise TooManyLookups(
                _("Too many look-ups from your connection. Wait %(minutes)s minutes and try again.")
                % {"minutes": minutes}
            )

    def miss(self, request: HttpRequest) -> None:
        """Count a look-up that found nothing (unknown and malformed codes alike)."""
        self._usage(request, self.misses_group, increment=True)
