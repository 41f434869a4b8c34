"""Attempts to post queued packages: one job per attempt, backoff between attempts, a sweep for
attempts that fell due, and an officer's retry after the attempts ran out."""

from __future__ import annotations

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.documents.choices import DocumentStatus, RecipientStatus
from egov.documents.services import recipient_status_record
from egov.exchange import rules
from egov.exchange.choices import AuditAction, MessageKind, OutboundState
from egov.exchange.exceptions import RetryNotAllowed
from egov.exchange.models import OutboundMessage
from egov.exchange.services import conf
from egov.exchange.services.outbound import enqueue_delivery, withdrawal_messages_queue
from egov.exchange.services.transport import Outcome, package_post
from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import Role

RETRIERS = (Role.CLERK, Role.UNIT_HEAD, Role.SYSTEM_ADMIN)


def _next_state(message: OutboundMessage, outcome: Outcome) -> str:
    if outcome.delivered:
        return OutboundState.SENT
    if not rules.is_retryable(outcome.status):
        return OutboundState.FAILED
    if message.attempts >= conf.max_attempts():
        return OutboundState.GIVEN_UP
    return OutboundState.PENDING


def _recipient_follows(message: OutboundMessage, now: datetime.datetime) -> None:
    if message.kind != MessageKind.DOCUMENT or message.recipient is None:
        return
    if message.state == OutboundState.SENT:
        recipient_status_record(
            recipient=message.recipient, status=RecipientStatus.SENT, note="", at=now
        )
    elif message.state in (OutboundState.FAILED, OutboundState.GIVEN_UP):
        recipient_status_record(
            recipient=message.recipient,
            status=RecipientStatus.FAILED,
            note=message.last_error[:2000],
            at=now,
        )


# Where an attempt left the message, and the audit action that records it.
_ATTEMPT_AUDIT = {
    OutboundState.PENDING: AuditAction.OUTBOUND_PENDING,
    OutboundState.SENT: AuditAction.OUTBOUND_SENT,
    OutboundState.FAILED: AuditAction.OUTBOUND_FAILED,
    OutboundState.GIVEN_UP: AuditAction.OUTBOUND_GIVEN_UP,
}


def _delivered_after_recall(message: OutboundMessage) -> str:
    """The package was on the wire when the issuer recalled the document: the peer has it, so
    it is recorded as delivered and the peer gets status 13 like any agency it reached."""
    before, message.state, message.sent_at = message.state, OutboundState.SENT, timezone.now()
    message.attempts += 1
    message.save(update_fields=["state", "sent_at", "attempts"])
    event_record(
        actor=None,
        action=AuditAction.OUTBOUND_SENT,
        obj=message,
        changes={"state": [before, message.state], "attempts": message.attempts},
    )
    reason = message.recipient.status_note if message.recipient_id else ""
    withdrawal_messages_queue(document=message.document, reason=reason)
    return message.state


def _attempt_record(pk: int, outcome: Outcome) -> str:
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().get(pk=pk)
        if message.state == OutboundState.CANCELLED and outcome.delivered:
            return _delivered_after_recall(message)
        if message.state != OutboundState.PENDING:
            return message.state  # another worker finished it meanwhile
        now, before = timezone.now(), message.state
        message.attempts += 1
        message.state = _next_state(message, outcome)
        message.last_error = outcome.error
        message.sent_at = now if outcome.delivered else None
        message.next_attempt_at = (
            now + rules.retry_delay(message.attempts, base_seconds=conf.retry_seconds())
            if message.state == OutboundState.PENDING
            else None
        )
        message.save(
            update_fields=["attempts", "state", "last_error", "sent_at", "next_attempt_at"]
        )
        event_record(
            actor=None,
            action=_ATTEMPT_AUDIT[message.state],
            obj=message,
            changes={
                "state": [before, message.state],
                "attempts": message.attempts,
                "http_status": outcome.status,
                "error": outcome.error[:300],
            },
        )
        _recipient_follows(message, now)
        if message.state == OutboundState.PENDING:
            enqueue_delivery(message.pk, when=message.next_attempt_at)
    return message.state


def outbound_message_deliver(*, message_pk: int) -> str:
    """One attempt: POST the package (outside any transaction: no lock is held while waiting
    for the network), then record the outcome. Returns the message's state."""
    message = OutboundMessage.objects.select_related("peer").get(pk=message_pk)
    if message.state != OutboundState.PENDING:
        return message.state
    return _attempt_record(message.pk, package_post(message))


def outbound_messages_retry_due(*, now: datetime.datetime | None = None) -> int:
    """Attempt every pending message whose next attempt is due (the periodic sweep: run it from
    cron with ``egov exchange_retry``). Returns how many were attempted."""
    moment = now or timezone.now()
    due = (
        OutboundMessage.objects.filter(state=OutboundState.PENDING)
        .filter(Q(next_attempt_at__lte=moment) | Q(next_attempt_at__isnull=True))
        .order_by("pk")
    )
    pks = list(due.values_list("pk", flat=True)[:500])
    for pk in pks:
        outbound_message_deliver(message_pk=pk)
    return len(pks)


def outbound_message_retry(
    *,
    actor: AbstractBaseUser,
    message: OutboundMessage,
) -> OutboundMessage:
    """An officer of the sending unit (clerk, head, administrator) sends a failed or given-up
    message again: a fresh series of attempts with the same message id, so a peer that got it
    after all still keeps one document."""
    if not can_act_for_unit(actor, message.unit, roles=RETRIERS):
        raise PermissionDenied(
            _("Only the clerk or the head of %(unit)s can send this message again.")
            % {"unit": message.unit.name}
        )
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().get(pk=message.pk)
        if (
            message.state not in (OutboundState.FAILED, OutboundState.GIVEN_UP)
            or not message.payload
        ):
            raise RetryNotAllowed(_("Only a message that failed can be sent again."))
        if message.document.status == DocumentStatus.RECALLED:
            raise RetryNotAllowed(_("The document was recalled; it is not sent again."))
        before = message.state
        message.state, message.attempts = OutboundState.PENDING, 0
        message.next_attempt_at = timezone.now()
        message.save(update_fields=["state", "attempts", "next_attempt_at"])
        event_record(
            actor=actor,
            action=AuditAction.OUTBOUND_RETRIED,
            obj=message,
            changes={"state": [before, OutboundState.PENDING]},
        )
        enqueue_delivery(message.pk)
    return message
