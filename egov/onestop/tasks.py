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


@task()
def national_pull_run(job_id: int) -> str:
    """Pull the dossiers submitted on the national portal (a job of ``egov.jobs`` started from
    the officer's page); returns the job's final state."""
    from egov.jobs.services import job_run
    from egov.onestop.services.national_intake import national_pull_work

    return job_run(job_id, national_pull_work)


@task()
def national_dossiers_pull_run(day: str | None = None) -> dict[str, int]:
    """Pull the dossiers submitted on the national portal since the start of ``day`` (ISO;
    default yesterday, so that a pull just after midnight still takes what was submitted late
    the day before): ``egov national_dossiers_pull``, from cron as often as wanted (what was
    taken is not taken again). ``unreachable`` is 1 when the portal could not be reached."""
    import datetime

    from django.utils import timezone

    from egov.integration.exceptions import ConnectorUnavailable
    from egov.onestop.services.national_intake import PullReport, national_dossiers_pull, pull_since

    on = (
        datetime.date.fromisoformat(day)
        if day
        else timezone.localdate() - datetime.timedelta(days=1)
    )
    try:
        report = national_dossiers_pull(since=pull_since(on))
    except ConnectorUnavailable:
        return {**PullReport().counts(), "unreachable": 1}
    return {**report.counts(), "unreachable": 0}


@task()
def result_personal_store_send(file_id: int) -> str:
    """Send a result file to the applicant's personal data store; idempotent (a result sent is
    left, every try carries the same key)."""
    from egov.onestop.services.personal_store import result_personal_store_push

    return result_personal_store_push(file_id=file_id)


@task()
def results_personal_store_send_pending(day: str | None = None) -> dict[str, int]:
    """Send every result not yet in its applicant's personal data store (``egov
    personal_store_push``, from cron; ``day`` is the daily command's and is not used: what
    is left is sent whatever day it was recorded)."""
    from egov.onestop.services.personal_store import results_personal_store_push_pending

    return results_personal_store_push_pending()
