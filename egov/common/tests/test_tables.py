"""Tables in and out: zip bombs and broken files refused, formulas read as values and never
written, merged cells filled, CSV encodings and delimiters."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from egov.common.tables import (
    Sheet,
    TableUnreadable,
    csv_rows,
    csv_write,
    sheet_grid,
    sheet_rows,
    table_response,
    xlsx_open,
    xlsx_write,
)


def _book_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 5000)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"not a workbook", "xlsx_unreadable"),
        (b"PK\x03\x04broken", "xlsx_unreadable"),
        (_zip_bomb(), "xlsx_too_large"),
    ],
)
def test_unreadable_and_oversized_workbooks_are_refused(content, code, monkeypatch):
    monkeypatch.setattr("egov.common.tables.MAX_UNPACKED_BYTES", 4000)

    with pytest.raises(TableUnreadable) as error:
        xlsx_open(content)

    assert error.value.code == code


def test_formulas_are_read_as_their_values_and_merged_cells_filled():
    book = Workbook()
    sheet = book.active
    sheet.append(["Đơn vị", "Nội dung"])
    sheet.append(["Sở Y tế", "=1+1"])
    sheet.append([None, "Báo cáo"])
    sheet.merge_cells("A2:A3")

    streamed = xlsx_open(_book_bytes(book))
    rows = list(sheet_rows(streamed.worksheets[0]))
    grid = sheet_grid(xlsx_open(_book_bytes(book), read_only=False).worksheets[0])

    # Never evaluated: a workbook saved without cached values reads as empty.
    assert rows[1] == ("Sở Y tế", None)
    assert grid[2] == ["Sở Y tế", "Báo cáo"]


def test_texts_are_written_as_text_never_as_formulas():
    content = xlsx_write(
        [Sheet("Số liệu", [['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", 5, None]])]
    )

    cells = next(load_workbook(io.BytesIO(content)).active.iter_rows())

    assert [cell.data_type for cell in cells[:4]] == ["s", "s", "s", "s"]
    assert cells[0].value == '=HYPERLINK("http://x")'
    assert (cells[4].value, cells[4].data_type) == (5, "n")


def test_csv_round_trip_with_bom_and_sniffed_delimiters():
    written = csv_write([("mã", "có"), ("A;1", True), (None, 2)])

    assert written.startswith("\ufeff".encode())
    assert list(csv_rows(written)) == [["mã", "có"], ["A;1", "true"], ["", "2"]]
    assert list(csv_rows(b"a;b\r\n1;2\r\n", sniff=True)) == [["a", "b"], ["1", "2"]]
    with pytest.raises(TableUnreadable) as error:
        list(csv_rows("Hà Nội".encode("utf-16")))
    assert error.value.code == "csv_not_utf8"


def test_table_response_names_the_file_and_its_type():
    xlsx = table_response(b"PK", filename="so-lieu.xlsx")
    csv = table_response(b"a", filename="so-lieu.csv", as_attachment=False)

    assert xlsx["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert xlsx["Content-Disposition"] == 'attachment; filename="so-lieu.xlsx"'
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv["Content-Disposition"] == 'inline; filename="so-lieu.csv"'
