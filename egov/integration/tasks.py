"""Background jobs of the integration layer (django-tasks). Thin: take ids, call a service."""

from __future__ import annotations

from django_tasks import task


@task()
def status_push_send(push_pk: int) -> str:
    """One delivery attempt of a queued dossier status; idempotent (a delivered one is left)."""
    from egov.integration.services.pushes import status_push_deliver

    return status_push_deliver(push_pk=push_pk)


@task()
def status_pushes_retry_due() -> int:
    """Attempt every status whose next try is due (cron: ``egov integration_push``)."""
    from egov.integration.services.pushes import status_pushes_deliver_due

    return status_pushes_deliver_due()
