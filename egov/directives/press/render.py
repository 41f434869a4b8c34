"""The press release in the official layout (Decree 30/2020/NĐ-CP, Appendix I), through the
one layout of :mod:`egov.documents.render`: as HTML (the printable page and the public page),
as PDF and as DOCX.

The release fills an :class:`~egov.documents.render.OfficialLayout`: the issuing body under
its superior body and the number line, the national title and motto with the place and date
line, the heading (THÔNG CÁO BÁO CHÍ) and the line under it, one section per directive
(headline, paragraph, numbered assignments), the recipients (Nơi nhận) and the signature
block — by order of the Chairman, the Chief of the Office (``EGOV_PRESS_*`` settings).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from egov.directives.models import PressRelease
from egov.directives.press.rules import issuer_abbreviation, notation, title_parts
from egov.documents.render import (
    LayoutSection,
    OfficialLayout,
    formats,
    header_lines,
    layout_docx,
    layout_html,
    layout_pdf,
)


def _sections(release: PressRelease) -> tuple[LayoutSection, ...]:
    return tuple(
        LayoutSection(
            f"{index}. {entry.get('headline', '')}",
            (
                entry.get("paragraph", ""),
                *(f"{n}. {text}" for n, text in enumerate(entry.get("assignments", ()), 1)),
            ),
        )
        for index, entry in enumerate(release.items, start=1)
    )


def release_layout(release: PressRelease) -> OfficialLayout:
    """Every printed line of the release (the unit's parent must be loaded or loadable)."""
    unit = release.unit
    superior, issuing = header_lines(unit, release.issued_on or timezone.localdate())
    heading, subtitle = title_parts(release.title)
    abbreviation = issuer_abbreviation(kind=unit.kind, short_name=unit.short_name)
    return OfficialLayout(
        national_title=formats.NATIONAL_TITLE,
        motto=formats.MOTTO,
        superior_body=superior,
        issuing_body=issuing,
        number_line=formats.number_line(
            number_notation=release.number_notation, number=None, notation=notation(abbreviation)
        ),
        date_line=formats.date_line(
            settings.EGOV_FORMS_PLACE, release.issued_on, year=release.issued_on.year
        ),
        type_name=heading,
        subject=subtitle,
        letter_subject="",
        addressees=(),
        grounds=(),
        body=(),
        authority=formats.authority_lines("", settings.EGOV_PRESS_AUTHORITY),
        position=formats.caps(settings.EGOV_PRESS_SIGNER_POSITION),
        signer_name=" ".join(settings.EGOV_PRESS_SIGNER_NAME.split()),
        recipients=formats.recipient_lines(release.recipients_text, archive_unit=""),
        secrecy_mark="",
        urgency_mark="",
        title=" ".join(part for part in (heading, release.number_notation) if part),
        sections=_sections(release),
    )


def press_release_html(release: PressRelease) -> str:
    """The release as the complete HTML page its PDF is made from."""
    return layout_html(release_layout(release))


def press_release_pdf(release: PressRelease) -> bytes:
    """The release as an A4 PDF (:class:`~egov.common.pdf.PdfUnavailable` without
    the Pango library)."""
    return layout_pdf(release_layout(release))


def press_release_docx(release: PressRelease) -> bytes:
    """The release as a Word document (A4, the official layout)."""
    return layout_docx(release_layout(release))
