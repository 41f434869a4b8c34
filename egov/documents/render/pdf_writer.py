"""The official document as HTML (the template ``documents/official/document.html``) and as an
A4 PDF made by WeasyPrint, with an empty signature field where the signature goes.

The PDF is made by :mod:`egov.common.pdf` (a server without the Pango library raises
:class:`~egov.common.pdf.PdfUnavailable`; the Word file still works). Fonts come from the system
through the stylesheet's fallbacks (Times New Roman, Liberation Serif, Tinos, DejaVu Serif):
none is shipped, so a server without Times New Roman prints in the closest serif it has.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from egov.common.pdf import anchor_box, html_render
from egov.documents.models import Document
from egov.documents.render.layout import OfficialLayout, layout_build
from egov.documents.signing.fields import SIGNER_FIELD, signature_field_add

TEMPLATE = "documents/official/document.html"
SIGNATURE_SLOT_ID = "signature-slot"


def layout_html(layout: OfficialLayout) -> str:
    """The HTML WeasyPrint turns into the PDF (Vietnamese whatever the reader's language)."""
    with translation.override("vi"):
        return render_to_string(
            TEMPLATE, {"layout": layout, "signature_slot_id": SIGNATURE_SLOT_ID}
        )


def document_html(document: Document) -> str:
    """The official document as one HTML page (the source of its PDF)."""
    return layout_html(layout_build(document))


def html_pdf(html: str) -> tuple[bytes, tuple[int, tuple[float, float, float, float]] | None]:
    """Render HTML to PDF bytes; also return where the signature slot landed, if any."""
    rendered = html_render(
        html,
        unavailable=_(
            "PDF files cannot be made on this server (the Pango library is missing). "
            "Download the Word file instead."
        ),
    )
    return rendered.write_pdf(), anchor_box(rendered, SIGNATURE_SLOT_ID)


def document_pdf(document: Document) -> bytes:
    """The official document as an A4 PDF (Decree 30/2020 Appendix I), with an empty visible
    signature field ``SignerSignature`` between the signer's position and name, which
    :func:`egov.documents.signing.pdf_sign` fills."""
    return layout_pdf(layout_build(document))


def layout_pdf(layout: OfficialLayout) -> bytes:
    """The layout as an A4 PDF with the empty signature field (see :func:`document_pdf`)."""
    pdf, slot = html_pdf(layout_html(layout))
    if slot is None:  # pragma: no cover - the template always has the slot
        return pdf
    page_index, box = slot
    return signature_field_add(pdf, name=SIGNER_FIELD, page_index=page_index, box=box)
