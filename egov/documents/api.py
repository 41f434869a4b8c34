"""Registry API for officers: list and search the documents they may see, and one document
with its files, recipients' statuses and handling slip. Token or session authentication.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from egov.common.pagination import BoundedPageNumberPagination
from egov.documents.models import Document, DocumentType
from egov.documents.schemas import DocumentFilter, DocumentOut, DocumentSummaryOut
from egov.documents.selectors import (
    DocumentFilters,
    document_get_for_user,
    document_list_for_user,
)
from egov.orgs.access import require_officer

router = Router(tags=["documents"])


@router.get("/", response=list[DocumentSummaryOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def document_list(request: HttpRequest, filters: Query[DocumentFilter]) -> QuerySet[Document]:
    """Documents the caller may see, newest first, searched without accents and filtered."""
    require_officer(request.user)
    type_id = (
        DocumentType.objects.filter(code=filters.doc_type).values_list("pk", flat=True).first()
        if filters.doc_type
        else None
    )
    if filters.doc_type and type_id is None:
        return Document.objects.none()
    return document_list_for_user(
        request.user,
        DocumentFilters(
            query=filters.q,
            direction=filters.direction or "",
            status=filters.status or "",
            doc_type=type_id,
            unit=filters.unit,
            signer=filters.signer,
            date_from=filters.date_from,
            date_to=filters.date_to,
        ),
    )


@router.get("/{document_id}", response=DocumentOut)
def document_get(request: HttpRequest, document_id: int) -> Document:
    """One document the caller may see (404 otherwise)."""
    require_officer(request.user)
    return document_get_for_user(request.user, document_id)
