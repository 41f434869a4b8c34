"""The XLSX catalog file (openpyxl): sheets ``procedures``, ``fees`` and ``documents``.

Texts are always written as text cells, so a value starting with ``=`` never becomes a formula;
workbooks are read with cached values only (``data_only``), never evaluating formulas.
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.worksheet.worksheet import Worksheet

from egov.onestop.interchange.formats import (
    CHILD_KEYS,
    DOCUMENTS,
    FEES,
    FLAT_KEYS,
    PROCEDURES,
    file_error,
    flat_values,
    missing_columns,
    too_many_rows,
)
from egov.onestop.interchange.records import RawRow, RowError

# A workbook is a zip archive: refuse one that would expand to more than this (zip bombs).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def _append(sheet: Worksheet, values: Sequence[Any]) -> None:
    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def encode_xlsx(records: Sequence[dict[str, Any]]) -> bytes:
    book = Workbook()
    main = book.active
    main.title = PROCEDURES
    children = {kind: book.create_sheet(kind) for kind in (FEES, DOCUMENTS)}
    _append(main, FLAT_KEYS)
    for kind, sheet in children.items():
        _append(sheet, CHILD_KEYS[kind])
    for record in records:
        _append(main, flat_values(record, FLAT_KEYS))
        for kind, sheet in children.items():
            for child in record[kind]:
                keyed = {"code": record["code"], "version": record["version"], **child}
                _append(sheet, [keyed[k] for k in CHILD_KEYS[kind]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(sheet: Worksheet) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if any(v not in (None, "") for v in values):
            yield number, values


def _read_sheet(book: Any, name: str, keys: Sequence[str], errors: list[RowError]) -> list[RawRow]:
    if name not in book.sheetnames:
        errors.extend(
            file_error(_("The workbook has no sheet named %(name)s.") % {"name": name}, name)
        )
        return []
    rows = list(_rows(book[name]))
    if not rows:
        errors.extend(missing_columns(name, [], keys))
        return []
    (_first, header), body = rows[0], rows[1:]
    problems = missing_columns(name, header, keys) + too_many_rows(len(body), name)
    if problems:
        errors.extend(problems)
        return []
    names = [str(h) if h is not None else "" for h in header]
    return [RawRow(name, number, dict(zip(names, values, strict=False))) for number, values in body]


def _attach(rows: list[RawRow], children: list[RawRow], kind: str, errors: list[RowError]) -> None:
    by_key: dict[tuple[str, str], list[RawRow]] = defaultdict(list)
    for child in children:
        by_key[(str(child.values.get("code")), str(child.values.get("version")))].append(child)
    for row in rows:
        key = (str(row.values.get("code")), str(row.values.get("version")))
        getattr(row, kind).extend(by_key.pop(key, []))
    for orphans in by_key.values():
        errors.extend(
            RowError(kind, child.row, "code", _("No procedure row has this code and version."))
            for child in orphans
        )


def _unpacked_size(content: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(info.file_size for info in archive.infolist())


def decode_xlsx(content: bytes) -> tuple[list[RawRow], list[RowError]]:
    try:
        if _unpacked_size(content) > MAX_UNPACKED_BYTES:
            return [], file_error(_("The workbook is too large once unpacked."))
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error on a broken file
        return [], file_error(_("The file is not a readable Excel workbook (.xlsx)."))
    try:
        errors: list[RowError] = []
        rows = _read_sheet(book, PROCEDURES, FLAT_KEYS, errors)
        for kind in (FEES, DOCUMENTS):
            _attach(rows, _read_sheet(book, kind, CHILD_KEYS[kind], errors), kind, errors)
    except Exception:  # a corrupt sheet fails only when it is read
        return [], file_error(_("The file is not a readable Excel workbook (.xlsx)."))
    finally:
        book.close()
    return rows, errors
