"""Background jobs of the one-stop app (django-tasks). Thin: take ids, call a service."""

from __future__ import annotations

from django_tasks import task


@task()
def dossier_notification_send(dossier_id: int, event: str) -> None:
    """Send the applicant's e-mail (and SMS when configured) about ``event``."""
    from egov.onestop.services.notify_send import dossier_notification_deliver

    dossier_notification_deliver(dossier_id=dossier_id, event=event)


@task()
def catalog_import_run(job_id: int) -> str:
    """Import an uploaded catalog file (a job of ``egov.jobs``); returns the job's final state."""
    from egov.jobs.services import job_run
    from egov.onestop.services.catalog_jobs import catalog_import_work

    return job_run(job_id, catalog_import_work)
