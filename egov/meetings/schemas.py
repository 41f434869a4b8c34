"""Schemas of the meetings API."""

from __future__ import annotations

from ninja import Field, Schema

from egov.common.api_types import ZonedDatetime
from egov.meetings.choices import MeetingKind, MeetingStatus, Response


class MeetingOut(Schema):
    id: int
    kind: MeetingKind
    title: str
    status: MeetingStatus
    host_unit_id: int
    host_unit_name: str
    chair_name: str
    starts_at: ZonedDatetime
    planned_minutes: int
    place: str
    online_url: str
    my_response: Response | None
    ics_url: str


class PaperOut(Schema):
    id: int
    name: str
    secret: bool
    on_time: bool
    url: str | None  # None when the caller is not a named reader of a secret paper


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    presenter: str
    planned_minutes: int
    papers: list[PaperOut]


class InvitationOut(Schema):
    id: int
    response: Response
    reason: str
    delegate_name: str | None
    checked_in_at: ZonedDatetime | None
    version: int


class QuorumOut(Schema):
    invited: int
    present: int
    needed: int
    reached: bool


class MeetingDetailOut(MeetingOut):
    quorum_percent: int
    started_at: ZonedDatetime | None
    ended_at: ZonedDatetime | None
    quorum: QuorumOut
    agenda: list[AgendaItemOut]
    invitation: InvitationOut | None


class AnswerIn(Schema):
    """An answer to an invitation: confirmed, declined (with a reason) or delegated (to an
    officer of the invited unit)."""

    response: Response = Field(description="confirmed, declined or delegated")
    reason: str = Field("", max_length=2000)
    delegate_id: int | None = None
    expected_version: int | None = Field(None, ge=1)
