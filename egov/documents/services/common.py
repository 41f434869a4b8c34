"""What every document action shares: the row lock and version check, the derived search
columns, and the state change with its audit entry."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.audit.services import event_record
from egov.common.exceptions import ConcurrentChange
from egov.common.text import fold
from egov.documents import rules
from egov.documents.exceptions import WrongDocumentState
from egov.documents.models import Document
from egov.documents.selectors import permissions


def document_lock(pk: int) -> Document:
    """The document row, locked until the end of the transaction (SQLite: the IMMEDIATE
    transaction already serialises writers)."""
    return (
        Document.objects.select_for_update(of=("self",))
        .select_related("doc_type", "unit", "drafting_unit")
        .get(pk=pk)
    )


def version_check(document: Document, expected_version: int | None) -> None:
    """Refuse when someone acted since the caller looked (``None``: the caller did not look,
    e.g. a system job)."""
    if expected_version is not None and document.version != expected_version:
        raise ConcurrentChange(
            _(
                "Someone else changed “%(document)s” first, so your action was not applied. "
                "Reload the page to see what changed."
            )
            % {"document": document_label(document)}
        )


def status_check(document: Document, allowed: Iterable[str]) -> None:
    if document.status not in tuple(allowed):
        raise WrongDocumentState(
            _("This is not possible while the document is %(status)s.")
            % {"status": document.get_status_display().lower()}
        )


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


def save_changed(document: Document, fields: Mapping[str, Any]) -> None:
    """Set ``fields``, refresh the search columns, bump the version and save only those."""
    for name, value in fields.items():
        setattr(document, name, value)
    derived = search_fields(document)
    for name, value in derived.items():
        setattr(document, name, value)
    document.version += 1
    document.save(update_fields=[*fields, *derived, "version", "updated_at"])


def record(
    actor: User | None, action: str, document: Document, changes: Mapping[str, Any] | None = None
) -> None:
    event_record(actor=actor, action=action, obj=document, changes=changes or {})


def transition(
    *,
    actor: User | None,
    document: Document,
    to_status: str,
    action: str,
    fields: Mapping[str, Any] | None = None,
    changes: Mapping[str, Any] | None = None,
) -> Document:
    """Move a locked document to ``to_status`` with ``fields``, one audit entry."""
    before = document.status
    save_changed(document, {"status": to_status, **(fields or {})})
    record(actor, action, document, {"status": [before, to_status], **(changes or {})})
    return document


acts_for = permissions.acts_for


def require_text(value: str, field: str = "reason") -> str:
    text = (value or "").strip()
    if not text:
        message = _("Give the reason.")
        raise WrongDocumentState(message, code="reason_required", fields={field: message})
    return text


def created_before(actor: User | None, key: str) -> Document | None:
    """The document ``actor`` already created with this form key (a double click, a retry)."""
    if not key or actor is None:
        return None
    return Document.objects.filter(created_by=actor, idempotency_key=key).first()
