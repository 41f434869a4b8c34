"""Signature fields of a PDF: where a signature appears on the page.

An official document made by ``egov.documents.render.document_pdf`` carries one empty field,
``SIGNER_FIELD``, between the signer's position and name on its last page (Decree 30/2020
Appendix I part II: the signature image sits between the position line and the name).
A PDF without an empty field (an attachment, a copy, a received file) gets a new field at the
top right of page 1, where the organisation's signature goes on attachments and copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields

SIGNER_FIELD = "SignerSignature"
ORGANISATION_FIELD = "OrganisationSignature"
MM = 72 / 25.4  # PDF points per millimetre

# The organisation signature on page 1 (Appendix I part II): top right, inside the right
# margin of 15–20 mm and over the top margin.
_ORG_WIDTH = 80 * MM
_ORG_HEIGHT = 15 * MM
_ORG_RIGHT = 15 * MM
_ORG_TOP = 3 * MM  # the field ends 18 mm from the top, above a 20 mm top margin


@dataclass(frozen=True)
class FieldTarget:
    """The field a new signature goes into: an existing empty one, or one to create."""

    name: str
    width: float
    height: float
    spec: fields.SigFieldSpec | None  # set when the field must be created


def signature_field_add(
    pdf: bytes, *, name: str, page_index: int, box: tuple[float, float, float, float]
) -> bytes:
    """Return ``pdf`` with an empty, visible signature field ``name`` at ``box`` (lower-left x,
    lower-left y, upper-right x, upper-right y in points) on page ``page_index``."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    rounded = tuple(round(value) for value in box)
    fields.append_signature_field(
        writer, fields.SigFieldSpec(name, on_page=page_index, box=rounded)
    )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _rect_size(field_obj: object) -> tuple[float, float]:
    rect = field_obj.get("/Rect")  # type: ignore[attr-defined]
    if rect is None and "/Kids" in field_obj:  # type: ignore[operator]
        rect = field_obj["/Kids"][0].get_object().get("/Rect")  # type: ignore[index]
    if rect is None:
        return 0.0, 0.0
    x1, y1, x2, y2 = (float(value) for value in rect)
    return abs(x2 - x1), abs(y2 - y1)


def _media_box(page: object) -> tuple[float, ...]:
    """A page's MediaBox, inherited from the page tree when the page has none."""
    node = page
    while "/MediaBox" not in node and "/Parent" in node:  # type: ignore[operator]
        node = node["/Parent"].get_object()  # type: ignore[index]
    return tuple(float(value) for value in node["/MediaBox"])  # type: ignore[index]


def _unused_name(existing: set[str], base: str) -> str:
    if base not in existing:
        return base
    index = 2
    while f"{base}{index}" in existing:
        index += 1
    return f"{base}{index}"


def field_target(writer: IncrementalPdfFileWriter) -> FieldTarget:
    """The signer's empty field if the PDF has it, else any empty visible field, else a new
    organisation field at the top right of page 1."""
    empty = []
    names = set()
    for name, value, ref in fields.enumerate_sig_fields(writer):
        names.add(name)
        if value is None:
            width, height = _rect_size(ref.get_object())
            if width and height:
                empty.append(FieldTarget(name=name, width=width, height=height, spec=None))
    preferred = [target for target in empty if target.name == SIGNER_FIELD]
    if preferred or empty:
        return (preferred or empty)[0]
    page_ref, _resources = writer.find_page_for_modification(0)
    _left, _bottom, right, top = _media_box(page_ref.get_object())
    x2 = right - _ORG_RIGHT
    y2 = top - _ORG_TOP
    box = (round(x2 - _ORG_WIDTH), round(y2 - _ORG_HEIGHT), round(x2), round(y2))
    name = _unused_name(names, ORGANISATION_FIELD)
    return FieldTarget(
        name=name,
        width=box[2] - box[0],
        height=box[3] - box[1],
        spec=fields.SigFieldSpec(name, on_page=0, box=box),
    )
