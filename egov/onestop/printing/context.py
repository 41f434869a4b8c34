"""What each official form prints, read from the dossier, its procedure and its notices.

The forms are those of Circular 01/2018/TT-VPCP art. 9 (Mẫu 01–05; A5). Fields follow
shared/domain §1.5: Mẫu 01 carries the dossier code and a QR code of the public status page
(TT 01/2018 art. 19.2 allows a barcode or QR code); Mẫu 02, 03 and 04 carry the reason (and
Mẫu 04 the new appointment, Decree 61/2018/NĐ-CP art. 19); Mẫu 05 has one row per hop of the
dossier through the workflow, graded early / on time / late.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from egov.common.qr import qr_data_uri as _qr_data_uri
from egov.documents.render import formats
from egov.onestop.choices import Channel, NoticeKind
from egov.onestop.models import Dossier, DossierNotice
from egov.onestop.rules import group_thousands
from egov.onestop.selectors.dossier_detail import form_items
from egov.orgs.models import OrgUnit
from egov.workflow.selectors import instance_history


@dataclass(frozen=True)
class FormSpec:
    """One printable form: the notices that issue it (none: printable at any time), its
    template, whether the applicant may download it, its name on the pages that link it, and
    whether those pages list it (the application is linked from its signing page only)."""

    number: str
    notice_kinds: tuple[str, ...]
    template: str
    for_applicant: bool
    title: str | Promise
    listed: bool = True


FORMS: dict[str, FormSpec] = {
    "receipt": FormSpec(
        "01", (NoticeKind.RECEIPT,), "onestop/forms/receipt.html", True, NoticeKind.RECEIPT.label
    ),
    "supplement": FormSpec(
        "02",
        (NoticeKind.SUPPLEMENT,),
        "onestop/forms/supplement.html",
        True,
        NoticeKind.SUPPLEMENT.label,
    ),
    "refusal": FormSpec(
        "03",
        (NoticeKind.REFUSAL, NoticeKind.DECISION_REFUSAL),
        "onestop/forms/refusal.html",
        True,
        NoticeKind.REFUSAL.label,
    ),
    "apology": FormSpec(
        "04", (NoticeKind.APOLOGY,), "onestop/forms/apology.html", True, NoticeKind.APOLOGY.label
    ),
    "control-sheet": FormSpec(
        "05", (), "onestop/forms/control_sheet.html", False, NoticeKind.CONTROL_SHEET.label
    ),
    # The application as filed online (no official number: each procedure has its own form;
    # this one lists the online form's fields). The applicant signs this PDF from their phone.
    "application": FormSpec(
        "don",
        (),
        "onestop/forms/application.html",
        True,
        gettext_lazy("Application form"),
        listed=False,
    ),
}


@dataclass(frozen=True)
class PrintableForm:
    """A form a page links to: its name, the A5 PDF and the printable page."""

    kind: str
    title: str
    pdf_url: str
    page_url: str


def forms_printable(
    dossier: Dossier, notice_kinds: Iterable[str], *, as_officer: bool
) -> list[PrintableForm]:
    """The forms of ``dossier`` that can be printed now, in form order: those whose notice was
    issued (``notice_kinds``, the kinds of its notices) and those printable at any time; an
    applicant (``as_officer`` False) only the forms for applicants. The same rule as the form
    views (:mod:`egov.onestop.views.forms`), which answer 404 for any other."""
    issued = set(notice_kinds)
    return [
        PrintableForm(
            kind=kind,
            title=str(spec.title),
            pdf_url=reverse("onestop:dossier-form", kwargs={"pk": dossier.pk, "kind": kind}),
            page_url=reverse(
                "onestop:dossier-form-preview", kwargs={"pk": dossier.pk, "kind": kind}
            ),
        )
        for kind, spec in FORMS.items()
        if spec.listed
        and (as_officer or spec.for_applicant)
        and (not spec.notice_kinds or issued.intersection(spec.notice_kinds))
    ]


@dataclass(frozen=True)
class DocumentLine:
    """A line of the receipt's list of documents (thành phần hồ sơ)."""

    name: str
    copy_kind: str  # "original", "copy", "original_and_copy" or "electronic"
    count: int


