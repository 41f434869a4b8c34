"""Task tables built in the tests: .xlsx with merged cells (openpyxl), .docx with merged cells
(python-docx), .csv; Hà Nội content after the city's digital transformation plan."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import docx
from openpyxl import Workbook

HEADER = [
    "TT",
    "Chỉ số nội dung",
    "Nội dung thành phần",
    "Cơ quan chủ trì",
    "Nhiệm vụ",
    "Kết quả",
    "Đơn vị thực hiện",
    "Thời hạn",
]
# Rows 1-2 share the area "Hạ tầng số" (merged B3:B4) and the lead "Sở TT&TT" (merged D3:D4).
ROWS = [
    [
        "1",
        "Hạ tầng số",
        "Phủ sóng di động",
        "Sở TT&TT",
        "- Phát triển hạ tầng mạng di động 5G\n- Phủ sóng băng rộng đến các thôn, bản",
        "- 100% xã\n- 650 tỷ đồng",
        "- UBND các quận, huyện, thị xã\n- Sở TT&TT",
        "Quý IV/2026",
    ],
    [
        "2",
        "Hạ tầng số",
        "Trung tâm dữ liệu",
        "Sở TT&TT",
        "Xây dựng trung tâm dữ liệu của Thành phố",
        "01 trung tâm",
        "Sở KH&ĐT",
        "31/12/2026",
    ],
    [
        "3",
        "Chính quyền số",
        "Dịch vụ công trực tuyến",
        "Sở Nội vụ",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Đạt 80% hồ sơ",
        "UBND các xã, phường, thị trấn",
        "Hằng quý",
    ],
    [
        "4",
        "Kinh tế số",
        "Nông nghiệp số",
        "Sở NN&PTNT",
        "Cấp mã truy xuất nguồn gốc cho đàn gia súc, gia cầm",
        "1,8 triệu con",
        "Sở Văn hóa - Thể thao; Phòng Văn hóa và Thông tin",
        "Trước ngày 31/10 hằng năm",
    ],
]
MERGES = ["B3:B4", "D3:D4"]


def xlsx_bytes(
    rows: Sequence[Sequence[str]] = ROWS,
    merges: Sequence[str] = MERGES,
    title: str = "PHỤ LỤC: NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026",
) -> bytes:
    """A workbook with a title row, the header and ``rows``; merged ranges keep the value of
    their first cell only, as Excel does."""
    book = Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    for merged in merges:
        first = sheet[merged.split(":")[0]]
        for line in sheet[merged]:
            for cell in line:
                if cell.coordinate != first.coordinate:
                    cell.value = None
        sheet.merge_cells(merged)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes(rows: Sequence[Sequence[str]] = ROWS) -> bytes:
    """A document with the table, areas and leads merged down like the xlsx, and a heading
    row "I. HẠ TẦNG VÀ NỀN TẢNG" merged across the whole table."""
    document = docx.Document()
    document.add_paragraph("Phụ lục. Nhiệm vụ chuyển đổi số năm 2026")
    table = document.add_table(rows=2 + len(rows), cols=len(HEADER))
    for column, text in enumerate(HEADER):
        table.cell(0, column).text = text
    heading = table.cell(1, 0).merge(table.cell(1, len(HEADER) - 1))
    heading.text = "I. HẠ TẦNG VÀ NỀN TẢNG"
    for index, row in enumerate(rows, start=2):
        for column, text in enumerate(row):
            table.cell(index, column).text = text
    for column in (1, 3):  # area and lead of the first two rows
        merged = table.cell(2, column).merge(table.cell(3, column))
        merged.text = rows[0][column]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def csv_bytes(rows: Sequence[Sequence[str]] = ROWS, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")
