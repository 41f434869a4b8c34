"""Background jobs of traceability (django-tasks). Thin: the job's id in, a service's work."""

from __future__ import annotations

from django_tasks import task


@task()
def epcis_capture_run(job_id: int) -> str:
    """Capture an accepted EPCIS document (a job of ``egov.jobs``); returns the job's state."""
    from egov.jobs.services import job_run
    from egov.traceability.services_capture import epcis_capture_work

    return job_run(job_id, epcis_capture_work)
