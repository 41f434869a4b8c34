"""Who sees which document: THE scoping of every read of the registry.

An officer sees the documents of units within their reach (the register unit or the drafting
unit) and the incoming documents directed to a unit within their reach (a handling-slip row
shares it). A secret document (any secrecy mark) is seen only by the people named on it, its
creator and its signer, wherever they work. Citizens and businesses see nothing. Everything
else is a 404, never a hint that it exists.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from egov.accounts.models import User
from egov.documents.choices import DocumentStatus, Secrecy
from egov.documents.models import Document, DocumentAssignment, DocumentFile, DocumentReader
from egov.documents.selectors.permissions import SIGNERS
from egov.orgs.access import reach_of


def visible_q(user: User) -> Q | None:
    """The filter of documents ``user`` may see, or ``None`` for nothing (one query). The
    many-valued conditions (handling-slip units, named readers) are ``EXISTS`` subqueries, so
    the filter applies to each document row as it is read: a newest-first page can stop after
    its rows instead of first collecting every visible document of the city."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not user.is_officer:
        return None
    reach = reach_of(user)
    reader = Exists(DocumentReader.objects.filter(document=OuterRef("pk"), user=user))
    named = Q(created_by=user) | Q(signer=user) | Q(reader)
    if reach.is_empty:
        return ~Q(secrecy=Secrecy.NONE) & named
    assigned = Exists(
        DocumentAssignment.objects.filter(document=OuterRef("pk")).filter(reach.q("unit"))
    )
    in_reach = reach.q("unit") | reach.q("drafting_unit") | Q(assigned)
    return (Q(secrecy=Secrecy.NONE) & in_reach) | (~Q(secrecy=Secrecy.NONE) & named)


def document_scope(user: User, qs: QuerySet[Document] | None = None) -> QuerySet[Document]:
    """``qs`` (default: every document) narrowed to what ``user`` may see; one row per
    document (no join that multiplies rows)."""
    qs = Document.objects.all() if qs is None else qs
    query = visible_q(user)
    if query is None:
        return qs.none()
    return qs.filter(query)


def document_get_for_user(user: User, pk: int) -> Document:
    """One document ``user`` may see, with what its page needs; anything else is a 404."""
    document = (
        document_scope(user)
        .select_related(
            "doc_type",
            "unit",
            "drafting_unit",
            "sender_unit",
            "signer",
            "created_by",
            "source",
            "process",
        )
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    return document


def document_file_get_for_user(user: User, pk: int, file_id: int) -> DocumentFile:
    """A file of a document ``user`` may see; else 404."""
    document = document_get_for_user(user, pk)
    stored = DocumentFile.objects.filter(document=document, pk=file_id).first()
    if stored is None:
        raise Http404
    return stored


def document_list_to_sign(user: User) -> QuerySet[Document]:
    """Approved drafts waiting for ``user``'s signature: those of the units they head (the
    signers of :mod:`egov.documents.selectors.permissions`)."""
    reach = reach_of(user, roles=SIGNERS)
    if reach.is_empty:
        return Document.objects.none()
    return document_scope(user, Document.objects.filter(status=DocumentStatus.APPROVED)).filter(
        reach.q("unit")
    )
