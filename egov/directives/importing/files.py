"""Reading the tables of an uploaded task table: .xlsx (openpyxl), .csv, .docx (python-docx).

Every table comes back as a grid of strings, merged cells filled with the merged value in
each cell they cover (so a unit written once for three rows belongs to all three).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal

from django.utils.translation import gettext as _

from egov.common.tables import TableUnreadable, csv_rows, sheet_grid, xlsx_open
from egov.directives.exceptions import ImportFileInvalid

Grid = list[list[str]]
MAX_ROWS = 3000
MAX_COLUMNS = 40
XLSX_MAGIC = b"PK\x03\x04"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float | Decimal) and _is_whole(value):
        return str(int(value))
    return str(value).strip()


def _is_whole(value: float | Decimal) -> bool:
    """Whether a number cell holds a whole number; infinity and NaN (a cell can hold them, and
    a number too large for a float reads as infinity) are not (found by fuzzing the import)."""
    if isinstance(value, Decimal):
        return value.is_finite() and value == value.to_integral_value()
    return value.is_integer()


def _check_size(rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise ImportFileInvalid(
            _("The table is too large: at most %(rows)s rows and %(columns)s columns.")
            % {"rows": MAX_ROWS, "columns": MAX_COLUMNS}
        )


def grids_from_xlsx(content: bytes) -> list[Grid]:
    """One grid per worksheet, merged ranges filled."""
    try:
        book = xlsx_open(content, read_only=False)
    except TableUnreadable as exc:
        raise ImportFileInvalid(exc.message) from exc
    grids = []
    for sheet in book.worksheets:
        _check_size(sheet.max_row, sheet.max_column)
        grids.append([[_text(value) for value in row] for row in sheet_grid(sheet)])
    return grids


def grids_from_docx(content: bytes) -> list[Grid]:
    """One grid per table of the document (nested tables ignored); python-docx repeats a
    merged cell in every row and column it spans."""
    import docx

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises many types for broken files
        raise ImportFileInvalid(_("The file is not a readable .docx document.")) from exc
    grids = []
    for table in document.tables:
        grid = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        _check_size(len(grid), max((len(r) for r in grid), default=0))
        grids.append(grid)
    return grids


def grids_from_csv(content: bytes) -> list[Grid]:
    """The one table of a UTF-8 CSV file (comma, semicolon or tab separated)."""
    try:
        grid = [[cell.strip() for cell in row] for row in csv_rows(content, sniff=True)]
    except TableUnreadable as exc:
        raise ImportFileInvalid(_("Save the CSV file as UTF-8 and upload it again.")) from exc
    _check_size(len(grid), max((len(r) for r in grid), default=0))
    return [grid]


def read_tables(name: str, content: bytes) -> list[Grid]:
    """The tables of an uploaded file, by its extension and checked against its bytes."""
    lower = name.lower()
    if lower.endswith(".csv"):
        return grids_from_csv(content)
    if lower.endswith((".xlsx", ".docx")):
        if not content.startswith(XLSX_MAGIC) or not zipfile.is_zipfile(io.BytesIO(content)):
            raise ImportFileInvalid(_("The file is damaged or not what its name says."))
        return grids_from_xlsx(content) if lower.endswith(".xlsx") else grids_from_docx(content)
    raise ImportFileInvalid(_("Upload the task table as .xlsx, .docx or .csv."))
