"""EPCIS 2.0 capture as the standard's REST binding has it: ``POST /capture`` records a
capture job and answers 202 at once; the job (``egov.jobs``, run by a django-tasks worker)
checks the document against the schema and stores its events all or nothing
(``services_events.epcis_capture``); ``GET /capture/{id}`` tells its state and errors."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egov.common.progress import WRITE, ProgressCallback
from egov.jobs.models import Job
from egov.jobs.services import JobResult, job_start
from egov.traceability.choices import CAPTURE_JOB_KIND
from egov.traceability.exceptions import TraceError
from egov.traceability.services import producer_of
from egov.traceability.services_events import epcis_capture


def epcis_capture_start(*, actor: Any, body: bytes) -> Job:
    """Accept an EPCIS document from a producer's own system for capture: only a producer,
    only JSON (both answered at once); everything else is the job's to check. The producer
    polls the job, so it is not told by message when the job ends."""
    from egov.traceability.tasks import epcis_capture_run

    producer = producer_of(actor)
    try:
        json.loads(body or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        message = _("The body is not JSON.")
        raise TraceError(message, fields={"body": message}) from exc
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
        document = json.loads(upload.read())
    ids = epcis_capture(actor=job.started_by, document=document)
    progress(WRITE, len(ids), len(ids))
    summary = ngettext("%(count)s event captured.", "%(count)s events captured.", len(ids)) % {
        "count": len(ids)
    }
    return JobResult(summary=summary)
