"""Lists of documents with accent-insensitive search and filters: all documents, outgoing,
incoming. An HTMX request gets only the rows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET

from egov.documents.choices import Direction
from egov.documents.forms import DocumentFilterForm
from egov.documents.selectors import (
    DocumentFilters,
    document_list_for_user,
    document_rows,
    newest_ids,
)
from egov.documents.selectors.choices import drafts_somewhere, registers_somewhere
from egov.documents.selectors.registers import register_units_for
from egov.orgs.decorators import officer_required

PAGE_SIZE = 50
# Counting every match of a broad search city-wide reads every matching row; above this many
# the list says "more than" and pages on while a page is full.
COUNT_LIMIT = 1000
TITLES = {
    "": pgettext_lazy("official documents", "Documents"),
    Direction.OUTGOING: _("Outgoing documents"),
    Direction.INCOMING: _("Incoming documents"),
}


@dataclass(frozen=True)
class ListPage:
    """One page of the list, with the attributes of a Django ``Page`` the templates use.
    ``count`` is None when there are more than ``COUNT_LIMIT`` matches."""

    object_list: list[Any]
    number: int
    count: int | None
    has_next: bool
    count_limit: int
    page_size: int

    @property
    def num_pages(self) -> int | None:
        return None if self.count is None else max(1, math.ceil(self.count / self.page_size))

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def list_page(queryset: QuerySet[Any], number: str | None) -> ListPage:
    """The page ``number`` (1 when not a number; the last when past the end of a counted
    list): a count that stops after ``COUNT_LIMIT`` matches, and the page's rows plus one to
    know whether another page follows. Three queries (four for a full page of a search over
    the RUM index)."""
    try:
        wanted = max(1, int(number or 1))
    except ValueError:
        wanted = 1
    matches = queryset.order_by()[: COUNT_LIMIT + 1].count()
    count = matches if matches <= COUNT_LIMIT else None
    if count is not None:
        wanted = min(wanted, max(1, math.ceil(count / PAGE_SIZE)))
    start = (wanted - 1) * PAGE_SIZE
    # The page's ids first, from the documents table alone, then those rows by primary key
    # with what a row shows: a text match that PostgreSQL underestimates (a common phrase)
    # cannot then make it join every match to the units table before sorting, nor run the
    # match twice. A search over the RUM index reads only the newest matches (``newest_ids``).
    ids = newest_ids(queryset, start, start + PAGE_SIZE + 1)
    rows = document_rows(ids) if ids else []
    return ListPage(
        rows[:PAGE_SIZE],
        wanted,
        count,
        has_next=len(rows) > PAGE_SIZE,
        count_limit=COUNT_LIMIT,
        page_size=PAGE_SIZE,
    )


def _filters(form: DocumentFilterForm, direction: str) -> DocumentFilters:
    if not form.is_valid():
        return DocumentFilters(direction=direction)
    data = form.cleaned_data
    return DocumentFilters(
        query=data["q"],
        direction=direction or data["direction"],
        status=data["status"],
        doc_type=data["doc_type"].pk if data["doc_type"] else None,
        unit=data["unit"].pk if data["unit"] else None,
        signer=data["signer"],
        date_from=data["date_from"],
        date_to=data["date_to"],
    )


def _list(request: HttpRequest, direction: str) -> HttpResponse:
    form = DocumentFilterForm(request.GET or None, units=register_units_for(request.user))
    if direction:
        del form.fields["direction"]
    documents = document_list_for_user(request.user, _filters(form, direction))
    page = list_page(documents, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "direction": direction,
        "title": TITLES[direction],
        # Only the buttons of what the officer may do (the create pages refuse the others).
        "may_draft": direction == "outgoing" and drafts_somewhere(request.user),
        "may_register": direction == "incoming" and registers_somewhere(request.user),
    }
    template = (
        "documents/_rows.html" if request.headers.get("HX-Request") else "documents/list.html"
    )
    return render(request, template, context)


@require_GET
@officer_required
def document_list(request: HttpRequest) -> HttpResponse:
    """Every document the officer may see, searched and filtered."""
    return _list(request, "")


@require_GET
@officer_required
def outgoing_list(request: HttpRequest) -> HttpResponse:
    return _list(request, Direction.OUTGOING)


@require_GET
@officer_required
def incoming_list(request: HttpRequest) -> HttpResponse:
    return _list(request, Direction.INCOMING)
