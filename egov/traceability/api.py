"""EPCIS 2.0 endpoints under /api/v1/traceability/: capture of a JSON-LD document from a
producer's own system (token or session), and the event query answering an EPCIS query
document. Capture is synchronous: a document is applied whole or refused whole (422 naming the
member at fault), so the answer is 201 with the event IDs rather than EPCIS's 202 capture job.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

import datetime
import json

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from egov.orgs.access import require_officer
from egov.traceability import epcis
from egov.traceability.exceptions import TraceError
from egov.traceability.selectors import events_query_for_user, producer_for_account
from egov.traceability.services import producer_of
from egov.traceability.services_events import epcis_capture

router = Router(tags=["traceability"])
HEADERS = {"GS1-EPCIS-Version": "2.0.0", "GS1-CBV-Version": "2.0.0"}


@router.post("/epcis/capture", url_name="epcis_capture", response={201: dict})
def capture(request: HttpRequest) -> JsonResponse:
    """Capture an EPCIS 2.0 document (``application/json`` or ``application/ld+json``)."""
    producer_of(request.auth)  # anyone but a producer is refused before the body is read
    try:
        document = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        message = _("The body is not JSON.")
        raise TraceError(message, fields={"body": message}) from exc
    ids = epcis_capture(actor=request.auth, document=document)
    response = JsonResponse({"eventIDs": ids, "captured": len(ids)}, status=201)
    for name, value in HEADERS.items():
        response[name] = value
    return response


def _moment(value: str | None, field: str) -> datetime.datetime | None:
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        message = _("Give the time as ISO 8601 (2026-05-01T08:00:00+07:00).")
        raise TraceError(message, fields={field: message}) from exc
    return moment if moment.tzinfo else timezone.make_aware(moment)


LD_JSON = {"application/ld+json": {"schema": {"type": "object"}}}


@router.get(
    "/epcis/events",
    url_name="epcis_events",
    response={200: dict},
    openapi_extra={"responses": {200: {"content": LD_JSON}}},
)
def events(
    request: HttpRequest,
    gtin: str = "",
    lot: str = "",
    bizStep: str = "",
    GE_eventTime: str = "",
    LT_eventTime: str = "",
    gln: str = "",
) -> JsonResponse:
    """EPCIS events the caller may see, as an EPCIS 2.0 query document (JSON-LD)."""
    if producer_for_account(request.auth) is None:
        require_officer(request.auth)
    views = events_query_for_user(
        request.auth,
        gtin=gtin,
        lot=lot,
        biz_step=bizStep,
        since=_moment(GE_eventTime, "GE_eventTime"),
        until=_moment(LT_eventTime, "LT_eventTime"),
        gln=gln,
    )
    body = epcis.query_document(views, created=timezone.now())
    response = JsonResponse(body, content_type="application/ld+json")
    for name, value in HEADERS.items():
        response[name] = value
    return response
