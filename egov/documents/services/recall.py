"""Recalling a sent document (EDMS functions, spec §2.7; Decree 30/2020 art. 19): the issuer's
head recalls an issued document with a reason. It is frozen at the sender (status recalled:
nothing more is sent), each recipient row says "withdrawn by the sender" with the reason, and
the recipients' copies inside the platform leave the open work files they were filed in (the
reason kept in that file's history). Copies in closed or archived files stay there (an archive
is never changed), their recipient row still says withdrawn. Agencies reached by edXML are
told by the exchange app (status 13, on the ``document_recalled`` signal)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.audit.versioned import row_lock
from egov.common.validation import require_text
from egov.documents import signals
from egov.documents.choices import AuditAction, RecipientStatus, WorkFileAuditAction, WorkFileStatus
from egov.documents.exceptions import PermissionDenied
from egov.documents.models import Document, DocumentRecipient, WorkFile, WorkFileItem
from egov.documents.selectors.permissions import may_sign
from egov.documents.services import common


def _remove_copies(actor: User, copy_ids: list[int], reason: str) -> list[str]:
    """Take the recipients' copies out of their open work files; the codes of those files."""
    removed = []
    items = WorkFileItem.objects.filter(
        document_id__in=copy_ids, work_file__status=WorkFileStatus.OPEN
    ).select_related("work_file", "document")
    for item in items:
        work_file = row_lock(WorkFile.objects.all(), item.work_file_id)
        event_record(
            actor=actor,
            action=WorkFileAuditAction.DOCUMENT_REMOVED,
            obj=work_file,
            changes={
                "document": item.document_id,
                "number_notation": item.document.number_notation,
                "reason": reason,
            },
        )
        item.delete()
        removed.append(work_file.code)
    return removed


def document_recall(
    *, actor: User, document: Document, expected_version: int | None, reason: str
) -> Document:
    """Recall an issued document: the head of the issuing unit, with a reason."""
    reason = require_text(reason, "reason")
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, expected_version, "recall")
        if not may_sign(actor, document):
            raise PermissionDenied(
                _("Only the head of %(unit)s can recall this document.")
                % {"unit": document.unit.name}
            )
        recipients = list(DocumentRecipient.objects.select_for_update().filter(document=document))
        now = timezone.now()
        for row in recipients:
            row.status, row.status_note, row.status_at = RecipientStatus.WITHDRAWN, reason, now
        DocumentRecipient.objects.bulk_update(recipients, ["status", "status_note", "status_at"])
        copies = [r.received_id for r in recipients if r.received_id]
        removed = _remove_copies(actor, copies, reason)
        document = common.document_update(
            actor=actor,
            document=document,
            transition="recall",
            action=AuditAction.RECALLED,
            changes={
                "reason": reason,
                "recipients": [r.name for r in recipients],
                "removed_from_files": removed,
            },
        )
        signals.document_recalled.send(sender=Document, document=document, reason=reason)
        return document
