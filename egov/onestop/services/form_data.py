"""Checking an application form (tờ khai) against its procedure's e-form schema. Pure: no ORM.

The schema is ``Procedure.form_fields`` (a list of ``{name, label, type, required, choices}``,
checked by :func:`egov.onestop.rules.form_fields_errors`). Values arrive as the strings a
browser posts (or JSON values from the API) and are stored as JSON: text as trimmed strings,
numbers as canonical decimal strings (exact, no float rounding), dates as ISO ``yyyy-mm-dd``,
booleans as ``true``/``false``. File fields are not form values: files are uploaded against
the required documents.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from egov.onestop.choices import FormFieldType

TEXT_MAX = 500
TEXTAREA_MAX = 5000
PHONE_RE = re.compile(r"^(\+84|0)\d{9,10}$")
TRUE_VALUES = frozenset({"1", "true", "on", "yes"})
FALSE_VALUES = frozenset({"", "0", "false", "off", "no"})


class FieldError(Exception):
    """A value does not fit its field (message for the person filling the form)."""


@dataclass(frozen=True)
class FormDataResult:
    cleaned: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _text(value: Any, limit: int) -> str:
    text = value.strip() if isinstance(value, str) else str(value).strip()
    if len(text) > limit:
        raise FieldError(_("Enter at most %(limit)s characters.") % {"limit": limit})
    return text


def _number(value: Any) -> str:
    if isinstance(value, bool):
        raise FieldError(_("Enter a number."))
    raw = str(value).strip().replace(" ", "").replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise FieldError(_("Enter a number.")) from None
    if not number.is_finite() or len(raw) > 30:
        raise FieldError(_("Enter a number."))
    return format(number.normalize(), "f")


def _date(value: Any) -> str:
    raw = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = datetime.datetime.strptime(raw, pattern).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
        return day.isoformat()
    raise FieldError(_("Enter a date as dd/mm/yyyy."))


def _email(value: Any) -> str:
    address = str(value).strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise FieldError(_("Enter a valid e-mail address.")) from None
    return address


def _phone(value: Any) -> str:
    digits = re.sub(r"[\s.\-()]", "", str(value))
    if not PHONE_RE.match(digits):
        raise FieldError(_("Enter a phone number of 10 or 11 digits."))
    return "0" + digits[3:] if digits.startswith("+84") else digits


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raw = str(value).strip().lower()
    if raw in TRUE_VALUES | FALSE_VALUES:
        return raw in TRUE_VALUES
    raise FieldError(_("Choose yes or no."))


def _choice(value: Any, choices: Sequence[str]) -> str:
    text = str(value).strip()
    if text not in choices:
        raise FieldError(_("Choose one of the options given."))
    return text


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _converter(spec: Mapping[str, Any]) -> Callable[[Any], Any]:
    kind = spec.get("type")
    converters: dict[str, Callable[[Any], Any]] = {
        FormFieldType.TEXT: lambda v: _text(v, TEXT_MAX),
        FormFieldType.TEXTAREA: lambda v: _text(v, TEXTAREA_MAX),
        FormFieldType.NUMBER: _number,
        FormFieldType.DATE: _date,
        FormFieldType.EMAIL: _email,
        FormFieldType.PHONE: _phone,
        FormFieldType.CHOICE: lambda v: _choice(v, spec.get("choices") or []),
    }
    return converters[kind]


def _clean_one(spec: Mapping[str, Any], value: Any) -> Any:
    """The stored value of one field; raises :class:`FieldError`. ``None`` means empty."""
    required = bool(spec.get("required"))
    if spec.get("type") == FormFieldType.BOOLEAN:
        checked = _boolean(False if value is None else value)
        if required and not checked:
            raise FieldError(_("This box must be ticked."))
        return checked
    if _is_empty(value):
        if required:
            raise FieldError(_("This field is required."))
        return None
    if isinstance(value, list | dict):
        raise FieldError(_("Enter a single value."))
    return _converter(spec)(value)


def form_data_clean(fields: Sequence[Mapping[str, Any]], data: Mapping[str, Any]) -> FormDataResult:
    """Check ``data`` against the schema ``fields``: types, required fields, choices.

    Unknown names are dropped (never stored); an empty optional field is left out."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec in fields:
        name = spec.get("name")
        if not isinstance(name, str) or spec.get("type") == FormFieldType.FILE:
            continue
        try:
            value = _clean_one(spec, data.get(name))
        except FieldError as exc:
            errors[name] = str(exc)
            continue
        if value is not None:
            cleaned[name] = value
    return FormDataResult(cleaned=cleaned, errors=errors)
