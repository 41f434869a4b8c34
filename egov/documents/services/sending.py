"""Sending an issued document to its recipients (nơi nhận) and following where it stands there.

Delivery is the exchange app's: this module records who the document goes to and announces it
(``document_sent``, after commit); the exchange app reports back through
:func:`recipient_status_record` (QCVN 102 status codes). Decree 30/2020/NĐ-CP lets the sender
see the receiver's processing status (spec §2.7, §3.3).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.documents import rules, signals
from egov.documents.choices import AuditAction, Channel, RecipientStatus
from egov.documents.exceptions import DocumentError, PermissionDenied
from egov.documents.models import Document, DocumentRecipient
from egov.documents.selectors.permissions import may_send
from egov.documents.services import common
from egov.orgs.models import OrgUnit


@dataclass(frozen=True)
class RecipientIn:
    """One recipient: a unit of the platform, an agency reached by edXML (its identifier
    code), or an addressee on paper (a name only)."""

    unit: OrgUnit | None = None
    agency_code: str = ""
    name: str = ""
    channel: str = ""

    def resolved(self) -> tuple[str, str]:
        """(channel, name): a platform unit by default goes inside the platform, an agency
        code by edXML, anything else on paper."""
        channel = self.channel or (
            Channel.PLATFORM if self.unit else Channel.EDXML if self.agency_code else Channel.PAPER
        )
        return channel, (self.name or (self.unit.name if self.unit else "")).strip()[:200]


def _as_recipient(item: RecipientIn | OrgUnit) -> RecipientIn:
    return RecipientIn(unit=item) if isinstance(item, OrgUnit) else item


def _check(document: Document, item: RecipientIn) -> tuple[str, str]:
    channel, name = item.resolved()
    problem = ""
    if channel not in Channel.values:
        problem = _("Unknown channel.")
    elif not name:
        problem = _("Name the recipient.")
    elif item.unit is not None and (item.unit.pk == document.unit_id or not item.unit.is_active):
        problem = _("%(unit)s cannot receive this document.") % {"unit": item.unit.name}
    elif channel == Channel.PLATFORM and item.unit is None:
        problem = _("Only units of the platform can receive inside the platform.")
    elif channel == Channel.EDXML and not (
        item.agency_code or (item.unit and item.unit.agency_code)
    ):
        problem = _("%(name)s has no identifier code for electronic exchange.") % {"name": name}
    if problem:
        raise DocumentError(problem, code="wrong_recipient", fields={"recipients": problem})
    return channel, name


def document_send(
    *, actor: User, document: Document, recipients: Iterable[RecipientIn | OrgUnit]
) -> list[DocumentRecipient]:
    """Send an issued document: one recipient row each (pending; paper ones are sent at once),
    then, after commit, ``document_sent`` with the rows waiting for delivery. Recipients the
    document already went to are skipped, so a repeated request sends nothing twice."""
    items = [_as_recipient(item) for item in recipients]
    if not items:
        message = _("Choose at least one recipient.")
        raise DocumentError(message, code="no_recipient", fields={"recipients": message})
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, None, "send")
        if not may_send(actor, document):
            raise PermissionDenied(
                _("Only the clerk or the head of %(unit)s can send this document.")
                % {"unit": document.unit.name}
            )
        now = timezone.now()
        created = [row for row in (_create(document, item, now) for item in items) if row]
        if created:
            common.document_update(
                actor=actor,
                document=document,
                action=AuditAction.SENT,
                changes={
                    "recipients": [
                        {
                            "name": r.name,
                            "channel": r.channel,
                            "unit": r.unit_id,
                            "agency_code": r.agency_code,
                        }
                        for r in created
                    ]
                },
            )
        waiting = [r for r in created if r.status == RecipientStatus.PENDING]
        if waiting:
            transaction.on_commit(
                lambda: signals.document_sent.send(
                    sender=Document, document=document, recipients=waiting
                )
            )
    return created


def _create(
    document: Document,
    item: RecipientIn,
    now: datetime.datetime,
) -> DocumentRecipient | None:
    channel, name = _check(document, item)
    code = item.agency_code or (
        item.unit.agency_code if item.unit and channel == Channel.EDXML else ""
    )
    existing = DocumentRecipient.objects.filter(document=document)
    if item.unit is not None and existing.filter(unit=item.unit).exists():
        return None
    if code and existing.filter(agency_code=code).exists():
        return None
    if channel == Channel.PAPER and existing.filter(channel=Channel.PAPER, name=name).exists():
        return None
    on_paper = channel == Channel.PAPER
    return DocumentRecipient.objects.create(
        document=document,
        unit=item.unit,
        agency_code=code,
        name=name,
        channel=channel,
        status=RecipientStatus.SENT if on_paper else RecipientStatus.PENDING,
        status_at=now if on_paper else None,
    )


def recipient_status_record(
    *,
    recipient: DocumentRecipient,
    status: str,
    note: str = "",
    at: datetime.datetime | None = None,
) -> DocumentRecipient:
    """Record where the document stands at a recipient (called by the exchange app when a
    status arrives). Idempotent: the same status again changes nothing; a status never moves
    backwards, except to a rejection. Returns the recipient row as it now is."""
    if status not in RecipientStatus.values:
        raise DocumentError(
            _("Unknown recipient status."),
            code="unknown_status",
            fields={"status": _("Unknown recipient status.")},
        )
    with transaction.atomic():
        row = DocumentRecipient.objects.select_for_update().get(pk=recipient.pk)
        if not rules.recipient_status_moves(row.status, status):
            return row
        before = row.status
        row.status, row.status_note, row.status_at = (
            status,
            (note or "")[:2000],
            (at or timezone.now()),
        )
        row.save(update_fields=["status", "status_note", "status_at"])
        common.record(
            None,
            AuditAction.RECIPIENT_STATUS,
            row.document,
            {"recipient": row.name, "status": [before, status], "note": row.status_note},
        )
    return row
