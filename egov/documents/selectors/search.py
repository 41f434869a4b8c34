"""Lists and accent-insensitive search of documents, scoped to the officer.

The query is folded exactly as the stored ``search_text`` (no accents, đ → d, lower case, NFC
and NFD alike, punctuation as spaces), so "quyết định", "quyet dinh", "QUYẾT ĐỊNH" and the
decomposed form find the same documents. Every word of the query must begin a word of the
document: on PostgreSQL through full-text search over the GIN index
(``to_tsvector('simple', search_text) @@ to_tsquery('simple', 'w1:* & w2:*')``, migration
0004), elsewhere through LIKE on the same words: both databases give the same results.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value

from egov.accounts.models import User
from egov.common.text import fold
from egov.documents import rules
from egov.documents.models import Document
from egov.documents.selectors.access import document_scope


class _FullTextMatch(Func):
    """``to_tsvector('simple', search_text) @@ to_tsquery('simple', <query>)``: the very
    expression of the GIN index, so PostgreSQL can use it."""

    output_field = BooleanField()
    arg_joiner = ") @@ to_tsquery('simple'::regconfig, "
    template = "(to_tsvector('simple'::regconfig, %(expressions)s))"


@dataclass(frozen=True)
class DocumentFilters:
    """What a list or search may be narrowed by; empty values do not filter."""

    query: str = ""
    direction: str = ""
    status: str = ""
    doc_type: int | None = None
    unit: int | None = None
    signer: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    statuses: tuple[str, ...] = field(default_factory=tuple)


def text_match(qs: QuerySet[Document], query: str) -> QuerySet[Document]:
    """Documents whose ``search_text`` has a word beginning with each word of ``query``."""
    terms = rules.search_terms(query)
    if not terms:
        return qs
    if connection.vendor == "postgresql":
        return qs.filter(_FullTextMatch(F("search_text"), Value(rules.tsquery_prefix(terms))))
    for term in terms:
        qs = qs.filter(Q(search_text__startswith=term) | Q(search_text__contains=f" {term}"))
    return qs


def _filtered(qs: QuerySet[Document], filters: DocumentFilters) -> QuerySet[Document]:
    if filters.direction:
        qs = qs.filter(direction=filters.direction)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.statuses:
        qs = qs.filter(status__in=filters.statuses)
    if filters.doc_type:
        qs = qs.filter(doc_type_id=filters.doc_type)
    if filters.unit:
        qs = qs.filter(Q(unit_id=filters.unit) | Q(drafting_unit_id=filters.unit))
    if filters.signer.strip():
        qs = qs.filter(signer_key__contains=fold(filters.signer))
    if filters.date_from:
        qs = qs.filter(issued_on__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(issued_on__lte=filters.date_to)
    return text_match(qs, filters.query)


def document_list_for_user(
    user: User,
    filters: DocumentFilters | None = None,
) -> QuerySet[Document]:
    """The documents ``user`` may see, filtered, newest first, with what a row shows."""
    qs = _filtered(document_scope(user), filters or DocumentFilters())
    return qs.select_related("doc_type", "unit", "drafting_unit").order_by("-created_at", "-pk")


def document_search(
    user: User,
    query: str,
    filters: DocumentFilters | None = None,
) -> QuerySet[Document]:
    """Accent-insensitive full-text search over number and notation, summary, text, sender
    and signer, within what ``user`` may see, with the same filters as the lists."""
    base = filters or DocumentFilters()
    return document_list_for_user(user, DocumentFilters(**{**base.__dict__, "query": query}))
