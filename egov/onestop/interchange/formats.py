"""Catalog files: JSON, CSV and XLSX, written from records and read into :class:`RawRow`\\ s.

- **JSON**: ``{"format": "egov-onestop-catalog", "format_version": 1, "procedures": [...]}``;
  each procedure is a record with its ``fees`` and ``documents`` lists inside.
- **CSV** (UTF-8 with BOM, comma-separated, one row per procedure version): the procedure
  columns, with list and object columns (``legal_basis``, ``channels``, ``results``,
  ``form_fields``, ``confidence`` ...) and the ``fees`` and ``documents`` columns as JSON text.
- **XLSX**: sheet ``procedures`` (the CSV columns without ``fees``/``documents``), sheets
  ``fees`` and ``documents`` with one row per child, keyed by ``code`` and ``version``, in order.

Empty cells mean "no value"; booleans are ``true``/``false``; dates ``YYYY-MM-DD``; times
``HH:MM``. Reading never raises on a bad file: problems come back as :class:`RowError`\\ s.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from egov.common.tables import TableUnreadable, csv_rows, csv_write
from egov.onestop.interchange.columns import (
    CHILD_KEY_COLUMNS,
    DOCUMENT_COLUMNS,
    FEE_COLUMNS,
    PROCEDURE_COLUMNS,
)
from egov.onestop.interchange.records import RawRow, RowError

FORMAT_NAME = "egov-onestop-catalog"
FORMAT_VERSION = 1
MAX_ROWS = 5000
PROCEDURES, FEES, DOCUMENTS = "procedures", "fees", "documents"
FLAT_KEYS = [c.key for c in PROCEDURE_COLUMNS]
CSV_KEYS = [*FLAT_KEYS, FEES, DOCUMENTS]
CHILD_KEYS = {
    FEES: [*CHILD_KEY_COLUMNS, *(c.key for c in FEE_COLUMNS)],
    DOCUMENTS: [*CHILD_KEY_COLUMNS, *(c.key for c in DOCUMENT_COLUMNS)],
}
JSON_KEYS = {c.key for c in PROCEDURE_COLUMNS if c.is_json} | {FEES, DOCUMENTS}


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def flat_values(record: dict[str, Any], keys: Sequence[str]) -> list[Any]:
    return [_json_text(record[k]) if k in JSON_KEYS else record[k] for k in keys]


def encode_json(records: Sequence[dict[str, Any]]) -> bytes:
    body = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "procedures": records}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def encode_csv(records: Sequence[dict[str, Any]]) -> bytes:
    return csv_write([CSV_KEYS, *(flat_values(record, CSV_KEYS) for record in records)])


def missing_columns(sheet: str, header: Sequence[Any], expected: Sequence[str]) -> list[RowError]:
    present = {str(h) for h in header if h is not None}
    return [
        RowError(sheet, 1, key, _("This column is missing."))
        for key in expected
        if key not in present
    ]


def file_error(message: str, sheet: str = "") -> list[RowError]:
    return [RowError(sheet, 0, "", message)]


def _embedded(parent: RawRow, key: str, value: Any, errors: list[RowError]) -> list[RawRow]:
    """Children written inside their procedure (JSON lists, or JSON text in a CSV cell)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            value = None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        errors.append(RowError(parent.sheet, parent.row, key, _("Enter a JSON list of objects.")))
        return []
    return [
        RawRow(parent.sheet, parent.row, item, prefix=f"{key}[{n}].")
        for n, item in enumerate(value, start=1)
    ]


def too_many_rows(count: int, sheet: str) -> list[RowError]:
    if count <= MAX_ROWS:
        return []
    return file_error(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS}, sheet)


def decode_json(content: bytes) -> tuple[list[RawRow], list[RowError]]:
    try:
        body = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return [], file_error(_("The file is not valid UTF-8 JSON."))
    items = body.get(PROCEDURES) if isinstance(body, dict) else None
    if not isinstance(items, list):
        return [], file_error(_("The file has no list of procedures."))
    errors = too_many_rows(len(items), PROCEDURES)
    rows = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(RowError(PROCEDURES, number, "", _("Enter a JSON object.")))
            continue
        row = RawRow(PROCEDURES, number, item)
        row.fees = _embedded(row, FEES, item.get(FEES), errors)
        row.documents = _embedded(row, DOCUMENTS, item.get(DOCUMENTS), errors)
        rows.append(row)
    return rows, errors


def decode_csv(content: bytes) -> tuple[list[RawRow], list[RowError]]:
    try:
        table = list(csv_rows(content))
    except (TableUnreadable, csv.Error):
        return [], file_error(_("The file is not a UTF-8 CSV file."))
    if not table:
        return [], file_error(_("The file is empty."))
    header, body = table[0], table[1:]
    errors = missing_columns(PROCEDURES, header, CSV_KEYS) + too_many_rows(len(body), PROCEDURES)
    if errors:
        return [], errors
    rows = []
    for number, cells in enumerate(body, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = RawRow(PROCEDURES, number, dict(zip(header, cells, strict=False)))
        row.fees = _embedded(row, FEES, row.values.get(FEES), errors)
        row.documents = _embedded(row, DOCUMENTS, row.values.get(DOCUMENTS), errors)
        rows.append(row)
    return rows, errors
