"""Reading the deadline of a task table: a date, a month, a quarter or a year, or a
recurrence ("Thường xuyên", "Hằng tháng", "Hằng quý", "Trước ngày 31/10 hằng năm"), from the
deadline cell or, as real tables often write it, inside the task or result cell
("Hoàn thành trước 15/6/2021", "trong quý III/2021")."""

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


# Where a deadline phrase may begin inside a task or result cell: at the start of the cell, of
# a line, of a sentence or clause, or of a bracket; and the words it begins with.
_CLAUSE_START = re.compile(r"(?:^|\n|[.;,(]\s)\s*|\(")
_CLAUSE_END = re.compile(r"\n|;|\)|\.\s|\.$")
_LEAD_WORDS = (
    "hoan thanh",
    "truoc",
    "trong",
    "thoi han",
    "han",
    "thuong xuyen",
    "lien tuc",
    "hang ",
    "moi ",
    "dinh ky",
    "quy ",
    "thang ",
    "nam ",
    "cuoi ",
    "xong",
)
# Inside a clause, only words that always start a deadline ("Báo cáo trước ngày 15/12").
_INNER_START = re.compile(
    r"\s(?=(?:hoan thanh truoc|truoc ngay|trong quy|trong thang|hang thang|hang quy|hang nam)\b)"
)


@dataclass(frozen=True)
class FoundSchedule:
    """A deadline phrase found inside a cell: what it says, the phrase as written and the
    cell's text without it."""

    schedule: Schedule
    phrase: str
    rest: str


def _clean(text: str) -> str:
    lines = [" ".join(line.split()).strip(" ,;:-") for line in text.split("\n")]
    cleaned = "\n".join(line for line in lines if line)
    return cleaned.replace("()", "").replace(" .", ".").strip(" ,;:")


def _starts(text: str) -> list[int]:
    """Positions where a deadline phrase may begin in ``text``."""
    starts = {m.end() for m in _CLAUSE_START.finditer(text)}
    folded = fold(text)
    if len(folded) == len(text):  # fold keeps positions for NFC Vietnamese text
        starts |= {m.end() for m in _INNER_START.finditer(folded)}
    return sorted(starts)


def schedule_find(text: str) -> FoundSchedule | None:
    """The first deadline or recurrence phrase written inside a task or result cell, with the
    cell's text without it; None when the cell states none."""
    text = (text or "").strip()
    if not text:
        return None
    for start in _starts(text):
        end_match = _CLAUSE_END.search(text, start)
        end = end_match.start() if end_match else len(text)
        phrase = text[start:end].strip(" ,")
        folded = fold(phrase)
        if not phrase or not folded.startswith(_LEAD_WORDS):
            continue
        schedule = schedule_parse(phrase)
        if schedule is None:
            continue
        close = end + 1 if end < len(text) and text[end] == ")" else end
        opening = start - 1 if start and text[start - 1] == "(" else start
        return FoundSchedule(schedule, phrase, _clean(text[:opening] + text[close:]))
    return None
