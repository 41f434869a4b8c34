"""Signing a sent report: the head of the reporting unit signs the report's document from the
report's page, through the documents app's own flow; the receiving unit then reads the signed
PDF (the legal original) rather than the values alone.

Reports are digitally signed (Hà Nội QĐ 2838/QĐ-UBND, as the provincial reporting systems
require; next-modules.md (a)): the report sent is a ``documents`` document of type Báo cáo
drafted at each sending (``submission_submit``); here the head takes it through review,
approval and signing (``document_sign_and_issue``: the official layout rendered, numbered in
the unit's register, PAdES with the unit's key). No second signer is written here."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.common.exceptions import PermissionDenied
from egov.documents.choices import DocumentStatus
from egov.documents.models import Document
from egov.documents.services import document_sign_and_issue, document_to_signature
from egov.orgs.access import can_act_for_unit
from egov.reporting.choices import AuditAction, SubmissionStatus
from egov.reporting.models import Submission
from egov.reporting.services import ReportError

# Who signs a unit's report: its head (the documents app's signers).
SIGNERS = ("unit_head",)


def submission_sign(
    *, actor: Any, submission: Submission, expected_version: int | None
) -> Submission:
    """Sign a sent report (status submitted); by the head of the reporting unit. Its document
    is signed and issued by the documents app (signing key missing, no abbreviation: that
    app's message, nothing written); the report keeps who signed and when."""
    with transaction.atomic():
        locked = row_lock(Submission.objects.select_related("unit", "regime"), submission.pk)
        version_check(locked, expected_version, item=str(locked))
        if not can_act_for_unit(actor, locked.unit, roles=SIGNERS):
            raise PermissionDenied(_("Only the head of the reporting unit signs its report."))
        if locked.status != SubmissionStatus.SUBMITTED or locked.document_id is None:
            raise ReportError(_("Only a sent report waiting for its decision is signed."))
        if locked.signed_at is not None:
            raise ReportError(_("This report is already signed."))
        document = Document.objects.get(pk=locked.document_id)
        if document.status not in (
            DocumentStatus.DRAFT,
            DocumentStatus.IN_REVIEW,
            DocumentStatus.APPROVED,
        ):
            raise ReportError(
                _("The report's document is %(status)s; it can no longer be signed.")
                % {"status": document.get_status_display()}
            )
        document = document_sign_and_issue(
            actor=actor,
            document=document_to_signature(actor=actor, document=document),
            expected_version=None,
        )
        versioned_update(
            actor=actor,
            row=locked,
            action=AuditAction.SUBMISSION_SIGNED,
            fields={"signed_at": timezone.now(), "signed_by_id": actor.pk},
            changes={"document": document.number_notation},
        )
    return locked
