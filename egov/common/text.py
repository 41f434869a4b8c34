"""Vietnamese text helpers shared by every app."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold Vietnamese text for accent-insensitive matching: lower case, no diacritics, đ → d.

    NFC and NFD inputs give the same result, so stored ``search_text`` columns and queries agree
    on SQLite and PostgreSQL alike.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.casefold()).strip()
