"""The official document as a Word file (python-docx), from the same layout data as the PDF.

A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman; the header
is a borderless two-column table (issuing body and number | national title and date), the
closing another one ("Nơi nhận:" | authority, position, room for the signature, name); page
numbers are centred in the top margin from page 2 on (Decree 30/2020 Appendix I).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell

from egov.documents.models import Document
from egov.documents.render.layout import OfficialLayout, layout_build

FONT = "Times New Roman"
TEXT_WIDTH_MM = 210 - 30 - 15
LEFT_COLUMN_MM = 66
RIGHT_COLUMN_MM = TEXT_WIDTH_MM - LEFT_COLUMN_MM
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
SIGNATURE_ROOM_LINES = 4


def _set_font(style_or_run_element: Any) -> None:
    """Times New Roman for every script slot (Vietnamese letters fall in several)."""
    rpr = style_or_run_element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _page_setup(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _set_font(normal.element)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _page_numbers(doc: Any) -> None:
    """Page numbers centred in the top margin, not on page 1."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    size = OxmlElement("w:rPr")
    size_value = OxmlElement("w:sz")
    size_value.set(qn("w:val"), "26")  # half-points: 13 pt
    size.append(size_value)
    run.append(size)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _paragraph(
    container: Any,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: Any = CENTER,
    first_line_indent: Any = None,
    space_after: float = 0,
) -> Any:
    """Add one paragraph; a table cell's initial empty paragraph is used first."""
    paragraphs = container.paragraphs
    reuse = isinstance(container, _Cell) and len(paragraphs) == 1 and not paragraphs[0].runs
    paragraph = paragraphs[0] if reuse else container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    if first_line_indent is not None:
        paragraph.paragraph_format.first_line_indent = first_line_indent
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    return paragraph


def _short_rule(container: Any, *, column_mm: float) -> None:
    """A short centred line (1/3 of the column) under the issuing body and the summary."""
    paragraph = _paragraph(container, "", size=2)
    side = Mm(column_mm / 3)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _two_columns(doc: Any) -> tuple[Any, Any]:
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    # Word reads the cell widths, LibreOffice the grid columns: set both.
    for column, cell, width in zip(
        table.columns, (left, right), (Mm(LEFT_COLUMN_MM), Mm(RIGHT_COLUMN_MM)), strict=True
    ):
        column.width = width
        cell.width = width
    return left, right


def _header(doc: Any, layout: OfficialLayout) -> None:
    left, right = _two_columns(doc)
    if layout.superior_body:
        _paragraph(left, layout.superior_body, size=13)
    for line in layout.issuing_body:
        _paragraph(left, line, size=13, bold=True)
    _short_rule(left, column_mm=LEFT_COLUMN_MM)
    _paragraph(left, layout.number_line, size=13)
    if layout.letter_subject:
        _paragraph(left, layout.letter_subject, size=12)
    for mark in (layout.secrecy_mark, layout.urgency_mark):
        if mark:
            _paragraph(left, mark, size=13, bold=True)
    _paragraph(right, layout.national_title, size=13, bold=True)
    _paragraph(right, layout.motto, size=14, bold=True, underline=True)
    _paragraph(right, layout.date_line, size=14, italic=True)


def _heading_and_content(doc: Any, layout: OfficialLayout) -> None:
    if layout.type_name:
        _paragraph(doc, "", size=8)
        _paragraph(doc, layout.type_name, bold=True)
        _paragraph(doc, layout.subject, bold=True)
        _short_rule(doc, column_mm=TEXT_WIDTH_MM)
    if layout.addressees:
        if len(layout.addressees) == 1:
            _paragraph(doc, f"{layout.addressee_label} {layout.addressees[0]}", space_after=6)
        else:
            _paragraph(doc, layout.addressee_label)
            for line in layout.addressees:
                item = _paragraph(doc, line, align=LEFT)
                item.paragraph_format.left_indent = Cm(4)
    _paragraph(doc, "", size=6)
    indent = Cm(1.27)
    for line in layout.grounds:
        _paragraph(doc, line, italic=True, align=JUSTIFY, first_line_indent=indent, space_after=6)
    for text in layout.body:
        paragraph = _paragraph(doc, text, align=JUSTIFY, first_line_indent=indent, space_after=6)
        paragraph.paragraph_format.line_spacing = 1.15
    for section in layout.sections:
        _paragraph(doc, section.headline, bold=True, align=JUSTIFY, space_after=3)
        for text in section.paragraphs:
            paragraph = _paragraph(
                doc, text, align=JUSTIFY, first_line_indent=indent, space_after=6
            )
            paragraph.paragraph_format.line_spacing = 1.15


def _closing(doc: Any, layout: OfficialLayout) -> None:
    left, right = _two_columns(doc)
    _paragraph(left, layout.recipients_label, size=12, bold=True, italic=True, align=LEFT)
    for line in layout.recipients:
        _paragraph(left, line, size=11, align=LEFT)
    for line in layout.authority:
        _paragraph(right, line, bold=True)
    if layout.position:
        _paragraph(right, layout.position, bold=True)
    for _line in range(SIGNATURE_ROOM_LINES):
        _paragraph(right, "")
    _paragraph(right, layout.signer_name, bold=True)


def layout_docx(layout: OfficialLayout) -> bytes:
    """Write the layout as a .docx file."""
    doc = new_docx()
    _page_setup(doc)
    _page_numbers(doc)
    doc.core_properties.title = layout.title[:250]
    doc.core_properties.author = " ".join(layout.issuing_body)
    doc.core_properties.language = "vi-VN"
    _header(doc, layout)
    _heading_and_content(doc, layout)
    _closing(doc, layout)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def document_docx(document: Document) -> bytes:
    """The official document as a Word file, for drafting and editing."""
    return layout_docx(layout_build(document))
