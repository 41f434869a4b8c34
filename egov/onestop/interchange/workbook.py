"""The XLSX catalog file (openpyxl): sheets ``procedures``, ``fees`` and ``documents``.

Written and read with :mod:`egov.common.tables`: texts are always written as text cells, so a
value starting with ``=`` never becomes a formula; workbooks are read with cached values only,
never evaluating formulas, and refused when they would unpack too large (zip bombs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.worksheet.worksheet import Worksheet

from egov.common.tables import Sheet, TableUnreadable, sheet_rows, xlsx_open, xlsx_write
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


def _sheets(records: Sequence[dict[str, Any]]) -> list[Sheet]:
    main: list[Sequence[Any]] = [FLAT_KEYS]
    children: dict[str, list[Sequence[Any]]] = {
        kind: [CHILD_KEYS[kind]] for kind in (FEES, DOCUMENTS)
    }
    for record in records:
        main.append(flat_values(record, FLAT_KEYS))
        for kind, rows in children.items():
            for child in record[kind]:
                keyed = {"code": record["code"], "version": record["version"], **child}
                rows.append([keyed[k] for k in CHILD_KEYS[kind]])
    return [Sheet(PROCEDURES, main), *(Sheet(kind, rows) for kind, rows in children.items())]


def encode_xlsx(records: Sequence[dict[str, Any]]) -> bytes:
    return xlsx_write(_sheets(records))


def _rows(sheet: Worksheet) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, values in enumerate(sheet_rows(sheet), start=1):
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


def decode_xlsx(content: bytes) -> tuple[list[RawRow], list[RowError]]:
    try:
        book = xlsx_open(content)
    except TableUnreadable as error:
        if error.code == "xlsx_too_large":
            return [], file_error(error.message)
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
