"""Background jobs of the exchange (django-tasks). Thin: take ids, call a service."""

from __future__ import annotations

from django_tasks import task


@task()
def outbound_message_send(message_pk: int) -> str:
    """One delivery attempt of a queued package; idempotent (a finished message is left)."""
    from egov.exchange.services import outbound_message_deliver

    return outbound_message_deliver(message_pk=message_pk)


@task()
def outbound_retry_due() -> int:
    """Attempt every package whose next attempt is due; enqueue it every few minutes (cron:
    ``egov exchange_retry``) so retries happen on any task backend."""
    from egov.exchange.services import outbound_messages_retry_due

    return outbound_messages_retry_due()
