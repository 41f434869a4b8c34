"""Rate limits of the public dossier lookup, against enumeration of dossier codes.

Per client IP, in fixed windows of ``EGOV_TRACK_WINDOW_SECONDS`` (default 600): at most
``EGOV_TRACK_LOOKUPS_PER_WINDOW`` look-ups (default 30), and at most
``EGOV_TRACK_MISSES_PER_WINDOW`` look-ups of codes that do not exist (default 10); past either,
every look-up is refused until the window ends. Settings are read at each call.

Counters live in Django's cache. The default ``LocMemCache`` is per process: a deployment with
several processes must configure a shared cache (``CACHES``: Redis, Memcached or the database
cache), or the limits multiply by the number of processes. Behind a reverse proxy,
``REMOTE_ADDR`` must be the client's address (set by the proxy and the WSGI server), or every
client shares one counter.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.onestop.selectors.track import DossierTrack, dossier_track_get, track_code_normalize


class TooManyLookups(DomainError):
    code = "too_many_lookups"
    status = 429


def track_window_seconds() -> int:
    return int(getattr(settings, "EGOV_TRACK_WINDOW_SECONDS", 600))


def _keys(ip: str) -> tuple[str, str]:
    slot = int(time.time() // track_window_seconds())
    return f"onestop:track:all:{ip}:{slot}", f"onestop:track:miss:{ip}:{slot}"


def _increment(key: str) -> None:
    cache.add(key, 0, timeout=track_window_seconds())
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=track_window_seconds())


def _limited(ip: str) -> bool:
    all_key, miss_key = _keys(ip)
    counts = cache.get_many([all_key, miss_key])
    lookups = int(getattr(settings, "EGOV_TRACK_LOOKUPS_PER_WINDOW", 30))
    misses = int(getattr(settings, "EGOV_TRACK_MISSES_PER_WINDOW", 10))
    return counts.get(all_key, 0) >= lookups or counts.get(miss_key, 0) >= misses


def track_lookup(*, code: str | None, ip: str) -> DossierTrack | None:
    """Look a dossier up for a visitor at ``ip``. Unknown and malformed codes are the same
    miss (no oracle). Raises :class:`TooManyLookups` past the limits."""
    if _limited(ip):
        minutes = max(1, track_window_seconds() // 60)
        raise TooManyLookups(
            _("Too many look-ups from your connection. Wait %(minutes)s minutes and try again.")
            % {"minutes": minutes}
        )
    all_key, miss_key = _keys(ip)
    _increment(all_key)
    normalized = track_code_normalize(code)
    found = dossier_track_get(normalized) if normalized else None
    if found is None:
        _increment(miss_key)
    return found
