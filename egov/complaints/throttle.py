"""The public look-up of a petition by its number and tracking code, rate limited per client
IP with the shared look-up limits (:mod:`egov.common.lookup_throttle`) on counters of its own:
a malformed key and an unknown one are the same miss, so nothing tells which part was wrong."""

from __future__ import annotations

from django.http import HttpRequest

from egov.common.lookup_throttle import LookupLimit
from egov.complaints.rules import track_keys_normalize
from egov.complaints.selectors import PetitionTrack, petition_track_get

LIMIT = LookupLimit(
    lookups_group="complaints.track.lookups", misses_group="complaints.track.misses"
)


def petition_track_lookup(
    *, number: str | None, code: str | None, request: HttpRequest
) -> PetitionTrack | None:
    """Look a petition up for the visitor of ``request``; raises
    :class:`~egov.common.lookup_throttle.TooManyLookups` past the limits."""
    LIMIT.check(request)
    keys = track_keys_normalize(number, code)
    found = petition_track_get(number=keys[0], code=keys[1]) if keys else None
    if found is None:
        LIMIT.miss(request)
    return found
