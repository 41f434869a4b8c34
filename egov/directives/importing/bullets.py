"""Splitting a multi-line table cell into its items.

A cell of an annexed task table often holds a list: "- task one\\n- task two", with "+" or "•"
for sub-items. Each item becomes one task (or one name, one result). Lines that do not start
with a bullet continue the item above them (a long item wrapped over lines); a cell without any
bullet is split on its lines. An item ending with ":" followed by sub-items of another marker is
a lead-in: it is joined to each of them ("Hạ tầng: xây dựng A", "Hạ tầng: xây dựng B").
"""

from __future__ import annotations

import re

# "-", "–", "—", "+", "•", "*", "◦", "▪", "·", "", and "a)", "b." style letters or "1)" numbers
_BULLET = re.compile(
    r"^\s*(?P<marker>[-–—+•*◦▪·]|[a-zđ][).]|\d{1,2}\)|\d{1,2}\.(?!\d))\s*(?P<text>.*)$",
    re.IGNORECASE,
)


def _marker_class(marker: str) -> str:
    if marker in "-–—":
        return "-"
    if marker[:-1].isdigit():
        return "1"
    if marker[:-1].isalpha():
        return "a"
    return marker


def _items(lines: list[str]) -> list[tuple[str, str]]:
    """(marker class, text) per item, continuation lines joined with a space."""
    items: list[tuple[str, str]] = []
    for line in lines:
        match = _BULLET.match(line)
        if match and match["text"].strip():
            items.append((_marker_class(match["marker"]), match["text"].strip()))
        elif items:
            marker, text = items[-1]
            items[-1] = (marker, f"{text} {line.strip()}")
        else:
            items.append(("", line.strip()))
    return items


def bullets_split(cell: str) -> list[str]:
    """The items of a cell, in order; an empty cell gives no item."""
    lines = [
        line
        for line in (cell or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if line.strip()
    ]
    if not lines:
        return []
    if not any(_BULLET.match(line) for line in lines):
        return [" ".join(line.split()) for line in lines]
    items = _items(lines)
    result: list[str] = []
    lead_in: tuple[str, str] | None = None
    for index, (marker, text) in enumerate(items):
        following = items[index + 1][0] if index + 1 < len(items) else None
        if text.endswith(":") and following is not None and following != marker:
            lead_in = (marker, text)
            continue
        if lead_in is not None and marker == lead_in[0]:
            lead_in = None
        prefix = f"{lead_in[1]} " if lead_in else ""
        result.append(" ".join(f"{prefix}{text}".split()))
    return result
