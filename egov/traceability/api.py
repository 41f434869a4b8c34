"""EPCIS 2.0 endpoints under /api/v1/traceability/: capture of a JSON-LD document from a
producer's own system (token or session) as a capture job (202, then ``GET`` the job for its
state and the members at fault; a document is stored whole or not at all), and the event
query answering an EPCIS query document.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

import datetime

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router

from egov.jobs.choices import JobState
from egov.orgs.access import require_officer
from egov.traceability import epcis
from egov.traceability.exceptions import TraceError
from egov.traceability.selectors import (
    capture_job_get_for_user,
    events_query_for_user,
    producer_for_account,
)
from egov.traceability.services import producer_of
from egov.traceability.services_capture import epcis_capture_start

router = Router(tags=["traceability"])
HEADERS = {"GS1-EPCIS-Version": "2.0.0", "GS1-CBV-Version": "2.0.0"}


def _epcis(response: JsonResponse) -> JsonResponse:
    for name, value in HEADERS.items():
        response[name] = value
    return response


def _capture_limits(response: JsonResponse) -> JsonResponse:
    """The capture interface's settings (those EPCIS 2.0 ``OPTIONS /capture`` tells), on every
    capture's answer: how
    many events and bytes one capture takes, and that a document with an error is refused
    whole."""
    response["GS1-EPCIS-Capture-Limit"] = str(epcis.CAPTURE_LIMIT)
    response["GS1-EPCIS-Capture-File-Size-Limit"] = str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    response["GS1-Capture-Error-Behaviour"] = "rollback"
    return _epcis(response)


@router.post("/epcis/capture", url_name="epcis_capture", response={202: dict})
def capture(request: HttpRequest) -> JsonResponse:
    """Accept an EPCIS 2.0 document (``application/json`` or ``application/ld+json``) for
    capture: 202 with the capture job's id and its ``Location``; the job checks and stores it
    whole or not at all (EPCIS 2.0 REST binding, ``POST /capture``). A document over the
    capture limit is refused at once (413); so is a request for the ``proceed`` error
    behaviour, which the platform does not offer (a refused document stores nothing). A body
    over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is refused before this view (``common.input_guard``,
    413)."""
    producer_of(request.auth)  # anyone but a producer is refused before the body is read
    behaviour = request.headers.get("GS1-Capture-Error-Behaviour", "rollback").strip().lower()
    if behaviour != "rollback":
        message = _(
            "Only the rollback error behaviour is offered: a document with an error "
            "is refused whole."
        )
        raise TraceError(message, fields={"GS1-Capture-Error-Behaviour": message})
    job = epcis_capture_start(actor=request.auth, body=request.body)
    location = reverse("api:epcis_capture_job", kwargs={"capture_id": job.pk})
    response = JsonResponse({"captureID": str(job.pk)}, status=202)
    response["Location"] = location
    return _capture_limits(response)


@router.get("/epcis/capture/{capture_id}", url_name="epcis_capture_job", response={200: dict})
def capture_job(request: HttpRequest, capture_id: int) -> JsonResponse:
    """A capture job: running, succeeded, or failed with the members at fault (only to the
    producer that sent it)."""
    job = capture_job_get_for_user(request.auth, capture_id)
    body = epcis.capture_job_json(
        capture_id=str(job.pk),
        created=job.created_at,
        finished=job.finished_at,
        succeeded=job.state == JobState.SUCCEEDED,
        message=job.error_message,
        fields=job.error_fields,
    )
    return _epcis(JsonResponse(body))


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
    return _epcis(JsonResponse(body, content_type="application/ld+json"))
