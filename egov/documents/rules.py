"""Pure rules of official documents: number and notation, number series and year, the order of
recipient statuses, search terms. No ORM.

Number and notation: Decree 30/2020/NĐ-CP art. 15 and Appendix I part I.3 (spec §2.2).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from egov.common.text import fold
from egov.common.transitions import Transition, TransitionTable
from egov.documents.choices import DocumentStatus, NumberSeries, RecipientStatus
from egov.documents.exceptions import WrongDocumentState

VN_TZ_NAME = "Asia/Ho_Chi_Minh"
# Notation groups: letters (Vietnamese capitals and the mixed-case abbreviations of Appendix III
# such as "QyĐ", "TTr"), digits and dots; hyphens separate groups, no spaces.
_GROUP = re.compile(r"^[0-9A-Za-zĐđ.]+$")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class NotationProblem:
    """Why a notation is refused: a stable code and the values for the message."""

    code: str
    params: dict[str, str]


def number_text(number: int) -> str:
    """The number as printed: below 10 zero-padded ("05"), otherwise as is ("1738")."""
    if number < 1:
        raise ValueError("Document numbers start at 1.")
    return f"{number:02d}"


def notation_build(
    *, type_abbreviation: str, unit_abbreviation: str, drafting_abbreviation: str = ""
) -> str:
    """The notation (ký hiệu) after the slash.

    A typed document: ``<TYPE>-<ISSUER>`` ("QĐ-UBND"). A công văn has no type abbreviation:
    ``<ISSUER>-<DRAFTING UNIT>`` ("UBND-TKBT"). Missing abbreviations are the caller's to
    refuse (:func:`notation_missing`)."""
    if type_abbreviation:
        return f"{type_abbreviation}-{unit_abbreviation}"
    return f"{unit_abbreviation}-{drafting_abbreviation}"


def notation_missing(
    *, is_letter: bool, unit_abbreviation: str, drafting_abbreviation: str, drafting_is_issuer: bool
) -> str | None:
    """Which abbreviation is missing to build the notation: ``"unit"``, ``"drafting_unit"``
    (a công văn names a drafting division other than the issuer), or ``None``."""
    if not unit_abbreviation:
        return "unit"
    if is_letter and (drafting_is_issuer or not drafting_abbreviation):
        return "drafting_unit"
    return None


def number_notation(number: int, notation: str) -> str:
    """ "1738/QĐ-UBND"."""
    return f"{number_text(number)}/{notation}"


def notation_problems(
    notation: str, *, type_abbreviation: str, unit_abbreviation: str
) -> list[NotationProblem]:
    """Why ``notation`` (the part after the slash) cannot be the notation of a document of this
    type issued by this unit: groups of letters and digits joined by hyphens, at least two;
    a typed document starts with its type's abbreviation; the issuer's group is the unit's
    abbreviation when it has one (after the type, or first for a công văn)."""
    groups = notation.split("-")
    if len(groups) < 2 or not all(_GROUP.match(g) for g in groups):
        return [NotationProblem("format", {"notation": notation})]
    problems = []
    if type_abbreviation and groups[0] != type_abbreviation:
        problems.append(
            NotationProblem("type", {"notation": notation, "abbreviation": type_abbreviation})
        )
    issuer = groups[1] if type_abbreviation else groups[0]
    if unit_abbreviation and issuer != unit_abbreviation:
        problems.append(
            NotationProblem("issuer", {"notation": notation, "abbreviation": unit_abbreviation})
        )
    return problems


def series_for(*, is_secret: bool, is_legal_normative: bool) -> str:
    """The register a document is numbered in: secret documents have their own series, legal
    normative documents theirs, everything else the general one (Decree 30/2020 art. 15)."""
    if is_secret:
        return NumberSeries.SECRET
    if is_legal_normative:
        return NumberSeries.LEGAL
    return NumberSeries.GENERAL


def register_year(moment: datetime.datetime, tz: datetime.tzinfo) -> tuple[datetime.date, int]:
    """The issue date and the register year of ``moment``: numbers run from 1 January to
    31 December in Vietnam time, so 23:30 UTC on 31 December is already next year."""
    if moment.tzinfo is None:
        raise ValueError("Issue moments must be timezone-aware.")
    day = moment.astimezone(tz).date()
    return day, day.year


def exchange_document_id(
    *, agency_code: str, issued_on: datetime.date, number_notation: str
) -> str:
    """QCVN 102 DocumentId: ``"<OrganId>,<yyyy/MM/dd>,<số/ký hiệu>"``."""
    return f"{agency_code},{issued_on:%Y/%m/%d},{number_notation}"


# Where a document stands at a recipient, in the order it moves; REJECTED may come at any time.
RECIPIENT_ORDER = {
    RecipientStatus.PENDING: 0,
    RecipientStatus.FAILED: 1,
    RecipientStatus.SENT: 2,
    RecipientStatus.ARRIVED: 3,
    RecipientStatus.REGISTERED: 4,
    RecipientStatus.ASSIGNED: 5,
    RecipientStatus.IN_PROGRESS: 6,
    RecipientStatus.COMPLETED: 7,
    RecipientStatus.WITHDRAWN: 8,
}


def recipient_status_moves(current: str, new: str) -> bool:
    """True when a recipient's status may change from ``current`` to ``new``: forward only,
    except a rejection (QCVN 102 code 02), which ends it from any status but completion,
    rejection or withdrawal. The same status again is not a move (messages are idempotent)."""
    if current == new:
        return False
    if new == RecipientStatus.REJECTED:
        return current not in (
            RecipientStatus.COMPLETED,
            RecipientStatus.REJECTED,
            RecipientStatus.WITHDRAWN,
        )
    if current == RecipientStatus.REJECTED:
        return False
    return RECIPIENT_ORDER[RecipientStatus(new)] > RECIPIENT_ORDER[RecipientStatus(current)]


def search_fold(text: str) -> str:
    """Text as stored and searched: :func:`fold` (no accents, đ → d, lower case, NFC = NFD),
    then every run of punctuation as one space, so "1738/QĐ-UBND" is "1738 qd ubnd"."""
    return _NON_WORD.sub(" ", fold(text)).strip()


def search_terms(query: str, *, limit: int = 12) -> list[str]:
    """The distinct folded words of a query, in order, at most ``limit``."""
    terms: list[str] = []
    for word in search_fold(query).split():
        if word not in terms:
            terms.append(word)
    return terms[:limit]


def search_words(query: str, *, limit: int = 12) -> tuple[list[str], str]:
    """The folded words of a query as the search matches them: the distinct words typed before
    the last one, each a whole word of the document, and the last one typed, which may still be
    incomplete, a word prefix ("" when it repeats an earlier word: a whole word is a prefix too).
    At most ``limit`` words in all."""
    words = search_fold(query).split()
    if not words:
        return [], ""
    *typed, last = words
    exact: list[str] = []
    for word in typed:
        if word not in exact:
            exact.append(word)
    exact = exact[: limit - 1]
    return exact, "" if last in exact else last


def tsquery_words(exact: list[str], prefix: str) -> str:
    """A PostgreSQL ``to_tsquery`` text requiring every ``exact`` word and a word beginning with
    ``prefix``. Words come from :func:`search_words`, so they are only ``[0-9a-z]``: nothing to
    escape."""
    return " & ".join([*exact, f"{prefix}:*"] if prefix else exact)


_S = DocumentStatus
HANDLING = (_S.ASSIGNED, _S.IN_PROGRESS)

# What may happen to a document in each status (Decree 30/2020/NĐ-CP; QCVN 102:2016/BTTTT for
# the statuses of incoming documents). The services check it; the document page offers only
# what it allows. ``target=None``: the status stays.
DOCUMENT_TRANSITIONS = TransitionTable(
    # outgoing: draft → in review → approved → issued
    Transition("edit", [_S.DRAFT, _S.IN_REVIEW]),
    Transition("submit", [_S.DRAFT], _S.IN_REVIEW),
    Transition("approve", [_S.IN_REVIEW], _S.APPROVED),
    Transition("return_draft", [_S.IN_REVIEW, _S.APPROVED], _S.DRAFT),
    Transition("sign_issue", [_S.APPROVED], _S.ISSUED),
    Transition("send", [_S.ISSUED]),
    Transition("recall", [_S.ISSUED], _S.RECALLED),
    # incoming: registered → assigned → in progress → completed, or returned to the sender
    Transition("accept", [_S.REGISTERED]),
    Transition("return", [_S.REGISTERED], _S.RETURNED),
    Transition("assign", [_S.REGISTERED], _S.ASSIGNED),
    Transition("progress", HANDLING, _S.IN_PROGRESS),
    Transition("complete", HANDLING, _S.COMPLETED),
    label=lambda status: str(DocumentStatus(status).label).lower(),
    message=_("This is not possible while the document is %(status)s."),
    error=WrongDocumentState,
)
