"""Pure rules of the exchange: value mappings between documents and edXML, retry timing,
peer tokens. No ORM here."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable

from egov.common.text import fold
from egov.documents.choices import RecipientStatus, Urgency

# OtherInfo.Priority (QCVN 102): 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ
# (meanings [U] in shared/domain §3.2, the order of Decree 30/2020 Appendix I marks).
PRIORITY_OF_URGENCY = {
    Urgency.NORMAL: 0,
    Urgency.URGENT: 1,
    Urgency.VERY_URGENT: 2,
    Urgency.EXPRESS: 3,
    Urgency.EXPRESS_TIMED: 4,
}
URGENCY_OF_PRIORITY = {value: key for key, value in PRIORITY_OF_URGENCY.items()}

# QCVN 102 status codes that move a sent document's recipient (§3.3); the others (13 withdrawn
# by the sender, 15/16 answers to a change request) do not describe a recipient's progress.
RECIPIENT_STATUS_CODES = frozenset(
    {
        RecipientStatus.ARRIVED,
        RecipientStatus.REJECTED,
        RecipientStatus.REGISTERED,
        RecipientStatus.ASSIGNED,
        RecipientStatus.IN_PROGRESS,
        RecipientStatus.COMPLETED,
    }
)

# DocumentType/Type values that are also the validator's classes (see document_type_match).
AMBIGUOUS_TYPE_NUMBERS = frozenset({1, 2})

MAX_RETRY_DELAY = datetime.timedelta(hours=6)
CREDENTIAL_SCHEME = "egovx"


def priority_of(urgency: str) -> int:
    return PRIORITY_OF_URGENCY.get(urgency, 0)


def urgency_of(priority: int) -> str:
    return URGENCY_OF_PRIORITY.get(priority, Urgency.NORMAL)


def document_type_number(*, is_legal_normative: bool) -> int:
    """DocumentType.Type: only 1 and 2 pass the validator; 1 is read as a legal normative
    document (văn bản quy phạm pháp luật), 2 as an administrative one [U, §3.2]."""
    return 1 if is_legal_normative else 2


def steering_type(*, assigns_tasks: bool) -> int:
    """SteeringType [U]: 1 not a steering document, 2 a steering one (it assigns tasks)."""
    return 2 if assigns_tasks else 1


def document_type_match(
    type_name: str,
    type_number: int | None,
    notation: str,
    types: Iterable[tuple[int, str, str, int | None]],
) -> int | None:
    """The id of the local document type for a received package: the one whose name is the
    TypeName (accent-insensitive); else the one whose Decree 30 number is DocumentType/Type
    (18 = công văn); else the one whose abbreviation starts the notation ("QĐ-UBND" → QĐ); else
    the công văn type (no abbreviation). Type 1 and 2 are also the two classes the public
    validator allows (legal normative / administrative, spec §3.2), so they are not read as
    Nghị quyết / Quyết định. ``types`` gives (id, name, abbreviation, Decree 30 number)."""
    rows = list(types)
    wanted = fold(type_name)
    for pk, name, _abbreviation, _number in rows:
        if fold(name) == wanted:
            return pk
    if type_number is not None and type_number not in AMBIGUOUS_TYPE_NUMBERS:
        for pk, _name, _abbreviation, number in rows:
            if number == type_number:
                return pk
    head = notation.split("-", 1)[0].strip()
    for pk, _name, abbreviation, _number in rows:
        if abbreviation and abbreviation == head:
            return pk
    return next((pk for pk, _name, abbreviation, _number in rows if not abbreviation), None)


def names_the_unit(given_name: str, unit_name: str, unit_short_name: str = "") -> bool:
    """Whether the recipient name of a package (``To/OrganName``) is the name of the unit its
    code designates (accent- and case-insensitive; an empty name says nothing)."""
    given = fold(given_name)
    return not given or given in {fold(unit_name), fold(unit_short_name)}


def retry_delay(attempts: int, *, base_seconds: int) -> datetime.timedelta:
    """Exponential backoff after ``attempts`` failed attempts: base, 2×base, 4×base …, at most
    six hours."""
    delay = datetime.timedelta(seconds=base_seconds * 2 ** max(attempts - 1, 0))
    return min(delay, MAX_RETRY_DELAY)


def is_retryable(status_code: int | None) -> bool:
    """Network errors (None), timeouts, throttling and server errors are worth another try;
    any other refusal (4xx) will not change by resending the same package."""
    return status_code is None or status_code in (408, 425, 429) or status_code >= 500


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_prefix_of(raw: str) -> str | None:
    """The lookup prefix of ``egovx_<prefix>_<secret>``, or None for another shape."""
    parts = raw.split("_")
    if len(parts) < 3 or parts[0] != CREDENTIAL_SCHEME or not parts[1]:
        return None
    return parts[1]
