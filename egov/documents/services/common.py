"""What every document action shares: the row lock and the version and status check (the
shared :mod:`egov.audit.versioned` helpers and ``rules.DOCUMENT_TRANSITIONS``), the derived
search columns, and the audited write."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.common.text import fold
from egov.documents import rules
from egov.documents.models import Document
from egov.documents.selectors import permissions


def document_lock(pk: int) -> Document:
    """The document row, locked until the end of the transaction (SQLite: the IMMEDIATE
    transaction already serialises writers)."""
    return row_lock(Document.objects.select_related("doc_type", "unit", "drafting_unit"), pk)


def document_check(document: Document, expected_version: int | None, transition: str) -> str:
    """Refuse when someone acted since the caller looked (``None``: the caller did not look,
    e.g. a system job), then when the document's status does not allow ``transition`` (a name
    of ``rules.DOCUMENT_TRANSITIONS``). Returns the status it leads to."""
    version_check(document, expected_version, item=document_label(document))
    return rules.DOCUMENT_TRANSITIONS.target(transition, document.status)


def document_label(document: Document) -> str:
    """ "1738/QĐ-UBND" or the beginning of the summary of an unnumbered draft."""
    return document.number_notation or document.subject[:80]


def search_fields(document: Document) -> dict[str, str]:
    """The folded search column (number and notation, summary, body, sender, signer) and the
    folded signer name, recomputed whenever one of them changes."""
    parts = [
        document.number_notation,
        document.subject,
        document.body,
        document.sender_name,
        document.signer_name,
    ]
    return {
        "search_text": rules.search_fold(" ".join(p for p in parts if p)),
        "signer_key": fold(document.signer_name)[:50],
    }


def document_update(
    *,
    actor: User | None,
    document: Document,
    action: str,
    transition: str | None = None,
    fields: Mapping[str, Any] | None = None,
    changes: Mapping[str, Any] | None = None,
) -> Document:
    """On a locked document: apply ``transition`` (if any), set ``fields``, refresh the search
    columns, bump the version, save only those, and record ``action`` (a declared
    ``AuditAction``) with the
    status change and ``changes`` (one audit entry)."""
    status = {}
    if transition is not None:
        status = {"status": rules.DOCUMENT_TRANSITIONS.target(transition, document.status)}
    for name, value in (fields or {}).items():
        setattr(document, name, value)
    return versioned_update(
        actor=actor,
        row=document,
        action=action,
        fields=status,
        unaudited={**(fields or {}), **search_fields(document)},
        also_save=["updated_at"],
        changes=changes,
    )


def record(
    actor: User | None, action: str, document: Document, changes: Mapping[str, Any] | None = None
) -> None:
    event_record(actor=actor, action=action, obj=document, changes=changes or {})


acts_for = permissions.acts_for


def created_before(actor: User | None, key: str) -> Document | None:
    """The document ``actor`` already created with this form key (a double click, a retry)."""
    if not key or actor is None:
        return None
    return Document.objects.filter(created_by=actor, idempotency_key=key).first()
