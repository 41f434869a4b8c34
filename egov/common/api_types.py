"""Field types of the JSON API's answers that always carry their time zone.

OpenAPI's ``date-time`` and ``time`` formats (RFC 3339) require an offset. A moment is answered in
the platform's time zone (``TIME_ZONE``, +07:00): ``2025-01-24T10:00:00+07:00``; a time of day
(a same-day cut-off) as that zone's wall-clock time with its offset: ``17:00:00+07:00``. A naive
value (never stored with ``USE_TZ``) is read as the platform's time zone.

No `from __future__ import annotations` here: pydantic reads the annotations at import.
"""

import datetime
from typing import Annotated

from django.utils import timezone
from pydantic import PlainSerializer, WithJsonSchema


def _zoned_datetime(value: datetime.datetime) -> str:
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).isoformat()


def _zoned_time(value: datetime.time) -> str:
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.isoformat()
    offset = timezone.localtime().strftime("%z")  # +0700
    return f"{value.isoformat()}{offset[:3]}:{offset[3:]}"


ZonedDatetime = Annotated[
    datetime.datetime,
    PlainSerializer(_zoned_datetime, return_type=str, when_used="always"),
    WithJsonSchema({"type": "string", "format": "date-time"}, mode="serialization"),
]
ZonedTime = Annotated[
    datetime.time,
    PlainSerializer(_zoned_time, return_type=str, when_used="always"),
    WithJsonSchema({"type": "string", "format": "time"}, mode="serialization"),
]
