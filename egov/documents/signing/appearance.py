"""The visible appearance of a signature: a text stamp (signer, unit, signing time in ISO 8601
with the Vietnam offset) drawn in the signature field.

Decree 30/2020 Appendix I part II asks for the signer's handwritten signature image (blue PNG)
between the position and the name, and the seal image beside it; the platform holds no such
images, so the stamp says in words who signed, for which unit and when. On attachments and
copies the organisation's signature has no image and shows text in Times New Roman 10, upright,
black, at the top right of page 1: the organisation field gets that style.

The stamp is laid out by WeasyPrint (full Vietnamese text in a system serif font) and imported
as the field's appearance. Without WeasyPrint the stamp falls back to pyHanko's built-in font,
which has no Vietnamese letters: the text is then written without diacritics.
"""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.template.loader import render_to_string
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import BaseStampStyle, StaticStampStyle, TextStampStyle

from egov.common.pdf import PdfUnavailable, html_to_pdf
from egov.common.text import fold

TEMPLATE = "documents/official/signature_stamp.html"
SIGNER_COLOUR = "#1f3a93"  # blue, as the signer's signature image is
ORGANISATION_COLOUR = "#000000"


def iso_time(moment: datetime.datetime) -> str:
    """ISO 8601 with the offset written out: 2026-11-22T10:15:30+07:00."""
    return moment.isoformat(timespec="seconds")


def stamp_html(
    *,
    width: float,
    height: float,
    signer_name: str,
    unit_name: str,
    signed_at: str,
    organisation: bool,
) -> str:
    """The stamp as one HTML page of exactly the field's size (points)."""
    return render_to_string(
        TEMPLATE,
        {
            "width": f"{width:.2f}",
            "height": f"{height:.2f}",
            "font_size": 10 if organisation else 9,
            "colour": ORGANISATION_COLOUR if organisation else SIGNER_COLOUR,
            "signer_name": signer_name,
            "unit_name": unit_name,
            "signed_at": signed_at,
        },
    )


def _stamp_pdf(html: str) -> bytes | None:
    try:
        return html_to_pdf(html)
    except PdfUnavailable:
        return None


def _plain_text_style(*, signer_name: str, unit_name: str, signed_at: str) -> TextStampStyle:
    lines = [f"Ky boi: {fold(signer_name).title()}"] if signer_name else []
    lines += [f"Co quan: {fold(unit_name).title()}"] if unit_name else []
    lines += [f"Thoi gian ky: {signed_at}"]
    text = "\n".join(lines).replace("%", "%%")
    return TextStampStyle(stamp_text=text, border_width=1, text_box_style=TextBoxStyle(font_size=7))


@contextmanager
def stamp_style(
    *,
    width: float,
    height: float,
    signer_name: str,
    unit_name: str,
    signed_at: datetime.datetime,
    organisation: bool,
) -> Iterator[BaseStampStyle]:
    """The stamp style for a field of ``width`` × ``height`` points; valid inside the block
    (the stamp page lives in a temporary file that pyHanko reads while signing)."""
    when = iso_time(signed_at)
    signer_name = "" if organisation else signer_name  # the unit signs, no person is shown
    pdf = _stamp_pdf(
        stamp_html(
            width=width,
            height=height,
            signer_name=signer_name,
            unit_name=unit_name,
            signed_at=when,
            organisation=organisation,
        )
    )
    if pdf is None:
        yield _plain_text_style(signer_name=signer_name, unit_name=unit_name, signed_at=when)
        return
    with tempfile.TemporaryDirectory(prefix="egov-stamp-") as directory:
        path = Path(directory) / "stamp.pdf"
        path.write_bytes(pdf)
        yield StaticStampStyle.from_pdf_file(
            str(path),
            border_width=0,
            background_opacity=1.0,
            background_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID,
                y_align=layout.AxisAlignment.ALIGN_MID,
                margins=layout.Margins.uniform(0),
            ),
        )
