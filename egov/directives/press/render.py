"""The press release in the official layout (Decree 30/2020/NĐ-CP, Appendix I): as HTML (the
printable page and the public page), as PDF through WeasyPrint and as DOCX through python-docx.

Both files carry the same parts from :func:`release_layout`: the issuing body under its
superior body and the number line (left), the national name and motto with the place and date
line (right), the title, each directive (headline, paragraph, numbered assignments) and the
recipients (Nơi nhận). A4, Times New Roman 13–14 pt, margins 20/15/30/20 mm.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.directives.models import PressRelease
from egov.directives.press.rules import (
    MOTTO,
    NATION,
    issuer_abbreviation,
    issuer_lines,
    number_notation,
    place_date_line,
    title_parts,
)

logger = logging.getLogger(__name__)
FONT = "Times New Roman"


class PdfUnavailable(DomainError):
    """The server cannot make PDF files (WeasyPrint or its Pango library is missing)."""

    code = "pdf_unavailable"
    status = 503


@dataclass(frozen=True)
class Item:
    number: int
    headline: str
    paragraph: str
    assignments: tuple[str, ...]


@dataclass(frozen=True)
class ReleaseLayout:
    superior: str
    issuer: str
    number_line: str
    nation: str
    motto: str
    place_date: str
    heading: str
    subtitle: str
    items: tuple[Item, ...]
    recipients: tuple[str, ...]


def release_layout(release: PressRelease) -> ReleaseLayout:
    """Every text of the release, in order (the unit's parent must be loaded or loadable)."""
    unit = release.unit
    parent = unit.parent.name if unit.parent_id else ""
    superior, issuer = issuer_lines(name=unit.name, kind=unit.kind, parent_name=parent)
    number = release.number_notation or number_notation(
        None, issuer_abbreviation(kind=unit.kind, short_name=unit.short_name)
    )
    heading, subtitle = title_parts(release.title)
    place = getattr(settings, "EGOV_FORMS_PLACE", "") or "Hà Nội"
    items = tuple(
        Item(
            index,
            entry.get("headline", ""),
            entry.get("paragraph", ""),
            tuple(entry.get("assignments", ())),
        )
        for index, entry in enumerate(release.items, start=1)
    )
    return ReleaseLayout(
        superior=superior,
        issuer=issuer,
        number_line=f"Số: {number}",
        nation=NATION,
        motto=MOTTO,
        place_date=place_date_line(place, release.issued_on),
        heading=heading,
        subtitle=subtitle,
        items=items,
        recipients=tuple(line for line in release.recipients_text.splitlines() if line.strip()),
    )


def press_release_html(
    release: PressRelease,
    *,
    for_pdf: bool = False,
    template: str = "directives/press_document.html",
) -> str:
    """The release as a complete HTML document, in Vietnamese whatever the reader's language."""
    context: dict[str, Any] = {
        "layout": release_layout(release),
        "release": release,
        "for_pdf": for_pdf,
    }
    with translation.override("vi"):
        return render_to_string(template, context)


STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "directives" / "press.css"


@cache
def _stylesheet_text() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    raise ValueError("press releases load no external resources")


def press_release_pdf(release: PressRelease) -> bytes:
    """The release as an A4 PDF."""
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as exc:
        logger.warning("directives.pdf_unavailable", extra={"error": str(exc)})
        raise PdfUnavailable(
            _(
                "PDF files cannot be made on this server (the Pango library is "
                "missing). Download the DOCX file instead."
            )
        ) from exc
    document = HTML(string=press_release_html(release, for_pdf=True), url_fetcher=_no_fetch)
    return document.write_pdf(stylesheets=[CSS(string=_stylesheet_text())])


def press_release_docx(release: PressRelease) -> bytes:
    """The release as a Word document (A4, the official layout)."""
    from egov.directives.press.docx_layout import layout_docx

    return layout_docx(release_layout(release))


def to_bytes(document: Any) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
