"""Turning an official form into HTML (browser preview and printing) and into an A5 PDF.

PDF goes through WeasyPrint, which needs the system Pango library (Debian: ``apt-get install
libpango-1.0-0 libpangoft2-1.0-0``). It is imported only when a PDF is asked for, so the
platform starts without it; a missing library is a clear :class:`PdfUnavailable` error and the
HTML preview still works. Fonts come from the system through the stylesheet's serif fallbacks
(Times New Roman, Liberation Serif, DejaVu Serif); none is shipped.
"""

from __future__ import annotations

import datetime
import logging
from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.onestop.models import Dossier, DossierNotice
from egov.onestop.printing.context import form_context

logger = logging.getLogger(__name__)
STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "onestop" / "forms.css"


class PdfUnavailable(DomainError):
    """The server cannot make PDF files (WeasyPrint or its Pango library is missing)."""

    code = "pdf_unavailable"
    status = 503


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


def _data_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher for inline ``data:`` resources only (the QR code): nothing is
    fetched from the network or the disk while rendering."""
    from weasyprint import urls

    if hasattr(urls, "URLFetcher"):  # WeasyPrint 66 and later
        return urls.URLFetcher(allowed_protocols={"data"})

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        if not url.startswith("data:"):
            raise ValueError("only data: resources are allowed")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


def html_to_pdf(html: str) -> bytes:
    """An HTML form as PDF bytes (A5 pages set by the stylesheet)."""
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as exc:
        logger.warning("onestop.pdf_unavailable", extra={"error": str(exc)})
        raise PdfUnavailable(
            _(
                "PDF files cannot be made on this server (the Pango library is missing). "
                "Open the printable page and print it from the browser instead."
            )
        ) from exc
    document = HTML(string=html, url_fetcher=_data_only_fetcher())
    return document.write_pdf(stylesheets=[CSS(string=_stylesheet_text())])


def form_pdf(
    dossier: Dossier,
    kind: str,
    notice: DossierNotice | None,
    *,
    now: datetime.datetime | None = None,
) -> bytes:
    """The form as an A5 PDF."""
    return html_to_pdf(form_html(dossier, kind, notice, for_pdf=True, now=now))
