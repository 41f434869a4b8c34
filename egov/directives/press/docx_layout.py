"""The press release as a Word document in the official layout of Decree 30/2020/NĐ-CP,
Appendix I: A4, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the
header as a borderless two-column table (issuing body and number left, national name, motto and
place/date right); title centred and bold; body 14 pt justified; recipients 11–12 pt."""

from __future__ import annotations

from docx import Document as Docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from egov.directives.press.render import FONT, ReleaseLayout, to_bytes


def _font(document: Docx) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    # East Asian and complex-script runs fall back to another font unless named too.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs", "w:hAnsi"):
        fonts.set(qn(attribute), FONT)
    style.paragraph_format.space_after = Pt(0)


def _page(document: Docx) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _line(
    cell_or_doc: object,
    text: str,
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    align: int = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> object:
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _header(document: Docx, layout: ReleaseLayout) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    _line(left, layout.superior or layout.issuer, size=13, bold=not layout.superior, first=True)
    if layout.superior:
        _line(left, layout.issuer, size=13, bold=True)
    _line(left, "———", size=10)
    _line(left, layout.number_line, size=13)
    _line(right, layout.nation, size=12, bold=True, first=True)
    _line(right, layout.motto, size=13, bold=True)
    _line(right, "———————————", size=10)
    _line(right, layout.place_date, size=14, italic=True)


def _body(document: Docx, layout: ReleaseLayout) -> None:
    _line(document, "", size=14)
    _line(document, layout.heading, size=14, bold=True)
    _line(document, layout.subtitle, size=14, bold=True)
    _line(document, "", size=14)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for item in layout.items:
        heading = _line(
            document, f"{item.number}. {item.headline}", size=14, bold=True, align=justify
        )
        heading.paragraph_format.space_before = Pt(6)
        paragraph = _line(document, item.paragraph, size=14, align=justify)
        paragraph.paragraph_format.first_line_indent = Mm(10)
        for number, assignment in enumerate(item.assignments, start=1):
            line = _line(document, f"{number}. {assignment}", size=14, align=justify)
            line.paragraph_format.first_line_indent = Mm(10)


def _recipients(document: Docx, layout: ReleaseLayout) -> None:
    _line(document, "", size=12)
    _line(document, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for recipient in layout.recipients:
        _line(document, recipient, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)


def layout_docx(layout: ReleaseLayout) -> bytes:
    document = Docx()
    _font(document)
    _page(document)
    _header(document, layout)
    _body(document, layout)
    _recipients(document, layout)
    return to_bytes(document)
