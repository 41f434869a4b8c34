"""Reading the deadline cell of a task table: a date, a month, a quarter or a year, or a
recurrence ("Thường xuyên", "Hằng tháng", "Hằng quý", "Trước ngày 31/10 hằng năm")."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from egov.common.periods import month_end
from egov.common.text import fold
from egov.directives.choices import Recurrence

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DAY_MONTH = re.compile(
    r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?![\d/.-])|"
    r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?!\d)"
)
_DAY = re.compile(r"ngay\s+(\d{1,2})(?!\s*[/.-]?\s*\d)")
_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|nam)\s*(\d{4})")
_QUARTER = re.compile(r"quy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(\d{4})")
_HALF = re.compile(r"6 thang (dau|cuoi) nam\s*(\d{4})")
_YEAR = re.compile(r"^(?:trong\s+|truoc\s+|cuoi\s+)?(?:nam\s+)?(\d{4})$")
_EVERY = "(?:hang|moi)"


@dataclass(frozen=True)
class Schedule:
    """When a task is due: one deadline, or a recurrence with its report day."""

    recurrence: str = Recurrence.NONE
    deadline_on: datetime.date | None = None
    period_day: int | None = None
    period_month: int | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "recurrence": str(self.recurrence),
            "deadline_on": self.deadline_on.isoformat() if self.deadline_on else None,
            "period_day": self.period_day,
            "period_month": self.period_month,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Schedule:
        deadline = data.get("deadline_on")
        return cls(
            recurrence=str(data.get("recurrence") or Recurrence.NONE),
            deadline_on=datetime.date.fromisoformat(str(deadline)) if deadline else None,
            period_day=int(data["period_day"]) if data.get("period_day") else None,
            period_month=int(data["period_month"]) if data.get("period_month") else None,
        )


def _date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> datetime.date | None:
    if not 1 <= month <= 12:
        return None
    return month_end(datetime.date(year, month, 1))


def _recurring(text: str) -> Schedule | None:
    if "thuong xuyen" in text or "lien tuc" in text:
        return Schedule(Recurrence.CONTINUOUS)
    day_month = _DAY_MONTH.search(text)
    day = _DAY.search(text)
    if re.search(rf"{_EVERY} thang", text):
        return Schedule(Recurrence.MONTHLY, period_day=int(day[1]) if day else None)
    if re.search(rf"{_EVERY} quy", text):
        return Schedule(Recurrence.QUARTERLY, period_day=int(day[1]) if day else None)
    if re.search(rf"{_EVERY} nam", text):
        if day_month:
            d, m = (day_month[1], day_month[2]) if day_month[1] else (day_month[3], day_month[4])
            if _date(2024, int(m), int(d)):  # a leap year accepts 29/2
                return Schedule(Recurrence.YEARLY, period_day=int(d), period_month=int(m))
            return None
        return Schedule(Recurrence.YEARLY)
    return None


def _one_date(text: str) -> datetime.date | None:
    for pattern, order in ((_DATE, (3, 2, 1)), (_DATE_WORDS, (3, 2, 1)), (_ISO, (1, 2, 3))):
        found = pattern.search(text)
        if found:
            year, month, day = (int(found[i]) for i in order)
            return _date(year, month, day)
    found = _MONTH.search(text)
    if found:
        return _month_end(int(found[2]), int(found[1]))
    found = _QUARTER.search(text)
    if found:
        quarter = ROMAN.get(found[1]) or int(found[1])
        return _month_end(int(found[2]), 3 * quarter)
    found = _HALF.search(text)
    if found:
        return _month_end(int(found[2]), 6 if found[1] == "dau" else 12)
    found = _YEAR.match(text)
    if found:
        return datetime.date(int(found[1]), 12, 31)
    return None


def schedule_parse(text: str) -> Schedule | None:
    """The schedule a deadline cell states, or None when it states none we can read (the
    importer then asks the user). "Tháng 10/2026" is due on its last day, "Quý III/2026" on
    30 September, "Năm 2026" on 31 December."""
    folded = fold(text or "").strip(" .;:")
    if not folded:
        return None
    recurring = _recurring(folded)
    if recurring is not None:
        return recurring
    if len(_DATE.findall(folded)) > 1:
        return None  # a range or two dates: ask
    day = _one_date(folded)
    return Schedule(Recurrence.NONE, deadline_on=day) if day else None
