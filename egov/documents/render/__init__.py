"""Official documents in the layout of Decree 30/2020/NĐ-CP Appendix I, as DOCX and PDF.

Both outputs are built from one :class:`~egov.documents.render.layout.OfficialLayout`, so the
Word file and the PDF print the same lines.
"""

from egov.documents.render.docx_writer import document_docx, layout_docx
from egov.documents.render.layout import (
    LayoutSection,
    OfficialLayout,
    header_lines,
    layout_build,
)
from egov.documents.render.pdf_writer import (
    document_html,
    document_pdf,
    layout_html,
    layout_pdf,
)

__all__ = [
    "LayoutSection",
    "OfficialLayout",
    "document_docx",
    "document_html",
    "document_pdf",
    "header_lines",
    "layout_build",
    "layout_docx",
    "layout_html",
    "layout_pdf",
]
