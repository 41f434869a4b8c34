"""Reads for the applicant's own dossiers. Everything is scoped to the applicant: another
person's dossier is a 404, never a 403 (no hint that it exists)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from egov.audit.selectors import history_for_object
from egov.onestop.choices import AuditAction, DossierStatus, NoticeKind
from egov.onestop.models import (
    Dossier,
    DossierFile,
    DossierNotice,
    DossierPayment,
    DossierRating,
    RequiredDocument,
)
from egov.onestop.rules import search_terms

# Forms kept inside the administration (the control sheet follows the file between offices).
INTERNAL_NOTICES = (NoticeKind.CONTROL_SHEET,)


def dossier_list_for_applicant(
    user: object, *, query: str = "", status: str = ""
) -> QuerySet[Dossier]:
    """The applicant's dossiers, newest first; every word of ``query`` (accents ignored) in the
    code or the procedure's code or name, and of ``status`` when given."""
    qs = Dossier.objects.of_applicant(user).select_related("procedure")
    for term in search_terms(query):
        qs = qs.filter(Q(search_text__contains=term) | Q(procedure__search_text__contains=term))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-pk")


def dossier_get_for_applicant(user: object, pk: int) -> Dossier:
    """One of the applicant's dossiers, or 404."""
    return get_object_or_404(
        Dossier.objects.of_applicant(user).select_related(
            "procedure", "competent_unit", "receiving_unit"
        ),
        pk=pk,
    )


def dossier_file_get_for_applicant(user: object, dossier_pk: int, file_pk: int) -> DossierFile:
    """A file of one of the applicant's dossiers, or 404."""
    return get_object_or_404(
        DossierFile.objects.select_related("dossier"),
        pk=file_pk,
        dossier_id=dossier_pk,
        dossier__applicant=user,
    )


@dataclass(frozen=True)
class DocumentRow:
    """A required document of the procedure with the files uploaded for it."""

    document: RequiredDocument
    files: list[DossierFile]


@dataclass(frozen=True)
class DossierFiles:
    documents: list[DocumentRow]
    others: list[DossierFile]


def dossier_files_grouped(dossier: Dossier) -> DossierFiles:
    """Files by required document (in the procedure's order), then the other files."""
    files = list(DossierFile.objects.filter(dossier=dossier).order_by("uploaded_at", "pk"))
    documents = RequiredDocument.objects.filter(procedure_id=dossier.procedure_id)
    rows = [
        DocumentRow(document=d, files=[f for f in files if f.required_document_id == d.pk])
        for d in documents.order_by("order", "pk")
    ]
    return DossierFiles(documents=rows, others=[f for f in files if f.required_document_id is None])


def dossier_rating_get(dossier: Dossier) -> DossierRating | None:
    return DossierRating.objects.filter(dossier=dossier).first()


def dossier_notices_public(dossier: Dossier) -> list[DossierNotice]:
    """The official forms issued to the applicant, with their reasons (not who issued them)."""
    return list(
        DossierNotice.objects.filter(dossier=dossier)
        .exclude(kind__in=INTERNAL_NOTICES)
        .order_by("issued_at", "pk")
    )


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    label: str
    detail: str = ""


def _dates(dossier: Dossier) -> list[TimelineEntry]:
    moments = (
        (dossier.created_at, _("Draft created")),
        (dossier.submitted_at, _("Submitted online")),
        (dossier.received_at, _("Received by the one-stop desk")),
        (dossier.finished_at, _("Result ready")),
        (dossier.returned_at, _("Result returned")),
    )
    return [TimelineEntry(at=at, label=str(label)) for at, label in moments if at]


def _withdrawal(dossier: Dossier) -> list[TimelineEntry]:
    """The applicant's withdrawal, with its reason (its moment is the audit entry's)."""
    if dossier.status != DossierStatus.WITHDRAWN:
        return []
    events = [e for e in history_for_object(dossier) if e.action == AuditAction.DOSSIER_WITHDRAWN]
    return [
        TimelineEntry(
            at=e.at, label=str(_("Withdrawn by the applicant")), detail=dossier.result_note
        )
        for e in events[:1]
    ]


def dossier_timeline(dossier: Dossier) -> list[TimelineEntry]:
    """What happened to the dossier that the applicant may know, in order: its dates, the
    forms issued (with reasons and new appointments), the payments recorded and the
    withdrawal."""
    entries = _dates(dossier) + _withdrawal(dossier)
    for notice in dossier_notices_public(dossier):
        detail = notice.reason
        entries.append(
            TimelineEntry(at=notice.issued_at, label=notice.get_kind_display(), detail=detail)
        )
    for payment in DossierPayment.objects.filter(dossier=dossier):
        entries.append(
            TimelineEntry(
                at=payment.paid_at,
                label=_("Payment recorded"),
                detail=_("Receipt %(number)s") % {"number": payment.receipt_number},
            )
        )
    return sorted(entries, key=lambda e: e.at)