def form_notice(dossier: Dossier, spec: FormSpec) -> DossierNotice | None:
    """The latest notice that issues ``spec`` for ``dossier``, or None."""
    return (
        DossierNotice.objects.filter(dossier=dossier, kind__in=spec.notice_kinds)
        .order_by("-issued_at", "-pk")
        .first()
    )


def track_url(dossier: Dossier) -> str:
    """The public status page of the dossier (no login; status, step and dates only)."""
    return f"{settings.SITE_URL.rstrip('/')}/track/?code={quote(dossier.code or '')}"


def qr_data_uri(url: str) -> str:
    """An SVG QR code as a data URI: sharp in print, allowed by the CSP (``img-src data:``)."""
    return _qr_data_uri(url, scale=3)


def _issuer(dossier: Dossier) -> dict[str, str]:
    """The issuing body: the receiving desk (or the competent authority) under its parent."""
    unit = dossier.receiving_unit or dossier.competent_unit
    if unit is None:
        return {"parent": "", "name": ""}
    parent = OrgUnit.objects.filter(pk=unit.parent_id).values_list("name", flat=True).first()
    return {"parent": parent or "", "name": unit.name}


def _document_lines(dossier: Dossier) -> list[DocumentLine]:
    online = dossier.channel == Channel.ONLINE
    lines = []
    for document in dossier.procedure.documents.filter(is_required=True).order_by("order", "pk"):
        if online:
            kind = "electronic"
        elif document.originals_count and document.copies_count:
            kind = "original_and_copy"
        else:
            kind = "copy" if document.copies_count else "original"
        count = max(document.originals_count + document.copies_count, 1)
        lines.append(DocumentLine(document.name, kind, count))
    return lines


def _fees(dossier: Dossier) -> list[dict[str, str]]:
    return [
        {
            "kind": fee.kind,
            "amount": group_thousands(fee.amount_vnd, ".") if fee.amount_vnd is not None else "",
            "unit": fee.unit,
            "note": fee.note,
        }
        for fee in dossier.procedure.fees.order_by("order", "pk")
    ]


def _receipt_extra(dossier: Dossier) -> dict[str, Any]:
    procedure = dossier.procedure
    return {
        "documents": _document_lines(dossier),
        "working_days": procedure.working_days,
        "calendar_days": procedure.calendar_days,
        "fees": _fees(dossier),
        "qr": qr_data_uri(track_url(dossier)),
        "track_url": track_url(dossier),
    }


def _apology_extra(dossier: Dossier, notice: DossierNotice) -> dict[str, Any]:
    """The appointment the apology replaces: the dossier's, unless the desk already moved it
    to the new date, in which case the legal due moment of its processing."""
    previous = dossier.due_at
    if previous is not None and previous == notice.new_due_at:
        previous = dossier.process.legal_due_at if dossier.process_id else None
    return {"previous_due_at": previous}


def _control_sheet_extra(dossier: Dossier) -> dict[str, Any]:
    steps = instance_history(dossier.process) if dossier.process_id else []
    return {"steps": steps}


def form_context(
    dossier: Dossier, kind: str, notice: DossierNotice | None, *, now: datetime.datetime
) -> dict[str, Any]:
    """Everything the template of ``kind`` prints. Dates are the notice's (or ``now`` for the
    control sheet, which prints at any time)."""
    spec = FORMS[kind]
    issued_on = timezone.localtime(notice.issued_at if notice else now).date()
    context: dict[str, Any] = {
        "dossier": dossier,
        "notice": notice,
        "spec": spec,
        "kind": kind,
        "issuer": _issuer(dossier),
        "issued_on": issued_on,
        # The header and date line of the official layout (Decree 30/2020 Appendix I).
        "national_title": formats.NATIONAL_TITLE,
        "motto": formats.MOTTO,
        "date_line": formats.date_line(settings.EGOV_FORMS_PLACE, issued_on, year=issued_on.year),
    }
    if kind == "receipt":
        context.update(_receipt_extra(dossier))
    if kind == "apology" and notice is not None:
        context.update(_apology_extra(dossier, notice))
    if kind == "control-sheet":
        context.update(_control_sheet_extra(dossier))
    if kind == "application":
        context["form_items"] = form_items(dossier)
    return context
