"""Lists and accent-insensitive search of documents, scoped to the officer.

The query is folded exactly as the stored ``search_text`` (no accents, đ → d, lower case, NFC
and NFD alike, punctuation as spaces), so "quyết định", "quyet dinh", "QUYẾT ĐỊNH" and the
decomposed form find the same documents. Every word typed before the last must be a word of
the document, and the last one typed (perhaps not finished) must begin one: "quyet dinh
du" is ``quyet & dinh & du:*``. Only the last word is a prefix, so a short syllable early in
a phrase (``an``) does not read the posting lists of every word it begins.

On PostgreSQL through full-text search. Where the ``rum`` extension was available to migration
0012, over a RUM index of a stored ``search_vector`` column with ``created_at`` attached: the
newest matches come first out of the index (:func:`newest_ids`), so a page of a common phrase
does not read and sort every match. Elsewhere over the GIN index of migration 0004
(``to_tsvector('simple', search_text) @@ to_tsquery('simple', ...)``). SQLite matches the same
words with LIKE. Every path gives the same documents in the same order.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    DateTimeField,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Value,
)

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


class _StoredVectorMatch(Func):
    """``search_vector @@ to_tsquery('simple', <query>)`` on the stored column that migration
    0012 adds next to ``search_text`` where RUM is available (not a model field: PostgreSQL
    fills it), so the RUM index serves the match. ``indexed=False``: the same test as
    ``ts_match_vq(...)``, which no index serves, checked on the rows the index gives."""

    output_field = BooleanField()

    def __init__(self, *expressions: Any, indexed: bool = True) -> None:
        super().__init__(*expressions)
        self.indexed = indexed

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        column, query = self.get_source_expressions()
        # ``search_text``'s own table alias, so the match works inside any subquery.
        alias = compiler.quote_name_unless_alias(column.alias)
        query_sql, params = compiler.compile(query)
        vector = f"{alias}.{connection.ops.quote_name(SEARCH_VECTOR)}"
        tsquery = f"to_tsquery('simple'::regconfig, {query_sql})"
        if self.indexed:
            return f"({vector} @@ {tsquery})", params
        return f"ts_match_vq({vector}, {tsquery})", params


class _NewestFirst(Func):
    """``created_at <=| NEWEST``: RUM's distance from a moment after every document, read in
    order out of the RUM index (the newest match first) without reading the others. Documents
    are as far apart as their ``created_at`` (a float of seconds, exact to the microsecond for
    any moment within 136 years before ``NEWEST``)."""

    output_field = FloatField()
    arg_joiner = " <=| "
    template = "(%(expressions)s)"


SEARCH_VECTOR = "search_vector"
RUM_INDEX = "documents_document_search_rum"
NEWEST = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)
# A last word this short, after whole words, is checked on the rows the whole words find
# rather than looked up in the RUM index (``text_match``).
SHORT_PREFIX = 3
_rum_built: dict[str, bool] = {}


def rum_index_present() -> bool:
    """Whether migration 0012 built the RUM index in this database (PostgreSQL with the
    ``rum`` extension); asked once per database and process."""
    if connection.vendor != "postgresql":
        return False
    name = str(connection.settings_dict["NAME"])
    if name not in _rum_built:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [RUM_INDEX])
            _rum_built[name] = bool(cursor.fetchone()[0])
    return _rum_built[name]


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
    """Documents whose ``search_text`` has every word of ``query`` but the last as a whole word
    and a word beginning with the last one. On PostgreSQL with the RUM index, the queryset
    also carries ``search_newest`` (:func:`newest_ids` pages by it)."""
    exact, prefix = rules.search_words(query)
    if not exact and not prefix:
        return qs
    if connection.vendor == "postgresql":
        tsquery = Value(rules.tsquery_words(exact, prefix))
        if rum_index_present():
            newest = Value(NEWEST, output_field=DateTimeField())
            qs = qs.annotate(search_newest=_NewestFirst(F("created_at"), newest))
            if exact and len(prefix) <= SHORT_PREFIX:
                # RUM sorts every entry a prefix matches (``nam:*``: every document) before
                # its first row; the whole words alone pick few enough rows to check.
                whole = Value(rules.tsquery_words(exact, ""))
                qs = qs.filter(_StoredVectorMatch(F("search_text"), whole))
                if not prefix:
                    return qs
                tsquery = Value(rules.tsquery_words([], prefix))
                return qs.filter(_StoredVectorMatch(F("search_text"), tsquery, indexed=False))
            return qs.filter(_StoredVectorMatch(F("search_text"), tsquery))
        return qs.filter(_FullTextMatch(F("search_text"), tsquery))
    # ``search_text`` is words joined by single spaces (``rules.search_fold``).
    for word in exact:
        qs = qs.filter(
            Q(search_text=word)
            | Q(search_text__startswith=f"{word} ")
            | Q(search_text__endswith=f" {word}")
            | Q(search_text__contains=f" {word} ")
        )
    if prefix:
        qs = qs.filter(Q(search_text__startswith=prefix) | Q(search_text__contains=f" {prefix}"))
    return qs


def newest_ids(documents: QuerySet[Document], start: int, stop: int) -> list[int]:
    """The ids of ``documents[start:stop]`` in the order of the lists (newest first: created_at,
    then id, descending). A search over the RUM index reads its first ``stop`` matches newest
    first straight from the index, then the other matches created at the very moment of the
    last one (the index orders by the moment only), and orders them by id: the same ids as
    slicing the list, without reading every match. Other querysets are sliced."""
    if "search_newest" not in documents.query.annotations:
        return list(documents.values_list("pk", flat=True)[start:stop])
    rows = list(documents.order_by("search_newest").values_list("pk", "created_at")[:stop])
    if len(rows) == stop and stop > 0:
        edge = rows[-1][1]
        rows = [row for row in rows if row[1] != edge]
        rows += documents.order_by().filter(created_at=edge).values_list("pk", "created_at")
    rows.sort(key=lambda row: (row[1], row[0]), reverse=True)
    return [pk for pk, _ in rows[start:stop]]


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
    return qs.select_related(*_ROW_RELATED).order_by("-created_at", "-pk")


_ROW_RELATED = ("doc_type", "unit", "drafting_unit")


def document_rows(ids: list[int]) -> list[Document]:
    """The documents ``ids`` in list order with what a row shows. Only for ids just read from
    a scoped list (:func:`newest_ids`): the scope and the text match are not evaluated again,
    so PostgreSQL reads the rows by primary key and not the match again."""
    rows = Document.objects.filter(pk__in=ids).select_related(*_ROW_RELATED)
    return list(rows.order_by("-created_at", "-pk"))


def document_search(
    user: User,
    query: str,
    filters: DocumentFilters | None = None,
) -> QuerySet[Document]:
    """Accent-insensitive full-text search over number and notation, summary, text, sender
    and signer, within what ``user`` may see, with the same filters as the lists."""
    base = filters or DocumentFilters()
    return document_list_for_user(user, DocumentFilters(**{**base.__dict__, "query": query}))
