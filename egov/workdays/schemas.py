"""Shapes of the working-day API. They check the shape of the input; the selectors apply the
calendar rules."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field, field_validator

from egov.common.api_types import ZonedDatetime
from egov.workdays.selectors import FIRST_YEAR, LAST_YEAR

MAX_DAYS = Decimal(365)


def _check_year(value: datetime.date) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


class DeadlineQuery(Schema):
    start: datetime.datetime = Field(
        description="When the dossier was received (ISO 8601). Without an offset it is read "
        "as Vietnam time (Asia/Ho_Chi_Minh)."
    )
    days: Decimal = Field(
        gt=0, le=MAX_DAYS, multiple_of=Decimal("0.5"), description="Working days, in half days."
    )
    apply_cutoff: bool = Field(
        default=True, description="Count from the next working day when received after 15:00."
    )

    @field_validator("start", mode="before")
    @classmethod
    def start_is_iso(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            raise ValueError(_("Enter an ISO 8601 date and time, e.g. 2026-02-12T10:00."))
        return value

    @field_validator("start")
    @classmethod
    def start_is_aware(cls, value: datetime.datetime) -> datetime.datetime:
        _check_year(value)
        if timezone.is_naive(value):
            return timezone.make_aware(value, timezone.get_default_timezone())
        return value


class DeadlineOut(Schema):
    start: ZonedDatetime
    start_counted_at: ZonedDatetime
    days: Decimal
    due_at: ZonedDatetime
    calendar_version: str


class DayRangeQuery(Schema):
    from_: datetime.date = Field(alias="from", description="First day (YYYY-MM-DD).")
    to: datetime.date = Field(description="Last day (YYYY-MM-DD), at most 400 days after.")

    @field_validator("from_", "to")
    @classmethod
    def within_calendar(cls, value: datetime.date) -> datetime.date:
        _check_year(value)
        return value


class CalendarDayOut(Schema):
    date: datetime.date
    weekday: int = Field(description="ISO weekday: 1 = Monday ... 7 = Sunday.")
    kind: str = Field(description="day_off or makeup_working_day")
    name: str


class DayListOut(Schema):
    from_: datetime.date = Field(alias="from")
    to: datetime.date
    calendar_version: str
    days: list[CalendarDayOut]


class WorkingDayQuery(Schema):
    date: datetime.date = Field(description="The day asked about (YYYY-MM-DD).")

    @field_validator("date")
    @classmethod
    def within_calendar(cls, value: datetime.date) -> datetime.date:
        _check_year(value)
        return value


class WorkingDayOut(Schema):
    date: datetime.date
    weekday: int = Field(description="ISO weekday: 1 = Monday ... 7 = Sunday.")
    is_working_day: bool
    reason: str = Field(
        description="weekday, weekend, holiday (a public holiday, its compensatory day or "
        "another announced day off), swapped_day_off (a weekday off repaid by a make-up "
        "working day) or makeup_working_day (a weekend day that is worked)"
    )
    name: str = Field(description="The holiday's or the swap's name; empty otherwise.")
    swapped_with: datetime.date | None = Field(
        description="The other day of a swap: the make-up day of a swapped day off, or the "
        "day off a make-up day repays."
    )
    calendar_version: str


class WorkingDayCountQuery(Schema):
    from_: datetime.date = Field(alias="from", description="First day (YYYY-MM-DD), counted.")
    to: datetime.date = Field(
        description="Last day (YYYY-MM-DD), counted; not before `from`, at most ten years "
        "(3653 days) after."
    )

    @field_validator("from_", "to")
    @classmethod
    def within_calendar(cls, value: datetime.date) -> datetime.date:
        _check_year(value)
        return value


class WorkingDayCountOut(Schema):
    from_: datetime.date = Field(alias="from")
    to: datetime.date
    working_days: int
    calendar_version: str
