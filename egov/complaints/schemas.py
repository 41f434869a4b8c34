"""Schemas of the complaints API (no identity of anyone in an answer).

No `from __future__ import annotations` here: django-ninja reads the annotations at import."""

import datetime

from ninja import Field, Schema

from egov.common.api_types import ZonedDatetime


class MyPetitionOut(Schema):
    id: int
    number: str
    unit_name: str = Field(..., alias="unit.name")
    subject: str
    channel: str
    received_at: ZonedDatetime
    status: str
    status_label: str = Field(..., alias="get_status_display")
    outcome: str
    tracking_code: str
    settlement_due_on: datetime.date | None
    settled_on: datetime.date | None
    verdict: str


class PetitionSubmitIn(Schema):
    unit_id: int
    subject: str = Field(..., min_length=1, max_length=300)
    content: str = Field(..., min_length=1, max_length=20000)
    address: str = Field("", max_length=300)
    contested_on: datetime.date | None = None


class PetitionTrackOut(Schema):
    """The public state of a petition: no person, no content."""

    number: str
    unit_name: str
    received_on: datetime.date
    kind_label: str
    status: str
    status_label: str
    outcome_label: str
    competent_body: str
    due_on: datetime.date | None
    due_label: str
    is_overdue: bool
    settled_on: datetime.date | None
    verdict_label: str
