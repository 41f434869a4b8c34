"""Drafting an outgoing document inside a unit: draft → review → approved (Decree 30/2020/NĐ-CP
arts. 10–12: the drafting unit prepares it, its head checks it before it goes to the signer).

Who: a specialist (or a head) of the drafting division drafts; the head of that division (or
the head of a unit over it) approves or returns it; the signer may still return an approved
draft. Every change: one transaction, the document row locked, ``expected_version`` checked,
one audit entry.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.common.validation import day_problem, require_text
from egov.documents.choices import AuditAction, Direction, DocumentStatus, Secrecy, Urgency
from egov.documents.exceptions import DocumentError, PermissionDenied
from egov.documents.models import Document, DocumentType
from egov.documents.selectors.permissions import (
    DRAFTERS,
    may_edit_draft,
    may_return_draft,
    may_review,
)
from egov.documents.services import common
from egov.documents.services.files import FileIn, file_summary, files_check, files_store
from egov.documents.services.readers import readers_add
from egov.orgs.levels import issuing_unit
from egov.orgs.models import OrgUnit

# What a draft form may change; number, signer and dates belong to the issue.
EDITABLE = (
    "doc_type",
    "subject",
    "body",
    "grounds",
    "addressees",
    "recipients_text",
    "field",
    "urgency",
    "secrecy",
    "due_on",
    "signing_authority",
    "authority_line",
    "signer_position",
    "place",
)


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    cleaned = dict(values)
    if "subject" in cleaned:
        cleaned["subject"] = (cleaned["subject"] or "").strip()
        if not cleaned["subject"]:
            message = _("Give the summary (trích yếu) of the document.")
            raise DocumentError(message, code="subject_required", fields={"subject": message})
    if problem := day_problem(cleaned.get("due_on")):
        raise DocumentError(problem, code="invalid_date", fields={"due_on": problem})
    if cleaned.get("urgency", Urgency.NORMAL) not in Urgency.values:
        raise DocumentError(_("Unknown urgency."), fields={"urgency": _("Unknown urgency.")})
    if cleaned.get("secrecy", Secrecy.NONE) not in Secrecy.values:
        raise DocumentError(_("Unknown secrecy."), fields={"secrecy": _("Unknown secrecy.")})
    return cleaned


def document_draft_create(
    *,
    actor: User,
    drafting_unit: OrgUnit,
    doc_type: DocumentType,
    subject: str,
    unit: OrgUnit | None = None,
    files: Sequence[FileIn] = (),
    readers: Sequence[User] = (),
    idempotency_key: str = "",
    **values: Any,
) -> Document:
    """A new draft of ``drafting_unit`` for the register of ``unit`` (default: the issuing unit
    above it). ``values`` are the editable fields (body, grounds, addressees, urgency,
    secrecy...). A secret draft is visible to its creator and the people named in
    ``readers`` only. The same ``idempotency_key`` again returns the first draft."""
    if not common.acts_for(actor, drafting_unit, DRAFTERS):
        raise PermissionDenied(_("You cannot draft documents for this unit."))
    earlier = common.created_before(actor, idempotency_key)
    if earlier is not None:
        return earlier
    unit = unit or issuing_unit(drafting_unit)
    if not drafting_unit.is_within(unit) or not unit.is_active:
        message = _("The issuing unit must be the drafting unit or a unit above it.")
        raise DocumentError(message, code="wrong_issuing_unit", fields={"unit": message})
    cleaned = _clean({"subject": subject, "doc_type": doc_type, **values})
    files_check(files)
    try:
        return _create(actor, drafting_unit, unit, cleaned, files, readers, idempotency_key)
    except IntegrityError:
        earlier = common.created_before(actor, idempotency_key)
        if earlier is None:
            raise
        return earlier


def _create(
    actor: User,
    drafting_unit: OrgUnit,
    unit: OrgUnit,
    cleaned: dict[str, Any],
    files: Sequence[FileIn],
    readers: Sequence[User],
    idempotency_key: str,
) -> Document:
    with transaction.atomic():
        document = Document(
            direction=Direction.OUTGOING,
            status=DocumentStatus.DRAFT,
            unit=unit,
            drafting_unit=drafting_unit,
            created_by=actor,
            idempotency_key=idempotency_key[:64],
            **cleaned,
        )
        for name, value in common.search_fields(document).items():
            setattr(document, name, value)
        document.save()
        stored = files_store(document=document, files=files, actor=actor)
        named = readers_add(document=document, users=readers, actor=actor)
        common.record(
            actor,
            AuditAction.DRAFT_CREATED,
            document,
            {
                "status": DocumentStatus.DRAFT,
                "unit": unit.pk,
                "drafting_unit": drafting_unit.pk,
                "doc_type": document.doc_type.code,
                "subject": document.subject,
                "secrecy": document.secrecy,
                "files": file_summary(stored),
                "readers": named,
            },
        )
    return document


def document_draft_update(
    *,
    actor: User,
    document: Document,
    expected_version: int | None,
    files: Sequence[FileIn] = (),
    **values: Any,
) -> Document:
    """Change a draft (its creator or the head of the drafting unit) or a draft in review (the
    reviewing head); files are added."""
    cleaned = _clean(values)
    files_check(files)
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, expected_version, "edit")
        if not may_edit_draft(actor, document):
            raise PermissionDenied(_("You cannot change this draft."))
        changes = {
            name: [_plain(getattr(document, name)), _plain(value)]
            for name, value in cleaned.items()
            if getattr(document, name) != value
        }
        stored = files_store(document=document, files=files, actor=actor)
        if stored:
            changes["files"] = file_summary(stored)
        common.document_update(
            actor=actor,
            document=document,
            action=AuditAction.DRAFT_UPDATED,
            fields=cleaned,
            changes=changes,
        )
    return document


def _plain(value: Any) -> Any:
    if isinstance(value, DocumentType):
        return value.code
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def document_submit_for_review(
    *, actor: User, document: Document, expected_version: int | None
) -> Document:
    """The drafter sends the draft to the head of the drafting unit."""
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, expected_version, "submit")
        if not may_edit_draft(actor, document):
            raise PermissionDenied(
                _("Only the drafter or the head of the drafting unit can submit this draft.")
            )
        return common.document_update(
            actor=actor, document=document, transition="submit", action=AuditAction.SUBMITTED
        )


def document_approve(
    *, actor: User, document: Document, expected_version: int | None, note: str = ""
) -> Document:
    """The head of the drafting unit approves the draft; it waits for the signer."""
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, expected_version, "approve")
        if not may_review(actor, document):
            raise PermissionDenied(_("Only the head of the drafting unit can approve this draft."))
        return common.document_update(
            actor=actor,
            document=document,
            transition="approve",
            action=AuditAction.APPROVED,
            changes={"note": note.strip()} if note.strip() else None,
        )


def document_to_signature(*, actor: User, document: Document) -> Document:
    """A draft its signer drafts, reviews and signs in one unit (a report of the unit, a
    synthesis of comments): submitted for review and approved where not yet, each step by the
    rules above (``PermissionDenied`` when ``actor`` may not take it)."""
    if document.status == DocumentStatus.DRAFT:
        document = document_submit_for_review(
            actor=actor, document=document, expected_version=document.version
        )
    if document.status == DocumentStatus.IN_REVIEW:
        document = document_approve(
            actor=actor, document=document, expected_version=document.version
        )
    return document


def document_return_to_draft(
    *, actor: User, document: Document, expected_version: int | None, reason: str
) -> Document:
    """Send the draft back to its drafter with the reason: the reviewing head (in review or
    approved) or the signer (approved)."""
    reason = require_text(reason)
    with transaction.atomic():
        document = common.document_lock(document.pk)
        common.document_check(document, expected_version, "return_draft")
        if not may_return_draft(actor, document):
            raise PermissionDenied(_("You cannot return this draft."))
        return common.document_update(
            actor=actor,
            document=document,
            transition="return_draft",
            action=AuditAction.RETURNED_TO_DRAFT,
            changes={"reason": reason},
        )
