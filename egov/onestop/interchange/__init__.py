"""Catalog files: the record of a procedure version and its JSON, CSV and XLSX forms.

``encode`` and ``decode`` are the only entry points the services and selectors use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from egov.onestop.choices import CatalogFormat
from egov.onestop.interchange.formats import decode_csv, decode_json, encode_csv, encode_json
from egov.onestop.interchange.records import RawRow, RowError
from egov.onestop.interchange.workbook import decode_xlsx, encode_xlsx

CONTENT_TYPES = {
    CatalogFormat.JSON: "application/json",
    CatalogFormat.CSV: "text/csv; charset=utf-8",
    CatalogFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_ENCODERS = {
    CatalogFormat.JSON: encode_json,
    CatalogFormat.CSV: encode_csv,
    CatalogFormat.XLSX: encode_xlsx,
}
_DECODERS = {
    CatalogFormat.JSON: decode_json,
    CatalogFormat.CSV: decode_csv,
    CatalogFormat.XLSX: decode_xlsx,
}


def encode(file_format: str, records: Sequence[dict[str, Any]]) -> bytes:
    """The catalog file of ``records`` in ``file_format`` (json, csv or xlsx)."""
    return _ENCODERS[CatalogFormat(file_format)](records)


def decode(file_format: str, content: bytes) -> tuple[list[RawRow], list[RowError]]:
    """The rows of a catalog file and the problems that prevent reading some of them."""
    return _DECODERS[CatalogFormat(file_format)](content)


__all__ = ["CONTENT_TYPES", "RawRow", "RowError", "decode", "encode"]
