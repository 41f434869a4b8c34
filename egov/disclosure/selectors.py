"""Reads of disclosure and consultation: each unit's duties for the period it is judged on,
the late units of an officer's reach (the city office's list), the public lists (only what is
displayed or ended, searched accent-insensitively) and the scoped officer reads."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from egov.common.periods import Period
from egov.common.text import fold
from egov.disclosure import rules
from egov.disclosure.choices import CommentStatus, DutyStatus, Frequency
from egov.disclosure.models import Comment, Consultation, Duty, Item
from egov.documents.choices import DocumentStatus, FileKind, Secrecy
from egov.documents.models import Document, DocumentFile
from egov.documents.selectors import document_list_for_user, document_search
from egov.orgs.access import get_for_user_or_404, reach_of, scope_to_units
from egov.orgs.models import OrgUnit
from egov.workdays.selectors import work_calendar_get

LATE = (DutyStatus.LATE, DutyStatus.MISSING)


@dataclass(frozen=True)
class DutyRow:
    """One duty of one unit for the period it is judged on."""

    duty: Duty
    unit: OrgUnit
    period: Period
    due: datetime.date
    published_on: datetime.date | None
    status: str


def _search_words(text: str) -> list[str]:
    return [w for w in fold(text or "").split() if len(w) > 1][:8]


def duties_judged(today: datetime.date) -> list[tuple[Duty, Period, datetime.date]]:
    """Each active periodic duty with the period it is judged on by ``today`` and its due day."""
    calendar = work_calendar_get()
    judged = []
    for duty in Duty.objects.filter(is_active=True).exclude(frequency=Frequency.EVENT):
        found = rules.latest_due_period(
            calendar,
            frequency=duty.frequency,
            counts_from=duty.counts_from,
            days=duty.due_working_days,
            today=today,
        )
        if found:
            judged.append((duty, found[0], found[1]))
    return judged


def _first_published(
    units: Iterable[int], periods: Iterable[tuple[int, datetime.date]]
) -> dict[tuple[int, int, datetime.date], datetime.date]:
    """(unit, duty, period start) → the first day an item was published. One query."""
    rows = (
        Item.objects.filter(
            unit_id__in=list(units), period_first__in={first for _d, first in periods}
        )
        .values("unit_id", "duty_id", "period_first")
        .annotate(first=Min("published_on"))
    )
    return {(r["unit_id"], r["duty_id"], r["period_first"]): r["first"] for r in rows}


def duty_rows(units: Iterable[OrgUnit], today: datetime.date) -> list[DutyRow]:
    """The duties of ``units`` (each duty to the unit kinds it names) with their status."""
    units = list(units)
    judged = duties_judged(today)
    published = _first_published([u.pk for u in units], [(d.pk, p.first) for d, p, _due in judged])
    rows = []
    for unit in units:
        for duty, period, due in judged:
            if unit.kind not in duty.unit_kinds:
                continue
            day = published.get((unit.pk, duty.pk, period.first))
            status = rules.duty_status(due=due, published_on=day, today=today)
            rows.append(DutyRow(duty, unit, period, due, day, status))
    return rows


def units_with_duties_for_user(user: object) -> QuerySet[OrgUnit]:
    """The active units within ``user``'s reach of a kind some duty names."""
    kinds = {k for d in Duty.objects.filter(is_active=True) for k in d.unit_kinds}
    reach = reach_of(user)
    return OrgUnit.objects.active().filter(reach.q("self"), kind__in=kinds).order_by("name")


def late_rows_for_user(user: object, today: datetime.date) -> list[DutyRow]:
    """Late and missing duties of the units within ``user``'s reach (the city office's list)."""
    units = units_with_duties_for_user(user)
    return [row for row in duty_rows(units, today) if row.status in LATE]


