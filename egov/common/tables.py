"""Tables in and out: reading uploaded .xlsx and .csv files into rows, writing .xlsx and .csv
files from headers and rows, and the download response. The one implementation every import
and export uses; safe by default.

Reading: a workbook is a zip archive and is refused before openpyxl opens it when it would
unpack to more than :data:`MAX_UNPACKED_BYTES` (zip bombs); formulas are read as their cached
values (``data_only``), never evaluated; merged cells can be filled with their value in every
cell they cover. CSV files are UTF-8 (a byte-order mark is dropped); the delimiter (comma,
semicolon, tab) can be sniffed. Row and column limits are the caller's.

Writing: every text is written as a text cell (a value starting with ``=``, ``+``, ``-`` or
``@`` never becomes a formula) with the characters XML cannot hold removed.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from egov.common.exceptions import DomainError
from egov.common.files.office import ZIP_ERRORS

# A workbook unpacking to more than this is refused (zip bombs).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
Grid = list[list[Any]]


class TableUnreadable(DomainError):
    """An uploaded table cannot be read. ``code`` says why: ``xlsx_unreadable``,
    ``xlsx_too_large`` (once unpacked) or ``csv_not_utf8``."""

    code = "table_unreadable"


def _unpacked_size(content: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(info.file_size for info in archive.infolist())


def _unreadable_xlsx() -> TableUnreadable:
    return TableUnreadable(_("The file is not a readable .xlsx workbook."), code="xlsx_unreadable")


def xlsx_open(content: bytes, *, read_only: bool = True, max_unpacked: int | None = None) -> Any:
    """The openpyxl workbook of ``content`` with cached values instead of formulas; read-only
    (streamed rows) unless merged cells are needed; refused when it would unpack to more than
    ``max_unpacked`` bytes (default :data:`MAX_UNPACKED_BYTES`). Close it after use."""
    from openpyxl import load_workbook

    try:
        limit = MAX_UNPACKED_BYTES if max_unpacked is None else max_unpacked
        too_large = _unpacked_size(content) > limit
    except ZIP_ERRORS as exc:
        raise _unreadable_xlsx() from exc
    if too_large:
        raise TableUnreadable(_("The workbook is too large once unpacked."), code="xlsx_too_large")
    try:
        return load_workbook(io.BytesIO(content), read_only=read_only, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error on a broken file
        raise _unreadable_xlsx() from exc


def sheet_rows(sheet: Any) -> Iterator[tuple[Any, ...]]:
    """The values of every row of a worksheet, streamed (``None`` for an empty cell)."""
    yield from sheet.iter_rows(values_only=True)


def sheet_grid(sheet: Any, *, fill_merged: bool = True) -> Grid:
    """A worksheet (of a workbook opened with ``read_only=False``) as a grid of values, each
    merged range's value repeated in every cell it covers."""
    grid = [
        list(row)
        for row in sheet.iter_rows(
            min_row=1, max_row=sheet.max_row, max_col=sheet.max_column, values_only=True
        )
    ]
    if fill_merged:
        for merged in sheet.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    grid[r][c] = value
    return grid


def csv_text(content: bytes) -> str:
    """The text of a UTF-8 CSV file, without its byte-order mark."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableUnreadable(_("The CSV file must be UTF-8 text."), code="csv_not_utf8") from exc


def csv_rows(content: bytes, *, sniff: bool = False) -> Iterator[list[str]]:
    """The rows of a UTF-8 CSV file; with ``sniff`` the delimiter (comma, semicolon or tab) is
    guessed from the start of the file, else it is a comma."""
    text = csv_text(content)
    dialect: Any = csv.excel
    if sniff:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
    yield from csv.reader(io.StringIO(text, newline=""), dialect)


# --- writing ---------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet to write: a title, rows of values (text, numbers, dates; ``None`` for an
    empty cell) and column widths by letter."""

    title: str
    rows: Iterable[Sequence[Any]]
    widths: dict[str, float] = field(default_factory=dict)


def _safe_append(sheet: Any, values: Sequence[Any]) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
    if not values:
        return
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # text, never a formula


def xlsx_write(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx workbook of ``sheets``, every text written as a text cell."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(spec.title[:31])
        for values in spec.rows:
            _safe_append(sheet, list(values))
        for letter, width in spec.widths.items():
            sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def csv_write(rows: Iterable[Sequence[Any]]) -> bytes:
    """A UTF-8 CSV file (with a byte-order mark, so spreadsheet programs read the Vietnamese
    letters; CRLF line ends) of ``rows``: booleans as ``true``/``false``, ``None`` as empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for values in rows:
        writer.writerow([_csv_cell(v) for v in values])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_response(content: bytes, *, filename: str, as_attachment: bool = True) -> HttpResponse:
    """A download of an .xlsx or .csv file (by the extension of ``filename``)."""
    kind = XLSX_TYPE if filename.lower().endswith(".xlsx") else CSV_TYPE
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response
