"""Public JSON status of a dossier by its code (no login), with the same fields and the same
rate limits as the status page. Unknown and malformed codes both answer 404.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from egov.common.api_errors import api_errors
from egov.common.api_types import ZonedDatetime
from egov.common.replica import replica_reads
from egov.onestop.selectors.track import DossierTrack
from egov.onestop.throttle import track_lookup

router = Router(tags=["onestop"])


class DossierTrackOut(Schema):
    code: str
    procedure_name: str
    status: str
    status_label: str
    step_name: str
    received_at: ZonedDatetime | None
    due_at: ZonedDatetime | None
    finished_at: ZonedDatetime | None
    returned_at: ZonedDatetime | None
    timeliness: str
    timeliness_label: str


@api_errors(429)
@router.get("/{code}", response=DossierTrackOut, auth=None)
@replica_reads
def dossier_track(request: HttpRequest, code: str) -> DossierTrack:
    """The public status of a dossier: code, procedure, status, current step, dates of
    receipt, appointment, result and return, timeliness. Never personal data. Past the rate
    limit: 429 ``too_many_lookups``."""
    found = track_lookup(code=code, request=request)
    if found is None:
        raise Http404
    return found
