"""Pure rules of the weekly press release (thông cáo báo chí): the default period, the
title, the number and the text drafted from each directive. No ORM.

The release is printed in the official layout of :mod:`egov.documents.render` (Decree
30/2020/NĐ-CP on administrative documents, Appendix I).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from egov.common.periods import PeriodKind, period_start
from egov.common.transitions import Transition, TransitionTable
from egov.directives.choices import ReleaseStatus
from egov.directives.exceptions import ReleasePublished
from egov.orgs.levels import ADMINISTRATIVE_KINDS
from egov.workdays.rules import CalendarRangeError, WorkCalendar, is_working_day

# A release is edited, numbered and published while it is a draft; once published it is kept.
RELEASE_TRANSITIONS = TransitionTable(
    Transition("edit", [ReleaseStatus.DRAFT]),
    Transition("number", [ReleaseStatus.DRAFT]),
    Transition("publish", [ReleaseStatus.DRAFT], ReleaseStatus.PUBLISHED),
    label=lambda status: str(ReleaseStatus(status).label),
    message=gettext_lazy("A published press release can no longer be changed."),
    error=ReleasePublished,
)

# Words of the official format (data of the legal layout, not interface text); the national
# title, the motto and the layout itself are those of ``egov.documents.render``.
HEADING = "THÔNG CÁO BÁO CHÍ"
TITLE = (
    "Thông cáo báo chí về một số kết quả chỉ đạo, điều hành nổi bật của {committee} "
    "từ ngày {start} đến ngày {end}"
)
CITY_COMMITTEE = "UBND Thành phố"
NOTATION = "TCBC"
DEFAULT_RECIPIENTS = "\n".join(
    [
        "- Thường trực Thành ủy;",
        "- Thường trực HĐND Thành phố;",
        "- Chủ tịch, các PCT UBND Thành phố;",
        "- Các cơ quan báo chí;",
        "- Cổng Giao tiếp điện tử Thành phố;",
        "- Lưu: VT.",
    ]
)
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date


def _working(calendar: WorkCalendar, day: datetime.date) -> bool:
    try:
        return is_working_day(calendar, day)
    except CalendarRangeError:
        return day.weekday() < 5


def past_working_week(calendar: WorkCalendar, today: datetime.date) -> Period:
    """The working days of the latest week (Monday to Sunday) whose working days are all
    before ``today``: on Saturday, the week just worked; on Monday to Friday, the week before.
    A make-up Saturday counts, holidays do not; a week entirely off (Tết) is skipped for the
    week before it."""
    monday = period_start(PeriodKind.WEEK, today)
    week = [monday + datetime.timedelta(days=n) for n in range(7)]
    if any(_working(calendar, day) and day >= today for day in week):
        week = [day - datetime.timedelta(days=7) for day in week]
    for _weeks_back in range(4):
        worked = [day for day in week if _working(calendar, day)]
        if worked:
            return Period(worked[0], worked[-1])
        week = [day - datetime.timedelta(days=7) for day in week]
    return Period(week[0], week[4])


def short_date(day: datetime.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def committee_name(*, name: str, kind: str) -> str:
    """How a release names its People's Committee: "UBND Thành phố" for the city (Hà Nội's
    usage), "UBND Quận Ba Đình" for another."""
    if kind == "province" and name.startswith("Thành phố"):
        return CITY_COMMITTEE
    return f"UBND {name}"


def release_title(period: Period, committee: str = CITY_COMMITTEE) -> str:
    return TITLE.format(
        committee=committee, start=short_date(period.start), end=short_date(period.end)
    )


def title_parts(title: str) -> tuple[str, str]:
    """The heading (THÔNG CÁO BÁO CHÍ) and the line below it (``Về ...``) of a title."""
    prefix = "thông cáo báo chí"
    if title.casefold().startswith(prefix):
        rest = title[len(prefix) :].strip()
        return HEADING, rest[:1].upper() + rest[1:]
    return HEADING, title


def issuer_abbreviation(*, kind: str, short_name: str) -> str:
    """A People's Committee signs as UBND; another body with its short name."""
    if kind in ADMINISTRATIVE_KINDS:
        return "UBND"
    return short_name or "UBND"


def notation(abbreviation: str) -> str:
    """``TCBC-UBND``: kind of document - issuing body (Decree 30/2020 art. 8)."""
    return f"{NOTATION}-{abbreviation}"


def number_notation(number: int | None, abbreviation: str) -> str:
    """``12/TCBC-UBND``: number / kind of document - issuing body (Decree 30/2020 art. 8);
    without a number yet, the blank left for it (``   /TCBC-UBND``)."""
    shown = str(number) if number else "\u00a0" * 6
    return f"{shown}/{notation(abbreviation)}"


