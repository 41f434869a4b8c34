"""HTML to PDF through WeasyPrint: the one PDF renderer of the platform.

WeasyPrint needs the system Pango library (Debian: ``apt-get install libpango-1.0-0
libpangoft2-1.0-0``). It is imported only when a PDF is asked for, so the platform starts
without it; a missing library is a clear :class:`PdfUnavailable` error (503) whose message
says what to use instead (the Word file, the printable web page). Nothing is fetched while
rendering: the pages are self-contained, only inline ``data:`` resources (a QR code) are read.
Fonts come from the system through each stylesheet's serif fallbacks; none is shipped.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError

logger = logging.getLogger(__name__)


class PdfUnavailable(DomainError):
    """The server cannot make PDF files (WeasyPrint or its Pango library is missing)."""

    code = "pdf_unavailable"
    status = 503


def _weasyprint(unavailable: str | None) -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        logger.warning("common.pdf_unavailable", extra={"error": str(exc)})
        message = unavailable or _(
            "PDF files cannot be made on this server (the Pango library is missing)."
        )
        raise PdfUnavailable(message) from exc
    return weasyprint


def pdf_available() -> bool:
    """Whether this server can make PDF files."""
    try:
        _weasyprint(None)
    except PdfUnavailable:
        return False
    return True


def _data_only_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that reads inline ``data:`` resources and nothing else."""
    urls = weasyprint.urls
    if hasattr(urls, "URLFetcher"):  # WeasyPrint 66 and later
        return urls.URLFetcher(allowed_protocols={"data"})

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        if not url.startswith("data:"):
            raise ValueError("PDF pages load no external resources")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


def html_render(
    html: str, *, stylesheets: Sequence[str] = (), unavailable: str | None = None
) -> Any:
    """Lay out ``html`` (with the CSS texts of ``stylesheets``) as a WeasyPrint document, whose
    ``pages`` tell where anchored boxes landed and whose ``write_pdf()`` gives the bytes.
    Raises :class:`PdfUnavailable` with the message ``unavailable`` without Pango."""
    weasyprint = _weasyprint(unavailable)
    document = weasyprint.HTML(string=html, url_fetcher=_data_only_fetcher(weasyprint))
    return document.render(stylesheets=[weasyprint.CSS(string=css) for css in stylesheets])


PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels (1/96 in); PDF counts points (1/72 in)


def anchor_box(rendered: Any, anchor: str) -> tuple[int, tuple[float, float, float, float]] | None:
    """Where the element with id ``anchor`` landed in a document made by :func:`html_render`:
    its page index and PDF box (points, origin bottom left), or None if it is not there."""
    for index, page in enumerate(rendered.pages):
        box = page.anchors.get(anchor)
        if box is None:
            continue
        x1, y1, x2, y2 = box
        height = page.height * PX_TO_PT
        return index, (x1 * PX_TO_PT, height - y2 * PX_TO_PT, x2 * PX_TO_PT, height - y1 * PX_TO_PT)
    return None


def html_to_pdf(
    html: str,
    *,
    stylesheets: Sequence[str] = (),
    unavailable: str | None = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> bytes:
    """``html`` as PDF bytes (see :func:`html_render`). ``attachments`` (name, bytes,
    description) are embedded in the PDF unchanged, byte for byte (a signed PDF inside stays
    verifiable once extracted)."""
    rendered = html_render(html, stylesheets=stylesheets, unavailable=unavailable)
    if not attachments:
        return rendered.write_pdf()
    import io

    weasyprint = _weasyprint(unavailable)
    embedded = [
        weasyprint.Attachment(file_obj=io.BytesIO(content), name=name, description=description)
        for name, content, description in attachments
    ]
    return rendered.write_pdf(attachments=embedded)
