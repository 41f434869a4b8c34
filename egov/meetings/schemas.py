"""Schemas of the meetings API."""

from __future__ import annotations

from ninja import Field, Schema

from egov.common.api_types import ZonedDatetime
from egov.meetings.choices import (
    CheckInWay,
    Choice,
    MajorityBase,
    MajorityShare,
    MeetingKind,
    MeetingStatus,
    Response,
    VoteStatus,
)


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
    order: int  # the place among its siblings
    number: str  # as the agenda numbers it: "2", "2.1"
    parent_id: int | None  # the item it is a sub-item of
    title: str
    presenter: str
    planned_minutes: int
    papers: list[PaperOut]


class SubItemIn(Schema):
    """A sub-item added at the end of an agenda item's sub-items (numbered "2.1" under item
    2); within the time of the item it belongs to."""

    title: str = Field(min_length=1, max_length=300)
    planned_minutes: int = Field(ge=1, le=1440)
    presenter: str = Field("", max_length=200)


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


class CheckInIn(Schema):
    """Who checks in: nothing for the caller's own invitation, ``invitee_id`` for the host's
    secretary, or ``code`` (the invitation's QR code or the link it holds)."""

    invitee_id: int | None = Field(None, ge=1)
    code: str | None = Field(None, max_length=500)


class CheckInOut(Schema):
    invitee_id: int
    name: str
    checked_in_at: ZonedDatetime
    checked_in_via: CheckInWay
    quorum: QuorumOut


class VoteOpenIn(Schema):
    """A vote the chair opens on an agenda item of the meeting."""

    item_id: int = Field(ge=1)
    question: str = Field(min_length=1, max_length=300)
    secret: bool = False


class BallotIn(Schema):
    choice: Choice = Field(description="for, against or abstain")


class VoteResultOut(Schema):
    """The sealed count and its result under the vote's majority rule."""

    count_for: int
    count_against: int
    count_abstain: int
    counted: int | None  # members present or all members, as the rule counts
    needed: int | None
    passed: bool | None  # None for a vote closed before the rule was recorded


class NamedBallotOut(Schema):
    voter_name: str
    choice: Choice


class VoteOut(Schema):
    id: int
    item_id: int
    question: str
    secret: bool
    status: VoteStatus
    opened_at: ZonedDatetime
    closed_at: ZonedDatetime | None
    written_until: ZonedDatetime | None
    majority_base: MajorityBase
    majority_share: MajorityShare
    majority: str  # the rule in words
    i_voted: bool
    my_choice: Choice | None  # in a named vote only: a secret vote keeps no choice
    may_vote: bool
    result: VoteResultOut | None  # once closed
    ballots: list[NamedBallotOut]  # a named vote's, once closed
