"""Official documents rendered as DOCX and PDF from the same layout data (Decree 30/2020
Appendix I): the parts, their order and their exact text."""

from __future__ import annotations

import builtins
import datetime
from io import BytesIO

import docx
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields

from egov.common.pdf import PdfUnavailable
from egov.documents.render import (
    document_docx,
    document_html,
    document_pdf,
    layout_build,
)
from egov.documents.signing.fields import SIGNER_FIELD
from egov.documents.tests.conftest_pki import document_build

A4_POINTS = (595, 842)


@pytest.fixture
def decision(world):
    """A district's decision signed by a vice-chairman for the chairman (KT.)."""
    return document_build(
        unit=world.district_a,
        drafting_unit=world.division_a,
        number=5,
        notation="QĐ-UBND",
        number_notation="05/QĐ-UBND",
        issued_on=datetime.date(2020, 1, 5),
        subject="Về việc ban hành Quy chế làm việc",
        grounds="Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015\n"
        "Căn cứ đề nghị của Trưởng phòng Văn hóa và Thông tin",
        body="Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n"
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
        signing_authority="KT.",
        authority_line="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        signer_position="Phó Chủ tịch",
        signer_name="Nguyễn Văn An",
        recipients_text="Như Điều 2;\nThường trực Quận ủy",
    )


@pytest.fixture
def letter(world):
    """A công văn of a district division: superior body line, V/v line, two addressees."""
    return document_build(
        unit=world.division_a,
        doc_type_code="cong-van",
        number=12,
        notation="VHTT",
        number_notation="12/VHTT",
        issued_on=datetime.date(2021, 3, 15),
        subject="Tổ chức các hoạt động văn hóa dịp Tết",
        addressees="Ủy ban nhân dân các phường\nTrung tâm Văn hóa quận",
        body="Thực hiện chỉ đạo của Ủy ban nhân dân quận, Phòng đề nghị các đơn vị triển khai.",
        signing_authority="KT.",
        authority_line="Trưởng phòng",
        signer_position="Phó Trưởng phòng",
        signer_name="Trần Thị Bình",
        recipients_text="- Như trên;",
        urgency="urgent",
        secrecy="confidential",
    )


def test_layout_of_a_decision(decision):
    layout = layout_build(decision)

    assert layout.superior_body == ""
    assert layout.issuing_body == ("ỦY BAN NHÂN DÂN", "QUẬN BA ĐÌNH")
    assert layout.number_line == "Số: 05/QĐ-UBND"
    assert layout.date_line == "Ba Đình, ngày 05 tháng 01 năm 2020"
    assert layout.type_name == "QUYẾT ĐỊNH"
    assert layout.subject == "Về việc ban hành Quy chế làm việc"
    assert layout.letter_subject == ""
    assert layout.grounds == (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ đề nghị của Trưởng phòng Văn hóa và Thông tin.",
    )
    assert layout.authority == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH")
    assert layout.position == "PHÓ CHỦ TỊCH"
    assert layout.signer_name == "Nguyễn Văn An"
    assert layout.recipients == ("- Như Điều 2;", "- Thường trực Quận ủy;", "- Lưu: VT, VHTT.")
    assert (layout.secrecy_mark, layout.urgency_mark) == ("", "")


def test_layout_of_a_letter_of_a_division(letter):
    layout = layout_build(letter)

    assert layout.superior_body == "UBND QUẬN BA ĐÌNH"
    assert layout.issuing_body == ("PHÒNG VĂN HÓA VÀ THÔNG TIN",)
    assert layout.number_line == "Số: 12/VHTT"
    assert layout.letter_subject == "V/v Tổ chức các hoạt động văn hóa dịp Tết"
    assert (layout.type_name, layout.subject) == ("", "")
    assert layout.date_line == "Ba Đình, ngày 15 tháng 3 năm 2021"
    assert layout.addressees == ("- Ủy ban nhân dân các phường;", "- Trung tâm Văn hóa quận.")
    assert layout.authority == ("KT. TRƯỞNG PHÒNG",)
    assert layout.recipients == ("- Như trên;", "- Lưu: VT.")
    assert (layout.secrecy_mark, layout.urgency_mark) == ("MẬT", "KHẨN")


def test_an_unnumbered_draft_predicts_its_notation_and_place(world):
    draft = document_build(unit=world.dept, subject="Dự thảo", doc_type_code="ke-hoach", year=2026)

    layout = layout_build(draft)

    assert layout.superior_body == "UBND THÀNH PHỐ HÀ NỘI"
    assert layout.number_line == "Số:" + "\u00a0" * 6 + "/KH-STTTT"
    assert layout.date_line == "Hà Nội, ngày" + "\u00a0" * 6 + "tháng" + "\u00a0" * 6 + "năm 2026"


def docx_texts(data: bytes) -> list[str]:
    """Every non-empty paragraph of a .docx in reading order (table cells left to right)."""
    document = docx.Document(BytesIO(data))
    texts = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                for cell in row.cells:
                    texts.extend(paragraph.text for paragraph in cell.paragraphs)
        else:
            texts.append(block.text)
    return [text for text in texts if text.strip()]


