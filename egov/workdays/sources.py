"""The two inputs of the calendar besides the database: the ``holidays`` package and the
adjustments file shipped with the app (``data/calendar_adjustments.json``). No ORM."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TypedDict

import holidays

DATA_FILE = Path(__file__).resolve().parent / "data" / "calendar_adjustments.json"
_SUBSTITUTED = re.compile(r"substituted from (\d{2})/(\d{2})/(\d{4})")


class ShippedAdjustment(TypedDict):
    """One entry of the shipped file, as stored in ``CalendarAdjustment``."""

    on: datetime.date
    kind: str
    swapped_with: datetime.date | None
    description: str
    source: str
    confidence: str
    in_package: bool


def package_version() -> str:
    """The installed ``holidays`` version; part of every calendar version string."""
    return holidays.__version__


def package_language(django_language: str | None) -> str:
    """The package's language for a Django language code (``vi`` or American English)."""
    return "vi" if (django_language or "").startswith("vi") else "en_US"


def package_days_off(
    *, first_year: int, last_year: int, language: str = "en_US"
) -> dict[datetime.date, str]:
    """Vietnamese public holidays, compensatory days and announced swaps (Labour Code 2019
    art. 112 as implemented by ``holidays``), named in ``language``."""
    days = holidays.country_holidays(
        "VN", years=range(first_year, last_year + 1), language=language
    )
    return dict(days.items())


def package_substitutions(*, first_year: int, last_year: int) -> dict[datetime.date, datetime.date]:
    """Swapped days off of the package mapped to the Saturday worked for them, parsed from the
    English label "Day off (substituted from MM/DD/YYYY)". The package never returns those
    Saturdays as working days; the shipped adjustments must."""
    pairs = {}
    for day, name in package_days_off(first_year=first_year, last_year=last_year).items():
        match = _SUBSTITUTED.search(name)
        if match:
            month, dom, year = (int(part) for part in match.groups())
            pairs[day] = datetime.date(year, month, dom)
    return pairs


def _entry(raw: Mapping[str, object]) -> ShippedAdjustment:
    swapped = raw.get("swapped_with")
    return ShippedAdjustment(
        on=datetime.date.fromisoformat(str(raw["on"])),
        kind=str(raw["kind"]),
        swapped_with=datetime.date.fromisoformat(str(swapped)) if swapped else None,
        description=str(raw["description"]),
        source=str(raw["source"]),
        confidence=str(raw["confidence"]),
        in_package=bool(raw["in_package"]),
    )


def shipped_adjustments() -> list[ShippedAdjustment]:
    """The adjustments shipped with the app for 2019-2026, each with its source."""
    content = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return [_entry(raw) for raw in content["adjustments"]]
