"""The columns of a catalog file and how each value is written and read.

A *record* is one procedure version as plain JSON values; its keys are the model's field names
(``field_code``/``field_name`` for the field, ``fees``/``documents`` for the children), so model
validation errors name the column directly. Readers accept the typed values of JSON and XLSX
and the texts of CSV alike; writers emit one canonical form, so export → import → export gives
the same file.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _


class CellError(ValueError):
    """A value that cannot be read as its column's type (message is translated)."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CellError(_("Enter a text."))
    return value if isinstance(value, str) else str(value)


def _integer(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(_("Enter a whole number."))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 19:
        return int(value)
    raise CellError(_("Enter a whole number."))


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CellError(_("Enter a number."))
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise CellError(_("Enter a number.")) from exc
    if not number.is_finite() or abs(number) >= 10000 or number != number.quantize(Decimal("0.1")):
        raise CellError(_("Enter a number below 10000 with at most one decimal place."))
    return number.quantize(Decimal("0.1"))


BOOL_WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _boolean(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in BOOL_WORDS:
        return BOOL_WORDS[value.strip().lower()]
    raise CellError(_("Enter true or false."))


def _date(value: Any) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_text(value).strip())
    except ValueError as exc:
        raise CellError(_("Enter a date as YYYY-MM-DD.")) from exc


def _time(value: Any) -> datetime.time | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.time):
        return value
    text = _text(value).strip()
    try:
        parsed = datetime.time.fromisoformat(text)
    except ValueError as exc:
        raise CellError(_("Enter a time as HH:MM.")) from exc
    if len(text) != 5:
        raise CellError(_("Enter a time as HH:MM."))
    return parsed


def _json(empty: Callable[[], Any], kind: type) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if value is None or value == "":
            return empty()
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except (ValueError, RecursionError) as exc:
                raise CellError(_("Enter valid JSON.")) from exc
        if not isinstance(value, kind):
            raise CellError(_("Enter a JSON list.") if kind is list else _("Enter a JSON object."))
        return value

    return read


def _number_out(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _date_out(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _time_out(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Column:
    """One column: its key, how to read a cell, how to write the model value, and whether it
    is a JSON list/object (written as JSON text in flat files)."""

    key: str
    read: Callable[[Any], Any]
    write: Callable[[Any], Any] = _same
    is_json: bool = False


def _c(key: str, read: Callable[[Any], Any], write: Callable[[Any], Any] = _same) -> Column:
    return Column(key, read, write)


def _j(key: str, kind: type) -> Column:
    return Column(key, _json(kind, kind), _same, is_json=True)


PROCEDURE_COLUMNS: tuple[Column, ...] = (
    _c("code", _text),
    _c("version", _integer),
    _c("name", _text),
    _c("field_code", _text),
    _c("field_name", _text),
    _c("level", _text),
    _c("catalog_era", _text),
    _c("level_as_published", _text),
    _c("level_note", _text),
    _c("competent_authority", _text),
    _c("competent_unit_kind", _text),
    _c("publishing_decision", _text),
    _j("legal_basis", list),
    _c("working_days", _decimal, _number_out),
    _c("calendar_days", _decimal, _number_out),
    _c("is_same_day", _boolean),
    _c("same_day_cutoff", _time, _time_out),
    _c("counted_from", _text),
    _c("time_limit_text", _text),
    _j("time_limit_variants", list),
    _j("time_limit_stages", list),
    _j("channels", list),
    _c("online_level", _text),
    _c("legacy_level", _integer),
    _c("applicants", _text),
    _j("results", list),
    _j("form_fields", list),
    _c("effective_from", _date, _date_out),
    _c("effective_to", _date, _date_out),
    _c("is_active", _boolean),
    _j("confidence", dict),
    _j("sources", list),
    _j("local_implementation", dict),
    _c("notes", _text),
)
FEE_COLUMNS: tuple[Column, ...] = (
    _c("kind", _text),
    _c("amount_vnd", _integer),
    _c("unit", _text),
    _c("note", _text),
    _c("source", _text),
    _c("confidence", _text),
)
DOCUMENT_COLUMNS: tuple[Column, ...] = (
    _c("name", _text),
    _c("originals_count", _integer),
    _c("copies_count", _integer),
    _c("submit_mode", _text),
    _c("condition", _text),
    _c("is_required", _boolean),
    _c("template_name", _text),
    _c("template_file", _text),
    _c("is_electronic_accepted", _boolean),
    _c("note", _text),
    _c("confidence", _text),
)
# Columns that must hold a value (the others may be empty).
REQUIRED_KEYS = frozenset(
    {
        "code",
        "version",
        "name",
        "field_code",
        "field_name",
        "level",
        "catalog_era",
        "competent_authority",
        "is_same_day",
        "is_active",
        "kind",
        "originals_count",
        "copies_count",
        "is_required",
    }
)
CHILD_KEY_COLUMNS = ("code", "version")
