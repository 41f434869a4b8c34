"""Amounts of money in đồng as people type and read them.

Vietnamese writes thousands with dots (``150.000``) and decimals with a comma; people also type
``150,000``, ``150 000`` or ``150.000 đ``. Reading ``150.000`` as a decimal number records 150
đồng instead of 150,000: :func:`vnd_parse` reads every one of these forms and refuses what is
ambiguous. :func:`vnd_in_words` gives the amount in words, as receipts print it ("bằng chữ"),
for the person to confirm. Pure functions, no database.
"""

from __future__ import annotations

import re
import unicodedata

from num2words import num2words


class AmountUnreadable(ValueError):
    """The text is not a whole, positive-or-zero number of đồng written in a known way."""


_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"^(?:vnđ|vnd|₫)|(?:vnđ|vnd|đồng|dong|đ|₫)\.?$", re.IGNORECASE)
_AMOUNT = re.compile(
    r"(?P<whole>[0-9]{1,3}(?P<sep>[.,])[0-9]{3}(?:(?P=sep)[0-9]{3})*|[0-9]+)"
    r"(?:(?P<dec>[.,])(?P<fraction>[0-9]{1,2}))?"
)
# The word of the currency: amounts in words are Vietnamese by definition (they are what a
# Vietnamese receipt prints), whatever the page's language.
_DONG = "đồng"


def vnd_parse(text: str) -> int:
    """The number of đồng ``text`` says: ``"150.000"``, ``"150.000 đ"``, ``"150,000"``,
    ``"150 000"``, ``"1.500.000 VND"``, ``"150.000,00"`` and ``"150000"`` are all read; a
    thousands separator must group by three and be the same throughout. A decimal part is
    accepted only when it is zero and written with the other separator (``150.000,00``,
    ``150,000.00``) or with a comma after plain digits (``150,00``); ``1.50``, ``1,5`` and
    ``1.500,000`` are refused, since đồng have no smaller unit and the reading would be a guess.

    Raises :class:`AmountUnreadable`.
    """
    compact = _SPACES.sub("", unicodedata.normalize("NFC", text or ""))
    for _ in range(2):  # a currency word before and after
        compact = _CURRENCY.sub("", compact)
    match = _AMOUNT.fullmatch(compact)
    if match is None:
        raise AmountUnreadable(text)
    separator, decimal = match["sep"], match["dec"]
    if decimal is not None:
        ambiguous = decimal == separator or (separator is None and decimal != ",")
        if ambiguous or match["fraction"].strip("0"):
            raise AmountUnreadable(text)
    return int(re.sub(r"[.,]", "", match["whole"]))


def vnd_in_words(amount: int) -> str:
    """``150000`` → ``"Một trăm năm mươi nghìn đồng"`` (num2words, Vietnamese)."""
    if amount < 0:
        raise ValueError(amount)
    words = num2words(amount, lang="vi")
    return f"{words[:1].upper()}{words[1:]} {_DONG}"
