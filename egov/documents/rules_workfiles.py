"""Pure rules of work files (Decree 30/2020/NĐ-CP arts. 28–31, Appendix VI): the file code, the
states of file lists and work files, "handled online", and the plans' targets. No ORM."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from egov.common.transitions import Transition, TransitionTable
from egov.documents.choices import (
    Channel,
    Direction,
    Disposal,
    DocumentStatus,
    FileListStatus,
    WorkFileStatus,
)
from egov.documents.exceptions import WrongDocumentState

FILE_NOTATION = re.compile(r"^[0-9A-Za-zĐđ.\-]{1,20}$")
# Documents still being drafted: a file holding one cannot be closed.
UNSIGNED = (DocumentStatus.DRAFT, DocumentStatus.IN_REVIEW, DocumentStatus.APPROVED)
ELECTRONIC = (Channel.PLATFORM, Channel.EDXML)

FILE_LIST_TRANSITIONS = TransitionTable(
    Transition("add_entry", [FileListStatus.DRAFT]),
    Transition("approve", [FileListStatus.DRAFT], FileListStatus.APPROVED),
    Transition("open_from", [FileListStatus.APPROVED]),
    label=lambda status: str(FileListStatus(status).label).lower(),
    message=_("This is not possible while the file list is %(status)s."),
    error=WrongDocumentState,
)

WORK_FILE_TRANSITIONS = TransitionTable(
    Transition("file", [WorkFileStatus.OPEN]),
    Transition("close", [WorkFileStatus.OPEN], WorkFileStatus.CLOSED),
    Transition(
        "hand_over",
        [WorkFileStatus.CLOSED],
        WorkFileStatus.ARCHIVED,
        message=_("Only a closed file can be handed to the archive; this one is %(status)s."),
    ),
    Transition("export", [WorkFileStatus.CLOSED, WorkFileStatus.ARCHIVED]),
    label=lambda status: str(WorkFileStatus(status).label).lower(),
    message=_("This is not possible while the work file is %(status)s."),
    error=WrongDocumentState,
)


DISPOSAL_TRANSITIONS = TransitionTable(
    Transition("mark_historical", [Disposal.NONE], Disposal.HISTORICAL),
    Transition("propose_destruction", [Disposal.NONE], Disposal.PROPOSED),
    Transition("destroy", [Disposal.PROPOSED], Disposal.DESTROYED),
    Transition("keep", [Disposal.PROPOSED], Disposal.NONE),
    label=lambda state: str(Disposal(state).label).lower(),
    message=_("This is not possible while the file is %(status)s."),
    error=WrongDocumentState,
)


def retention_ends(end_date: datetime.date, retention_years: int | None) -> datetime.date | None:
    """The day a file's retention ends (None: kept permanently), counted from its end date."""
    if retention_years is None:
        return None
    try:
        return end_date.replace(year=end_date.year + retention_years)
    except ValueError:  # 29 February
        return end_date.replace(year=end_date.year + retention_years, day=28)


# Closed files go to the agency archive within a year of closing (Decree 30/2020 art. 31 with
# the Law on Archives art. 11); the unit is told this many days before that.
HANDOVER_WITHIN_YEARS = 1
ARCHIVE_NOTICE_DAYS = 30


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def handover_due(closed_on: datetime.date) -> datetime.date:
    """The last day to hand a file closed on ``closed_on`` to the agency archive."""
    return _years_later(closed_on, HANDOVER_WITHIN_YEARS)


def archive_notice_cutoff(today: datetime.date) -> datetime.date:
    """Files closed on or before this day are due for the archive within the notice period
    (their handover is due on or before ``today`` + ``ARCHIVE_NOTICE_DAYS``)."""
    horizon = today + datetime.timedelta(days=ARCHIVE_NOTICE_DAYS)
    cutoff = _years_later(horizon, -HANDOVER_WITHIN_YEARS)
    # a file closed on 29 February is due on 28 February of the next year
    if (horizon.month, horizon.day) == (2, 28) and cutoff.year % 4 == 0:
        try:
            return cutoff.replace(day=29)
        except ValueError:
            return cutoff
    return cutoff


def file_code(agency_code: str, year: int, notation: str) -> str:
    """FileCode = OrganId + FileCatalog (the year) + FileNotation (Appendix VI), joined by dots:
    "000.00.01.H26.2026.VP-01"; a unit without an identifier code uses its id instead."""
    return f"{agency_code}.{year}.{notation}"


def notation_valid(notation: str) -> bool:
    return bool(FILE_NOTATION.match(notation))


@dataclass(frozen=True)
class FiledFacts:
    """What "handled online" looks at in one filed document."""

    direction: str
    status: str
    signed_here: bool  # signed with the platform's key (it has a signer account)
    channel: str  # how an incoming document arrived
    paper_recipients: int  # recipients reached on paper


def document_online(facts: FiledFacts) -> bool:
    """A document was handled online when it was created, signed and exchanged in the
    platform: an outgoing one signed here and sent to no one on paper; an incoming one received
    inside the platform or by electronic exchange, not registered from paper or a scan."""
    if facts.direction == Direction.OUTGOING:
        return facts.signed_here and facts.paper_recipients == 0
    return facts.channel in ELECTRONIC


def file_online(documents: list[FiledFacts]) -> bool:
    """A work file is handled online when it holds documents and every one was."""
    return bool(documents) and all(document_online(f) for f in documents)


# The plans' targets of work files handled online, by level (percent): from 2025 the higher.
TARGETS = {"province": (80, 90), "district": (80, 90), "commune": (30, 60)}


def online_target(level: str | None, year: int) -> int | None:
    pair = TARGETS.get(level or "")
    if pair is None:
        return None
    return pair[1] if year >= 2025 else pair[0]
