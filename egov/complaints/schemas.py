"""Schemas of the complaints API (no identity of anyone in an answer).

No `from __future__ import annotations` here: django-ninja reads the annotations at import."""

import datetime

from ninja import Field, Schema

from egov.common.api_types import ZonedDatetime
from egov.complaints.choices import Channel, Outcome, PetitionKind, PetitionStatus, Verdict


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


class CaseFilter(Schema):
    """Filters of the case list: a unit within reach (with the units below it), the state,
    the kind, the day of receipt and whether the running time limit has passed."""

    unit: int | None = None
    status: PetitionStatus | None = None
    kind: PetitionKind | None = None
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None
    overdue: bool | None = None


class CaseOut(Schema):
    """A case as another system of the inspectorate reads it: its number, unit, class,
    state and time limits; never a person (``identity_protected`` says a denouncer is kept
    confidential) nor the content, which may name one."""

    id: int
    number: str
    unit_id: int
    unit_name: str
    channel: Channel
    received_at: ZonedDatetime
    kind: PetitionKind | None
    status: PetitionStatus
    status_label: str
    outcome: Outcome | None
    instance: int
    is_anonymous: bool
    identity_protected: bool
    is_complex: bool
    is_remote: bool
    acceptance_due_on: datetime.date | None
    accepted_on: datetime.date | None
    settlement_due_on: datetime.date | None
    extensions: int
    overdue_since: datetime.date | None
    settled_on: datetime.date | None
    settled_on_time: bool | None
    verdict: Verdict | None
    decision_document_id: int | None
    published: bool
    duplicate_of_id: int | None
    first_instance_id: int | None
    version: int


class CaseStepOut(Schema):
    name: str
    on: datetime.date


class CaseDetailOut(CaseOut):
    """A case with its recorded steps (their kind and day; the record itself may name a
    person and stays on the page) and whether it is on the five-step plan."""

    steps: list[CaseStepOut]
    crowded_case_id: int | None


class FigureOut(Schema):
    code: str
    label: str
    description: str
    value: int


class FiguresOut(Schema):
    """The complaints figures of a unit and every unit below it over a period."""

    unit_id: int
    unit_name: str
    first: datetime.date
    last: datetime.date
    figures: list[FigureOut]


class FiguresQuery(Schema):
    """A unit within reach (default: the highest the caller acts for) and the period, both
    days included (default: this year up to today)."""

    unit: int | None = None
    first: datetime.date | None = None
    last: datetime.date | None = None