# How a release names every unit of a kind (the collective assignments of
# ``egov.directives.importing.units``), and the folded name words of district and commune
# units as they are written.
COLLECTIVE_PHRASES = {
    "departments": "Các sở, ban, ngành",
    "divisions": "Các phòng, ban",
    "districts": "UBND các {words}",
    "communes": "UBND các {words}",
}
COLLECTIVE_WORDS = {
    "districts": (("quan", "quận"), ("huyen", "huyện"), ("thi xa", "thị xã")),
    "communes": (("xa", "xã"), ("phuong", "phường"), ("thi tran", "thị trấn")),
}


def collective_phrase(code: str, words: Sequence[str] = ()) -> str:
    """``UBND các quận, huyện, thị xã`` for every district-level unit; ``UBND các quận`` when
    ``words`` (folded name words, as in :class:`~egov.directives.importing.Collective`) names
    only the quận."""
    spelled = [shown for folded, shown in COLLECTIVE_WORDS.get(code, ()) if folded in words]
    if not spelled:
        spelled = [shown for _folded, shown in COLLECTIVE_WORDS.get(code, ())]
    return COLLECTIVE_PHRASES[code].format(words=", ".join(spelled))


def name_words(code: str, folded_names: Sequence[str]) -> tuple[str, ...]:
    """The name words (quan, huyen, thi xa...) the folded unit names start with."""
    words = {
        folded
        for name in folded_names
        for folded, _shown in COLLECTIVE_WORDS.get(code, ())
        if name.startswith(folded + " ")
    }
    return tuple(sorted(words))


def target_text(expected_result: str) -> str:
    """The targets of a task as the release quotes them: the expected result when it states a
    figure ("100 % xã đạt chuẩn nông thôn mới; tổng đàn lợn 1,8 triệu con"), else nothing."""
    text = " ".join(expected_result.split()).rstrip(".;")
    return text if any(char.isdigit() for char in text) else ""


COVER_SUBJECT = "V/v gửi Thông cáo báo chí số {number}"
COVER_BODY = (
    "{committee} gửi kèm theo Công văn này Thông cáo báo chí số {number} ngày {date} "
    "{about}. Đề nghị các cơ quan, đơn vị theo chức năng, nhiệm vụ đăng tải, thông tin "
    "rộng rãi đến Nhân dân."
)


def cover_letter_text(
    *, committee: str, number_notation: str, issued_on: datetime.date, about: str
) -> tuple[str, str]:
    """The summary ("V/v ...") and the body of the cover letter a release is sent with."""
    number = number_notation
    subject = COVER_SUBJECT.format(number=number)
    body = COVER_BODY.format(
        committee=committee,
        number=number,
        date=short_date(issued_on),
        about=_lower_first(about.strip().rstrip(".")),
    )
    return subject, body


@dataclass(frozen=True)
class Assignment:
    """One task of a directive as the release words it."""

    lead: str
    cooperating: Sequence[str]
    content: str
    deadline_on: datetime.date | None
    targets: str = ""


@dataclass(frozen=True)
class DirectiveFacts:
    """What the release says of one directive."""

    document_id: int
    type_name: str
    number_notation: str
    issued_on: datetime.date
    subject: str
    assignments: Sequence[Assignment]
    headline: str = ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".;")
    return text[:1].upper() + text[1:]


def assignment_text(assignment: Assignment) -> str:
    """``Sở Y tế chủ trì, phối hợp với UBND các quận: <task>; chỉ tiêu: <targets> (thời hạn:
    30/06/2026).``"""
    lead = f"{assignment.lead} chủ trì"
    if assignment.cooperating:
        lead += ", phối hợp với " + ", ".join(assignment.cooperating)
    text = f"{lead}: {_lower_first(assignment.content.strip().rstrip('.;'))}"
    if assignment.targets:
        text += f"; chỉ tiêu: {_lower_first(assignment.targets)}"
    if assignment.deadline_on:
        text += f" (thời hạn: {short_date(assignment.deadline_on)})"
    return text + "."


def release_item(facts: DirectiveFacts, committee: str = CITY_COMMITTEE) -> dict[str, object]:
    """The headline (the directive's own, else its summary), paragraph and numbered
    assignments drafted from one directive, to be edited by the office before publishing."""
    subject = facts.subject.strip().rstrip(".")
    about = subject
    for prefix in (f"{facts.type_name} ", "về ", "v/v "):
        if about.casefold().startswith(prefix.casefold()):
            about = about[len(prefix) :]
    paragraph = (
        f"Ngày {short_date(facts.issued_on)}, {committee} ban hành "
        f"{facts.type_name} số {facts.number_notation} về {_lower_first(about)}."
    )
    return {
        "document_id": facts.document_id,
        "headline": _sentence(facts.headline or subject),
        "paragraph": paragraph,
        "assignments": [assignment_text(a) for a in facts.assignments],
    }