def item_list_public(
    *, today: datetime.date, query: str = "", duty: Duty | None = None, unit: OrgUnit | None = None
) -> QuerySet[Item]:
    """Items displayed or ended (the archive), newest first; none before its display starts."""
    items = Item.objects.filter(display_from__lte=today).select_related("duty", "unit", "document")
    if duty is not None:
        items = items.filter(duty=duty)
    if unit is not None:
        items = items.filter(unit=unit)
    for word in _search_words(query):
        items = items.filter(search_text__contains=word)
    return items


def item_get_public(pk: int) -> Item:
    item = (
        Item.objects.filter(pk=pk, display_from__lte=timezone.localdate())
        .select_related("duty", "unit", "document")
        .prefetch_related("postings", "document__files")
        .first()
    )
    if item is None:
        raise Http404
    return item


def item_list_for_user(user: object) -> QuerySet[Item]:
    return scope_to_units(Item.objects.select_related("duty", "unit"), user, unit_field="unit")


def item_get_for_user(user: object, pk: int) -> Item:
    qs = Item.objects.select_related("duty", "unit", "document").prefetch_related("postings")
    return get_for_user_or_404(qs, user, pk=pk, unit_field="unit")


def _with_counts(qs: QuerySet[Consultation]) -> QuerySet[Consultation]:
    shown = Q(comments__status=CommentStatus.PUBLISHED)
    return qs.select_related("unit", "draft").annotate(
        comment_count=Count("comments", filter=shown)
    )


def consultation_list_public(
    *, query: str = "", unit: OrgUnit | None = None
) -> QuerySet[Consultation]:
    consultations = _with_counts(Consultation.objects.filter(opens_on__lte=timezone.localdate()))
    if unit is not None:
        consultations = consultations.filter(unit=unit)
    for word in _search_words(query):
        consultations = consultations.filter(search_text__contains=word)
    return consultations


def consultation_get_public(pk: int) -> Consultation:
    consultation = (
        Consultation.objects.filter(pk=pk, opens_on__lte=timezone.localdate())
        .select_related("unit", "draft", "synthesis", "adopted")
        .prefetch_related("sections")
        .first()
    )
    if consultation is None:
        raise Http404
    return consultation


def comments_of(consultation: Consultation) -> QuerySet[Comment]:
    """Every comment, hidden ones too (shown with the reason in their place); not those still
    waiting for their author's code."""
    return (
        consultation.comments.received()
        .select_related("section", "residence")
        .prefetch_related("responses__question")
        .order_by("section__number", "created_at", "pk")
    )


def consultation_list_for_user(user: object) -> QuerySet[Consultation]:
    return scope_to_units(_with_counts(Consultation.objects.all()), user, unit_field="unit")


def consultation_get_for_user(user: object, pk: int) -> Consultation:
    qs = Consultation.objects.select_related(
        "unit", "draft", "synthesis", "adopted"
    ).prefetch_related("sections")
    return get_for_user_or_404(qs, user, pk=pk, unit_field="unit")


def comment_get_for_user(user: object, pk: int) -> Comment:
    qs = Comment.objects.received().select_related("consultation", "consultation__unit")
    return get_for_user_or_404(qs, user, pk=pk, unit_field="consultation__unit")


def synthesis_signed_file(consultation: Consultation) -> DocumentFile | None:
    """The signed PDF of the consultation's synthesis once issued, else None (a draft
    synthesis is not public)."""
    synthesis = consultation.synthesis
    if synthesis is None or synthesis.status != DocumentStatus.ISSUED:
        return None
    return synthesis.files.filter(kind=FileKind.SIGNED).order_by("-pk").first()


PICKER_SIZE = 30


def document_choices(user: object, query: str = "") -> list[Document]:
    """The registry documents the document picker offers ``user``: those they may see and
    that may be published (not secret), matching ``query`` accent-insensitively (its number,
    subject, text), else the newest; at most :data:`PICKER_SIZE`."""
    query = query.strip()[:200]
    if query.isdigit():
        query = ""  # a document's id already picked
    documents = document_search(user, query) if query else document_list_for_user(user)
    return list(documents.filter(secrecy=Secrecy.NONE)[:PICKER_SIZE])
