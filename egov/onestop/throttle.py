"""Rate limits of the public dossier lookup, against enumeration of dossier codes: the shared
look-up limits of :mod:`egov.common.lookup_throttle` with the dossier look-up's own counters
(per client IP, in fixed windows; unknown and malformed codes count as misses)."""

from __future__ import annotations

from django.http import HttpRequest

from egov.common.lookup_throttle import LookupLimit, TooManyLookups, track_window_seconds
from egov.onestop.selectors.track import DossierTrack, dossier_track_get, track_code_normalize

__all__ = ["TooManyLookups", "track_lookup", "track_window_seconds"]

LIMIT = LookupLimit(lookups_group="onestop.track.lookups", misses_group="onestop.track.misses")


def track_lookup(*, code: str | None, request: HttpRequest) -> DossierTrack | None:
    """Look a dossier up for the visitor of ``request``. Unknown and malformed codes are the
    same miss (no oracle). Raises :class:`TooManyLookups` past the limits."""
    LIMIT.check(request)
    normalized = track_code_normalize(code)
    found = dossier_track_get(normalized) if normalized else None
    if found is None:
        LIMIT.miss(request)
    return found
