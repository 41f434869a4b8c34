"""Disclosure API (/api/v1/disclosure/), read only and anonymous, as the public pages: the
published items (displayed, or ended and marked so; never one before its display) searched
accent-insensitively, and the consultations (open ones first when asked), with their sections,
questions and, once issued, the signed synthesis. No `from __future__ import annotations`:
ninja reads the annotations."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from egov.common.pagination import BoundedPageNumberPagination
from egov.disclosure import selectors
from egov.disclosure.choices import CommentStatus, ConsultationStatus
from egov.disclosure.models import Consultation, Duty, Item
from egov.disclosure.schemas import ConsultationOut, DisclosureItemOut
from egov.orgs.models import OrgUnit

router = Router(tags=["disclosure"])


class ItemFilter(Schema):
    q: str = Field("", max_length=200, description="Words of the title, summary or unit.")
    duty: str = Field("", max_length=40, description="A duty's code.")
    unit_id: int | None = None


class ConsultationFilter(Schema):
    q: str = Field("", max_length=200)
    open: bool | None = Field(None, description="Only consultations taking comments today.")
    unit_id: int | None = None


class _Mapped:
    """A queryset the paginator counts and slices, each row of the page turned into its
    answer: only the page's rows are read and shaped."""

    def __init__(self, rows: QuerySet, shape: Callable[[Any], dict]) -> None:
        self.rows, self.shape = rows, shape

    def __len__(self) -> int:
        return self.rows.count()

    def __getitem__(self, page: slice) -> list[dict]:
        return [self.shape(row) for row in self.rows[page]]


def _item(item: Item, today) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "summary": item.summary,
        "duty_code": item.duty.code,
        "duty_name": item.duty.name,
        "unit_id": item.unit_id,
        "unit_name": item.unit.name,
        "period_first": item.period_first,
        "period_last": item.period_last,
        "places": item.places,
        "display_from": item.display_from,
        "display_until": item.display_until,
        "published_on": item.published_on,
        "ended": item.display_until < today,
        "url": reverse("disclosure:item-detail", args=[item.pk]),
        "files": [
            {
                "id": f.pk,
                "name": f.name,
                "url": reverse("disclosure:item-file", args=[item.pk, f.pk]),
            }
            for f in item.document.files.all()
        ],
    }


def _consultation(consultation: Consultation, today) -> dict:
    synthesis = None
    signed = selectors.synthesis_signed_file(consultation)
    if signed is not None:
        document = consultation.synthesis
        synthesis = {
            "number_notation": document.number_notation,
            "subject": document.subject,
            "issued_on": document.issued_on,
            "pdf_url": reverse("disclosure:synthesis-file", args=[consultation.pk]),
        }
    return {
        "id": consultation.pk,
        "title": consultation.title,
        "summary": consultation.summary,
        "unit_id": consultation.unit_id,
        "unit_name": consultation.unit.name,
        "draft_subject": consultation.draft.subject,
        "audience": consultation.audience,
        "sector": consultation.sector,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "status": consultation.status,
        "is_open": consultation.status == ConsultationStatus.OPEN
        and consultation.opens_on <= today <= consultation.closes_on,
        "comment_count": consultation.comment_count,
        "url": reverse("disclosure:consultation-detail", args=[consultation.pk]),
        "sections": [
            {"id": s.pk, "number": s.number, "heading": s.heading}
            for s in consultation.sections.all()
        ],
        "questions": [
            {"id": q.pk, "number": q.number, "text": q.text, "options": q.options}
            for q in consultation.asked.all()
        ],
        "synthesis": synthesis,
    }


@router.get("/items", response=list[DisclosureItemOut], auth=None)
@paginate(BoundedPageNumberPagination, page_size=50)
def disclosure_item_list(request: HttpRequest, filters: Query[ItemFilter]) -> Any:
    """Published items of every unit, newest first (an unknown duty or unit: an empty list)."""
    today = timezone.localdate()
    duty = Duty.objects.filter(code=filters.duty).first() if filters.duty else None
    unit = OrgUnit.objects.filter(pk=filters.unit_id).first() if filters.unit_id else None
    if (filters.duty and duty is None) or (filters.unit_id and unit is None):
        return []
    items = selectors.item_list_public(today=today, query=filters.q, duty=duty, unit=unit)
    return _Mapped(items.prefetch_related("document__files"), lambda i: _item(i, today))


@router.get("/items/{item_id}", response=DisclosureItemOut, auth=None)
def disclosure_item_get(request: HttpRequest, item_id: int) -> dict:
    """A published item with its files (404 before its display)."""
    return _item(selectors.item_get_public(item_id), timezone.localdate())


@router.get("/consultations", response=list[ConsultationOut], auth=None)
@paginate(BoundedPageNumberPagination, page_size=50)
def disclosure_consultation_list(request: HttpRequest, filters: Query[ConsultationFilter]) -> Any:
    """Consultations that have opened, newest first; ``open=true`` keeps those taking comments."""
    today = timezone.localdate()
    unit = OrgUnit.objects.filter(pk=filters.unit_id).first() if filters.unit_id else None
    if filters.unit_id and unit is None:
        return []
    consultations = selectors.consultation_list_public(query=filters.q, unit=unit)
    if filters.open is not None:
        taking = {"status": ConsultationStatus.OPEN, "closes_on__gte": today}
        consultations = (
            consultations.filter(**taking) if filters.open else consultations.exclude(**taking)
        )
    consultations = consultations.select_related("synthesis").prefetch_related("sections", "asked")
    return _Mapped(consultations, lambda c: _consultation(c, today))


@router.get("/consultations/{consultation_id}", response=ConsultationOut, auth=None)
def disclosure_consultation_get(request: HttpRequest, consultation_id: int) -> dict:
    """A consultation with its sections, questions and issued synthesis (404 before it opens)."""
    consultation = selectors.consultation_get_public(consultation_id)
    published = selectors.comments_of(consultation).filter(status=CommentStatus.PUBLISHED)
    consultation.comment_count = published.count()
    return _consultation(consultation, timezone.localdate())
