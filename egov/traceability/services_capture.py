"""EPCIS 2.0 capture as the standard's REST binding has it: ``POST /capture`` records a
capture job and answers 202 at once; the job (``egov.jobs``, run by a django-tasks worker)
checks the document against the schema and stores its events all or nothing
(``services_epcis.epcis_capture``); ``GET /capture/{id}`` tells its state and errors."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egov.common.progress import WRITE, ProgressCallback
from egov.jobs.models import Job
from egov.jobs.services import JobResult, job_start
from egov.traceability import epcis
from egov.traceability.choices import CAPTURE_JOB_KIND
from egov.traceability.exceptions import CaptureTooLarge, TraceError
from egov.traceability.services import producer_of
from egov.traceability.services_epcis import epcis_capture


def _no_constant(name: str) -> None:
    raise ValueError(name)


def json_read(body: bytes) -> Any:
    """A JSON body as EPCIS reads it: ``NaN`` and ``Infinity`` (which Python's parser takes,
    but JSON has not) are refused, so no quantity is ever infinite."""
    return json.loads(body, parse_constant=_no_constant)


def epcis_capture_start(*, actor: Any, body: bytes) -> Job:
    """Accept an EPCIS document from a producer's own system for capture: only a producer,
    only JSON (both answered at once); everything else is the job's to check. The producer
    polls the job, so it is not told by message when the job ends."""
    from egov.traceability.tasks import epcis_capture_run

    producer = producer_of(actor)
    try:
        document = json_read(body or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        message = _("The body is not JSON.")
        raise TraceError(message, fields={"body": message}) from exc
    count = epcis.event_count(document)
    if count is not None and count > epcis.CAPTURE_LIMIT:
        message = _("At most %(limit)s events per document: send the rest in another capture.") % {
            "limit": epcis.CAPTURE_LIMIT
        }
        raise CaptureTooLarge(message, fields={"epcisBody.eventList": message})
    return job_start(
        actor=actor,
        kind=CAPTURE_JOB_KIND,
        title=_("EPCIS capture of %(producer)s") % {"producer": producer.name},
        task=epcis_capture_run,
        upload_name="epcis.json",
        upload_content=body,
        notify=False,
    )


def epcis_capture_work(job: Job, progress: ProgressCallback) -> JobResult:
    """The capture job's work: the document it was given, captured whole or refused whole
    (a refusal's fields are kept on the job for ``GET /capture/{id}``)."""
    with job.upload.open("rb") as upload:
        document = json_read(upload.read())
    result = epcis_capture(actor=job.started_by, document=document)
    progress(WRITE, result.stored, result.stored)
    summary = ngettext("%(count)s event captured.", "%(count)s events captured.", result.stored) % {
        "count": result.stored
    }
    if result.already:
        summary += " " + ngettext(
            "%(count)s event had been captured before and was not stored again.",
            "%(count)s events had been captured before and were not stored again.",
            result.already,
        ) % {"count": result.already}
    return JobResult(summary=summary)
