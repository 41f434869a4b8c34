"""Turning an official form into HTML (browser preview and printing) and into an A5 PDF.

PDF goes through :mod:`egov.common.pdf` (WeasyPrint, which needs the system Pango library); a
missing library is a clear :class:`~egov.common.pdf.PdfUnavailable` error and the HTML preview
still works. Fonts come from the system through the stylesheet's serif fallbacks
(Times New Roman, Liberation Serif, DejaVu Serif); none is shipped.
"""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.common.pdf import anchor_box, html_render
from egov.documents.signing.fields import SIGNER_FIELD, signature_field_add
from egov.onestop.models import Dossier, DossierNotice
from egov.onestop.printing.context import form_context

SIGNATURE_SLOT = "signature-slot"  # the id of the slot in _signatures.html
STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "onestop" / "forms.css"


@cache
def _stylesheet_text() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def form_html(
    dossier: Dossier,
    kind: str,
    notice: DossierNotice | None,
    *,
    for_pdf: bool = False,
    now: datetime.datetime | None = None,
) -> str:
    """The form as a complete HTML document. The forms are Vietnamese documents whatever the
    reader's interface language, so they render with Vietnamese active, in Vietnam time."""
    context = form_context(dossier, kind, notice, now=now or timezone.now())
    context["for_pdf"] = for_pdf
    with translation.override("vi"), timezone.override("Asia/Ho_Chi_Minh"):
        return render_to_string(context["spec"].template, context)


def form_pdf(
    dossier: Dossier,
    kind: str,
    notice: DossierNotice | None,
    *,
    now: datetime.datetime | None = None,
) -> bytes:
    """The form as an A5 PDF (A5 pages set by the stylesheet). A form with a signer's slot
    (the application, which its applicant may sign) gets an empty signature field there, the
    one documents' signing fills, as on an official document. Without the Pango library,
    :class:`~egov.common.pdf.PdfUnavailable` points to the printable page."""
    rendered = html_render(
        form_html(dossier, kind, notice, for_pdf=True, now=now),
        stylesheets=[_stylesheet_text()],
        unavailable=_(
            "PDF files cannot be made on this server (the Pango library is missing). "
            "Open the printable page and print it from the browser instead."
        ),
    )
    pdf = rendered.write_pdf()
    slot = anchor_box(rendered, SIGNATURE_SLOT)
    if slot is None:
        return pdf
    page_index, box = slot
    return signature_field_add(pdf, name=SIGNER_FIELD, page_index=page_index, box=box)
