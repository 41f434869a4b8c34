"""Schemas of the task API."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Field, Schema

from egov.common.api_types import ZonedDatetime
from egov.directives.choices import ProgressStatus, TaskState


class TaskOut(Schema):
    id: int
    content: str
    document_id: int
    document_number_notation: str
    lead_unit_id: int
    lead_unit_name: str
    expected_result: str
    target_value: Decimal | None
    target_unit: str
    recurrence: str
    deadline_on: datetime.date | None
    original_deadline_on: datetime.date | None
    extension_count: int
    percent_done: int
    done_on: datetime.date | None
    state: TaskState
    version: int


class TaskFilter(Schema):
    q: str = ""
    state: TaskState | None = None
    role: str = Field("", pattern=r"^(lead|office)?$")


class ReportIn(Schema):
    """A report on a task (JSON body)."""

    progress: ProgressStatus
    percent: int = Field(ge=0, le=100)
    done_text: str = Field(min_length=1, max_length=10000)
    actual_value: Decimal | None = Field(None, ge=0, max_digits=20, decimal_places=4)
    unit_id: int | None = None
    expected_version: int | None = None


class ReportOut(Schema):
    id: int
    task_id: int
    unit_id: int
    period_start: datetime.date
    period_end: datetime.date
    due_on: datetime.date
    status: str
    progress: str
    percent: int
    done_text: str
    actual_value: Decimal | None
    submitted_at: ZonedDatetime | None
    version: int


class VersionIn(Schema):
    """The version of the report as the caller last saw it."""

    expected_version: int = Field(ge=1)


class NewOutsideBodyIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    short_name: str = Field("", max_length=30)
    agency_code: str = Field("", max_length=35)


class ImportAnswerIn(Schema):
    """One answer to a listed item of an import: exactly one of ``unit_id``/``collective``,
    ``outside_body_id``, ``new_outside_body``, ``keep_as_text``; or ``deadline_text``."""

    key: str = Field(min_length=1, max_length=400)
    unit_id: int | None = None
    collective: str | None = Field(None, max_length=20)
    outside_body_id: int | None = None
    new_outside_body: NewOutsideBodyIn | None = None
    keep_as_text: bool | None = None
    deadline_text: str | None = Field(None, max_length=100)


class ImportAnswersIn(Schema):
    """Answers to the listed items of an import, given at once (all or none)."""

    expected_version: int = Field(ge=1)
    answers: list[ImportAnswerIn] = Field(min_length=1, max_length=500)


class ImportApplied(Schema):
    import_id: int
    tasks: list[int]
