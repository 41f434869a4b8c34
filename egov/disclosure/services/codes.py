"""The one-time code of a comment or a support held until the person without an account types it
back: sending it (and again, on request), checking it. Both rows carry the same fields
(``contact``, ``code_digest``, ``code_sent_at``, ``code_attempts``); the code itself travels
through ``egov.accounts.services_codes`` and is kept nowhere."""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.services_codes import (
    contact_masked,
    contact_parse,
    one_time_code_problem,
    one_time_code_resend_wait,
    one_time_code_send,
)
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.disclosure.choices import CommentStatus, DisclosureAuditAction
from egov.disclosure.services._common import invalid

A = DisclosureAuditAction
# The same codes in CommentStatus and SupportStatus.
PENDING, EXPIRED = CommentStatus.PENDING.value, CommentStatus.EXPIRED.value


def purpose_of(held: models.Model) -> str:
    """What the code's digest is bound to: this comment or this support (a code sent for one
    does not confirm another)."""
    return f"disclosure.{held._meta.model_name}:{held.pk}"


def code_send(held: models.Model, *, address: str, channel: str, what: str) -> None:
    """Send a fresh code for ``held`` to ``address`` and keep its digest; the attempts start
    again (inside the caller's transaction, ``held`` locked or new)."""
    held.code_digest = one_time_code_send(
        channel=channel, address=address, purpose=purpose_of(held), what=what, obj=held
    )
    held.code_sent_at, held.code_attempts = timezone.now(), 0
    held.save(update_fields=["code_digest", "code_sent_at", "code_attempts"])


def code_check(queryset: models.QuerySet, pk: int, code: str) -> tuple[models.Model, str]:
    """The held row (locked, then committed) and why ``code`` does not confirm it ('' when it
    does); a wrong try is counted and kept even though the caller refuses the call."""
    with transaction.atomic():
        held = row_lock(queryset, pk)
        if held.status != PENDING:
            return held, ""
        problem = one_time_code_problem(
            code=code,
            digest=held.code_digest,
            purpose=purpose_of(held),
            sent_at=held.code_sent_at,
            attempts=held.code_attempts,
        )
        if problem:
            held.code_attempts += 1
            held.save(update_fields=["code_attempts"])
    return held, problem


def code_resend(queryset: models.QuerySet, pk: int, *, what: str) -> models.Model:
    """Send a new code for a held comment or support (the expired one, or one not received),
    ``EGOV_ONE_TIME_CODE_RESEND_SECONDS`` at the earliest after the last: a double click sends
    one. Nothing to do once confirmed; an expired one is sent again from the form."""
    with transaction.atomic():
        held = row_lock(queryset, pk)
        if held.status == EXPIRED:
            message = _("This was never confirmed and has expired: send it again from the form.")
            raise invalid("code", message, "expired")
        if held.status != PENDING:
            return held
        wait = one_time_code_resend_wait(held.code_sent_at)
        if wait:
            message = _(
                "A code was sent a moment ago. Wait %(seconds)s seconds before asking for another."
            ) % {"seconds": wait}
            raise invalid("code", message, "too_soon")
        channel, address = contact_parse(held.contact)
        code_send(held, address=address, channel=channel, what=what)
        event_record(
            actor=None,
            action=A.CODE_RESENT,
            obj=held,
            changes={"channel": channel, "to": contact_masked(address)},
        )
    return held
