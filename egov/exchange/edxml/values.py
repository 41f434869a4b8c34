"""Reading and writing the values of edXML fields: agency codes, dates, timestamps, DocumentId.

Strict in what we write (``yyyy/MM/dd``, ``yyyy/MM/dd HH:mm:ss`` in Vietnamese time), tolerant
in what we read: public implementations write ``dd/MM/yyyy`` as well, some add a time to a date
and some write ISO 8601 (shared/domain/vn-egov-spec.md §3.2). Anything else is refused.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

from egov.exchange.edxml.constants import DATE_FORMAT, TIMESTAMP_FORMAT

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

# QCVN 102 13-character form V1V2V3.Z1Z2.Y1Y2.MX1X2: level-1 code M (A–Y) + two digits on the
# right, then level 2, 3, 4 going left; groups use [0-9A-Z] (Decision 20/2020/QĐ-TTg art. 4).
AGENCY_CODE = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Y][0-9]{2}$")
_DATE = re.compile(r"^(\d{1,4})[/-](\d{1,2})[/-](\d{1,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_STAMP = re.compile(
    r"^(\d{1,4})[/-](\d{1,2})[/-](\d{1,4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"(Z|[+-]\d{2}:?\d{2})?$"
)


def is_agency_code(value: str) -> bool:
    """True for an identifier code in the QCVN 102 13-character form, e.g. 000.00.00.G22."""
    return bool(AGENCY_CODE.match(value))


def _ymd(first: str, month: str, last: str) -> datetime.date:
    if len(first) == 4:
        return datetime.date(int(first), int(month), int(last))
    if len(last) == 4:
        return datetime.date(int(last), int(month), int(first))
    raise ValueError(first)


def date_parse(value: str) -> datetime.date:
    """``yyyy/MM/dd`` or ``dd/MM/yyyy`` (``-`` also allowed), optionally followed by a time
    that is ignored. Raises ``ValueError`` for anything else or an impossible day."""
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(value)
    return _ymd(*match.groups())


def timestamp_parse(value: str) -> datetime.datetime:
    """A moment: the date forms of :func:`date_parse` plus ``HH:mm[:ss]``, optionally with a
    UTC offset; without one it is Vietnamese local time. Returns an aware datetime."""
    match = _STAMP.match(value.strip())
    if not match:
        raise ValueError(value)
    first, month, last, hour, minute, second, zone = match.groups()
    day = _ymd(first, month, last)
    return datetime.datetime(
        day.year, day.month, day.day, int(hour), int(minute), int(second or 0), tzinfo=_zone(zone)
    )


def _zone(zone: str | None) -> datetime.tzinfo:
    if not zone:
        return VIETNAM
    if zone == "Z":
        return datetime.UTC
    sign = 1 if zone[0] == "+" else -1
    digits = zone[1:].replace(":", "")
    return datetime.timezone(
        sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    )


def date_format(value: datetime.date) -> str:
    return value.strftime(DATE_FORMAT)


def timestamp_format(value: datetime.datetime) -> str:
    """Vietnamese local time, ``yyyy/MM/dd HH:mm:ss`` (what the SDKs write)."""
    return value.astimezone(VIETNAM).strftime(TIMESTAMP_FORMAT)


def document_id_compose(
    organ_id: str, promulgation_date: datetime.date, number_notation: str
) -> str:
    """QCVN 102 DocumentId: ``<OrganId>,<yyyy/MM/dd>,<số/ký hiệu>``,
    e.g. ``000.00.00.G22,2018/09/20,7816/VPCP-TTĐT``."""
    return f"{organ_id},{date_format(promulgation_date)},{number_notation}"


def document_id_split(value: str) -> tuple[str, datetime.date, str]:
    """The parts of a DocumentId; ``ValueError`` when it does not have that shape."""
    parts = value.split(",", 2)
    if len(parts) != 3 or not parts[2].strip():
        raise ValueError(value)
    organ_id, day, number_notation = (part.strip() for part in parts)
    if not is_agency_code(organ_id):
        raise ValueError(value)
    return organ_id, date_parse(day), number_notation
