"""The one PDF renderer: a PDF from HTML, nothing fetched, and a clear error without Pango."""

from __future__ import annotations

import base64
import builtins
from io import BytesIO

import pytest
from PIL import Image
from pyhanko.pdf_utils.reader import PdfFileReader

from egov.common.pdf import PdfUnavailable, html_to_pdf, pdf_available

needs_pdf = pytest.mark.skipif(not pdf_available(), reason="WeasyPrint or Pango is missing")


def _page_width(pdf: bytes) -> int:
    page = PdfFileReader(BytesIO(pdf)).root["/Pages"]["/Kids"][0]
    return round(float(page["/MediaBox"][2]))


def _images(pdf: bytes) -> int:
    page = PdfFileReader(BytesIO(pdf)).root["/Pages"]["/Kids"][0]
    return len(page["/Resources"].get("/XObject", {}))


PAGE = "<html><body><p>Thông cáo báo chí</p>{extra}</body></html>"


@pytest.fixture
def without_weasyprint(monkeypatch):
    real_import = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)


@needs_pdf
def test_html_becomes_a_pdf_with_the_stylesheets_given():
    plain = html_to_pdf(PAGE.format(extra=""))
    a5 = html_to_pdf(PAGE.format(extra=""), stylesheets=["@page { size: A5; }"])

    assert plain.startswith(b"%PDF")
    assert _page_width(plain) == 595  # A4 by default (points)
    assert _page_width(a5) == 420


@needs_pdf
def test_nothing_but_inline_data_is_fetched(tmp_path):
    image = tmp_path / "secret.png"
    Image.new("RGB", (8, 8), "red").save(image)
    inline = "data:image/png;base64," + base64.b64encode(image.read_bytes()).decode()

    from_disk = html_to_pdf(PAGE.format(extra=f'<img src="file://{image}">'))
    from_data = html_to_pdf(PAGE.format(extra=f'<img src="{inline}">'))

    assert _images(from_disk) == 0
    assert _images(from_data) == 1


def test_without_pango_the_error_says_what_to_do_instead(without_weasyprint):
    with pytest.raises(PdfUnavailable) as error:
        html_to_pdf(PAGE.format(extra=""), unavailable="Print the web page instead.")

    assert (error.value.code, error.value.status) == ("pdf_unavailable", 503)
    assert error.value.message == "Print the web page instead."
    assert pdf_available() is False
