"""Pure checks and normalisations of account identifiers."""

from __future__ import annotations

import re

_CITIZEN_ID = re.compile(r"^\d{12}$")
_TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
_PHONE = re.compile(r"^0\d{9,10}$")


def normalize_phone(raw: str) -> str:
    """'+84 912 345 678', '84912345678' and '0912.345.678' all become '0912345678'."""
    digits = re.sub(r"[\s.\-()]", "", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def normalize_email(raw: str) -> str:
    return (raw or "").strip().lower()


def normalize_identifier(raw: str) -> str:
    """A login identifier as the login looks it up: an e-mail (it has an @) trimmed and lowercased,
    anything else as a phone number ('+84 912…', '84912…', '0912.…' become '0912…')."""
    return normalize_email(raw) if "@" in (raw or "") else normalize_phone(raw)


def is_valid_phone(phone: str) -> bool:
    return bool(_PHONE.match(phone))


def is_valid_citizen_id(value: str) -> bool:
    """The 12-digit personal identification number (số định danh cá nhân / CCCD)."""
    return bool(_CITIZEN_ID.match(value or ""))


def is_valid_tax_code(value: str) -> bool:
    """An enterprise or household-business tax code: 10 digits, or 10 digits-3 for a branch."""
    return bool(_TAX_CODE.match(value or ""))
