"""Telling applicants what they must know (received, completion needed, late with a new date,
result ready): e-mail through Django's backend and SMS through a pluggable sender, both sent by
a background job enqueued after the transaction commits."""

from __future__ import annotations

from django.db import transaction

from egov.onestop.models import Dossier

EVENTS = ("submitted", "received", "supplement_requested", "refused", "apology", "result_ready")


def dossier_notify(*, dossier: Dossier, event: str) -> None:
    """Enqueue the applicant's notification for ``event`` once the current transaction commits."""
    if event not in EVENTS:
        raise ValueError(f"unknown dossier event {event!r}")
    from egov.onestop.tasks import dossier_notification_send

    dossier_id = dossier.pk
    transaction.on_commit(lambda: dossier_notification_send.enqueue(dossier_id, event))
