"""Background jobs of the one-stop app (django-tasks). Thin: take ids, call a service."""

from __future__ import annotations

from django_tasks import task


@task()
def dossier_notification_send(dossier_id: int, event: str) -> None:
    """Send the applicant's e-mail (and SMS when configured) about ``event``."""
    from egov.onestop.services.notify_send import dossier_notification_deliver

    dossier_notification_deliver(dossier_id=dossier_id, event=event)
