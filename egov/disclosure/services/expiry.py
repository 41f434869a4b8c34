"""Clean-up of what was never confirmed: a comment or a support held for its code expires
``EGOV_DISCLOSURE_UNCONFIRMED_HOURS`` after its last code was sent (daily ``egov
disclosure_unconfirmed_expire``). Expired, it is never shown nor counted; the contact it was to
be confirmed by is erased (it was never proved to be the sender's), the row kept with its audit
entry (no silent deletion). Idempotent: only rows still held are touched."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q

from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.disclosure.choices import DisclosureAuditAction
from egov.disclosure.models import Comment, Support
from egov.disclosure.services.codes import EXPIRED, PENDING

A = DisclosureAuditAction


@dataclass(frozen=True)
class ExpiryRun:
    comments: int
    supports: int


def _expire(queryset: models.QuerySet, cutoff: datetime.datetime, erase: list[str]) -> int:
    due = queryset.filter(status=PENDING).filter(
        Q(code_sent_at__lt=cutoff) | Q(code_sent_at__isnull=True, created_at__lt=cutoff)
    )
    done = 0
    for pk in due.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            held = row_lock(queryset, pk)
            if held.status != PENDING:
                continue  # confirmed meanwhile, or expired by a run alongside
            sent_at = held.code_sent_at
            held.status, held.code_digest = EXPIRED, ""
            for name in erase:
                setattr(held, name, "")
            held.save(update_fields=["status", "code_digest", *erase])
            event_record(
                actor=None,
                action=A.UNCONFIRMED_EXPIRED,
                obj=held,
                changes={"code_sent_at": sent_at.isoformat() if sent_at else None},
            )
        done += 1
    return done


def unconfirmed_expire(*, now: datetime.datetime) -> ExpiryRun:
    """Expire the comments and supports whose last code went out more than
    ``EGOV_DISCLOSURE_UNCONFIRMED_HOURS`` before ``now``."""
    cutoff = now - datetime.timedelta(hours=settings.EGOV_DISCLOSURE_UNCONFIRMED_HOURS)
    return ExpiryRun(
        comments=_expire(Comment.objects.all(), cutoff, ["contact", "contact_key"]),
        supports=_expire(Support.objects.all(), cutoff, ["contact", "contact_key"]),
    )
