"""Lists of documents with accent-insensitive search and filters: all documents, outgoing,
incoming. An HTMX request gets only the rows."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET

from egov.documents.choices import Direction
from egov.documents.forms import DocumentFilterForm
from egov.documents.selectors import DocumentFilters, document_list_for_user
from egov.documents.selectors.registers import register_units_for
from egov.orgs.decorators import officer_required

PAGE_SIZE = 50
TITLES = {"": pgettext_lazy("official documents", "Documents"),
          Direction.OUTGOING: _("Outgoing documents"),
          Direction.INCOMING: _("Incoming documents")}


def _filters(form: DocumentFilterForm, direction: str) -> DocumentFilters:
    if not form.is_valid():
        return DocumentFilters(direction=direction)
    data = form.cleaned_data
    return DocumentFilters(
        query=data["q"], direction=direction or data["direction"], status=data["status"],
        doc_type=data["doc_type"].pk if data["doc_type"] else None,
        unit=data["unit"].pk if data["unit"] else None, signer=data["signer"],
        date_from=data["date_from"], date_to=data["date_to"])


def _list(request: HttpRequest, direction: str) -> HttpResponse:
    form = DocumentFilterForm(request.GET or None, units=register_units_for(request.user))
    if direction:
        del form.fields["direction"]
    documents = document_list_for_user(request.user, _filters(form, direction))
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "direction": direction,
               "title": TITLES[direction]}
    template = ("documents/_rows.html" if request.headers.get("HX-Request")
                else "documents/list.html")
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
