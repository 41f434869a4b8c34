"""Who sees which document: THE scoping of every read of the registry.

An officer sees the documents of units within their reach (the register unit or the drafting
unit) and the incoming documents directed to a unit within their reach (a handling-slip row
shares it). A secret document (any secrecy mark) is seen only by the people named on it, its
creator and its signer, wherever they work. Citizens and businesses see nothing. Everything
else is a 404, never a hint that it exists.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from egov.accounts.models import User
from egov.documents.choices import Secrecy
from egov.documents.models import Document, DocumentFile
from egov.orgs.access import reach_of


def visible_q(user: User) -> Q | None:
    """The filter of documents ``user`` may see, or ``None`` for nothing (one query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not user.is_officer:
        return None
    reach = reach_of(user)
    named = Q(created_by=user) | Q(signer=user) | Q(readers__user=user)
    if reach.is_empty:
        return ~Q(secrecy=Secrecy.NONE) & named
    in_reach = reach.q("unit") | reach.q("drafting_unit") | reach.q("assignments__unit")
    return (Q(secrecy=Secrecy.NONE) & in_reach) | (~Q(secrecy=Secrecy.NONE) & named)


def document_scope(user: User, qs: QuerySet[Document] | None = None) -> QuerySet[Document]:
    """``qs`` (default: every document) narrowed to what ``user`` may see, without duplicate
    rows (the joins on slips and readers go into a subquery)."""
    qs = Document.objects.all() if qs is None else qs
    query = visible_q(user)
    if query is None:
        return qs.none()
    return qs.filter(pk__in=Document.objects.filter(query).values("pk"))


def document_get_for_user(user: User, pk: int) -> Document:
    """One document ``user`` may see, with what its page needs; anything else is a 404."""
    document = (
        document_scope(user)
        .select_related("doc_type", "unit", "drafting_unit", "sender_unit", "signer",
                        "created_by", "source", "process")
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