def test_docx_has_the_official_parts_in_order(decision):
    data = document_docx(decision)

    assert docx_texts(data) == [
        "ỦY BAN NHÂN DÂN",
        "QUẬN BA ĐÌNH",
        "Số: 05/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Ba Đình, ngày 05 tháng 01 năm 2020",
        "QUYẾT ĐỊNH",
        "Về việc ban hành Quy chế làm việc",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ đề nghị của Trưởng phòng Văn hóa và Thông tin.",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.",
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
        "Nơi nhận:",
        "- Như Điều 2;",
        "- Thường trực Quận ủy;",
        "- Lưu: VT, VHTT.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn An",
    ]


def test_docx_page_setup_fonts_and_styles(decision):
    document = docx.Document(BytesIO(document_docx(decision)))
    section = document.sections[0]

    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert [
        round(m.mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [20, 20, 30, 15]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert section.different_first_page_header_footer is True
    assert 'w:instr="PAGE"' in section.header._element.xml
    paragraphs = {p.text: p for p in document.paragraphs if p.text}
    grounds = paragraphs["Căn cứ đề nghị của Trưởng phòng Văn hóa và Thông tin."]
    assert grounds.runs[0].italic is True
    body = paragraphs["Điều 2. Quyết định có hiệu lực kể từ ngày ký."]
    assert body.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 1.27
    assert document.core_properties.title == "05/QĐ-UBND Về việc ban hành Quy chế làm việc"


def test_docx_of_a_letter_has_the_vv_line_under_the_number_and_no_type_heading(letter):
    texts = docx_texts(document_docx(letter))

    assert texts[:7] == [
        "UBND QUẬN BA ĐÌNH",
        "PHÒNG VĂN HÓA VÀ THÔNG TIN",
        "Số: 12/VHTT",
        "V/v Tổ chức các hoạt động văn hóa dịp Tết",
        "MẬT",
        "KHẨN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]
    assert "Kính gửi:" in texts
    assert "CÔNG VĂN" not in texts


def test_html_of_the_pdf_prints_the_same_lines_in_order(letter):
    html = document_html(letter)
    body = html[html.index("<body") :]
    parts = [
        "UBND QUẬN BA ĐÌNH",
        "PHÒNG VĂN HÓA VÀ THÔNG TIN",
        "Số: 12/VHTT",
        "V/v Tổ chức các hoạt động văn hóa dịp Tết",
        "MẬT",
        "KHẨN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Ba Đình, ngày 15 tháng 3 năm 2021",
        "Kính gửi:",
        "- Ủy ban nhân dân các phường;",
        "Thực hiện chỉ đạo",
        "Nơi nhận:",
        "- Lưu: VT.",
        "KT. TRƯỞNG PHÒNG",
        "PHÓ TRƯỞNG PHÒNG",
        'id="signature-slot"',
        "Trần Thị Bình",
    ]

    positions = [body.index(part) for part in parts]

    assert positions == sorted(positions)
    assert "@page :first" in html  # no page number on page 1


def test_pdf_is_a4_with_an_empty_signer_field_on_the_last_page(decision):
    pdf = document_pdf(decision)
    reader = PdfFileReader(BytesIO(pdf))

    pages = reader.root["/Pages"]
    assert pdf.startswith(b"%PDF-")
    assert pages["/Count"] == 1
    page = pages["/Kids"][0].get_object()
    assert [round(float(v)) for v in page["/MediaBox"]] == [0, 0, *A4_POINTS]
    assert str(reader.trailer["/Info"]["/Title"]) == "05/QĐ-UBND Về việc ban hành Quy chế làm việc"
    [(name, value, ref)] = list(fields.enumerate_sig_fields(reader))
    assert (name, value) == (SIGNER_FIELD, None)
    x1, y1, x2, y2 = (float(v) for v in ref.get_object()["/Rect"])
    # 62 × 24 mm, centred in the right column, below the middle of the page
    assert (x2 - x1, y2 - y1) == pytest.approx((62 * 72 / 25.4, 24 * 72 / 25.4), abs=1)
    assert 300 < x1 < x2 < A4_POINTS[0] - 15 * 72 / 25.4
    assert 0 < y1 < y2 < A4_POINTS[1] / 2 + 150


def test_pdf_of_a_long_document_has_the_signer_field_on_its_last_page(decision):
    decision.body = "\n".join(["Điều khoản dài để tràn sang trang sau của văn bản."] * 60)
    decision.save()

    reader = PdfFileReader(BytesIO(document_pdf(decision)))

    count = reader.root["/Pages"]["/Count"]
    assert count >= 2  # how many depends on the system's serif font
    [(_name, _value, ref)] = list(fields.enumerate_sig_fields(reader))
    last_page = reader.root["/Pages"]["/Kids"].raw_get(count - 1)
    assert ref.get_object().raw_get("/P").idnum == last_page.idnum


@pytest.fixture
def without_weasyprint(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)


def test_without_pango_the_pdf_is_a_clear_error_and_the_docx_still_works(
    without_weasyprint, decision
):
    with pytest.raises(PdfUnavailable) as error:
        document_pdf(decision)

    assert error.value.code == "pdf_unavailable"
    assert error.value.status == 503
    assert document_docx(decision).startswith(b"PK")
