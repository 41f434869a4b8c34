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


# The Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, plus the
# Latin letters of foreign names): a letter's rank is its primary weight; the tone mark (none,
# grave, hook, tilde, acute, dot below) only breaks ties, as in dictionaries.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: index + 1 for index, letter in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vi_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A sort key in Vietnamese dictionary order ("Bách Khoa" before "Biên Giang", "Đ" after
    "D", "Ư" after "U"), without ICU: letters by the alphabet first, tone marks as
    tie-breakers, then the text itself so that the order is total."""
    primary: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        base, *marks = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in _TONES))
        if letter in _RANK:
            primary.append(_RANK[letter])
        elif letter.isalnum():
            primary.append(len(_RANK) + ord(letter))
        else:
            primary.append(0)  # spaces and punctuation sort before any letter
        tones.append(next((_TONES[m] for m in marks if m in _TONES), 0))
    return tuple(primary), tuple(tones), text
