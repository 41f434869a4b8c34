"""The personal-data check of published text: ID numbers, phone numbers and e-mail addresses
that must not be published with a citizen's question, a disclosed list, an answer or an
anonymised complaint decision (Law on Grassroots Democracy 2022 art 11 and Decree 13/2023/NĐ-CP
on personal data protection), found by pattern and named in a warning the officer must clear or
confirm. A warning, not a filter: names and addresses cannot be found by pattern, so the officer
reads the text. Pure (no ORM). Shared by feedback, disclosure and complaints."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Citizen ID: 12 digits (CCCD), or 9 (old CMND).
_PATTERNS = (
    ("id_number", re.compile(r"(?<!\d)(\d{12}|\d{9})(?!\d)")),
    ("phone", re.compile(r"(?<![\d+])(?:\+?84|0)(?:[\s.\-]?\d){9}(?!\d)")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
)
PERSONAL_DATA_LABELS = {
    "id_number": gettext_lazy("an ID number"),
    "phone": gettext_lazy("a phone number"),
    "email": gettext_lazy("an e-mail address"),
}


def personal_data_found(*texts: str) -> list[tuple[str, str]]:
    """(kind, text found) for each ID number, phone number or e-mail address in ``texts``.
    A phone number is tried before an ID number of the same digits is reported twice."""
    found: list[tuple[str, str]] = []
    for text in texts:
        seen: set[str] = set()
        for kind, pattern in (_PATTERNS[2], _PATTERNS[1], _PATTERNS[0]):
            for match in pattern.finditer(text or ""):
                value = match.group(0)
                digits = re.sub(r"\D", "", value)
                if kind != "email" and digits in seen:
                    continue
                seen.add(digits if kind != "email" else value)
                found.append((kind, value))
    return found


def personal_data_warning(*texts: str) -> str:
    """The sentence naming what still looks personal in ``texts``; empty when nothing does."""
    found = personal_data_found(*texts)
    if not found:
        return ""
    items = ", ".join(f"{PERSONAL_DATA_LABELS[kind]} ({value})" for kind, value in found)
    return _("The text still holds %(items)s. Remove it, or confirm that it may be published.") % {
        "items": items
    }
