"""Rules of paperless meetings, pure (no ORM): the meeting's and the vote's transitions, the
lead time of Decision 45/2018/QĐ-TTg, the vote count."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from egov.common.transitions import Transition, TransitionTable
from egov.meetings.choices import (
    Choice,
    LeadRule,
    MajorityBase,
    MajorityShare,
    MeetingStatus,
    VoteStatus,
)
from egov.meetings.exceptions import MeetingError

S = MeetingStatus
MEETING_TRANSITIONS = TransitionTable(
    Transition("edit", [S.PLANNED, S.INVITED]),
    Transition("draft_invitation", [S.PLANNED]),
    Transition("invite", [S.PLANNED], S.INVITED),
    Transition("answer", [S.INVITED]),
    Transition("check_in", [S.INVITED]),
    Transition("open_vote", [S.INVITED]),
    Transition("start", [S.INVITED]),
    Transition("end", [S.INVITED, S.HELD]),
    Transition("speak", [S.INVITED]),
    Transition("time_item", [S.INVITED]),
    Transition("add_point", [S.PLANNED, S.INVITED]),
    Transition("point_check_in", [S.INVITED]),
    Transition("note", [S.INVITED, S.HELD]),
    Transition("hold", [S.INVITED], S.HELD),
    Transition("conclude", [S.INVITED, S.HELD]),
    Transition("draft_minutes", [S.HELD]),
    Transition("draft_notice", [S.HELD]),
    Transition("task", [S.HELD, S.CLOSED]),
    Transition("close", [S.HELD], S.CLOSED),
    Transition("cancel", [S.PLANNED, S.INVITED], S.CANCELLED),
    label=lambda state: str(MeetingStatus(state).label),
    message=_("This is not possible while the meeting is %(status)s."),
    error=MeetingError,
)

VOTE_TRANSITIONS = TransitionTable(
    Transition("cast", [VoteStatus.OPEN]),
    Transition("send_written", [VoteStatus.OPEN], VoteStatus.WRITTEN),
    Transition("cast_written", [VoteStatus.WRITTEN]),
    Transition("close", [VoteStatus.OPEN, VoteStatus.WRITTEN], VoteStatus.CLOSED),
    label=lambda state: str(VoteStatus(state).label),
    message=_("This vote is %(status)s."),
    error=MeetingError,
)


def lead_time_problem(
    *, working_days_before: int, required: int, rule: str
) -> tuple[str | None, bool]:
    """Decision 45/2018/QĐ-TTg: the invitation and papers reach participants ``required``
    working days before the meeting. ``working_days_before`` counts the working days strictly
    between the day they go out and the meeting's day. Returns (message, refused): a warning
    under the ``warn`` rule, a refusal under ``refuse``, (None, False) when on time."""
    if working_days_before >= required:
        return None, False
    message = _(
        "Decision 45/2018 asks for %(required)s working days before the meeting; only "
        "%(days)s are left."
    ) % {"required": required, "days": working_days_before}
    return str(message), rule == LeadRule.REFUSE


def vote_count(choices: Iterable[str]) -> dict[str, int]:
    """The count of each choice (for, against, abstain)."""
    counted = Counter(choices)
    return {choice: counted.get(choice, 0) for choice in Choice.values}


@dataclass(frozen=True)
class MajorityRule:
    """Which majority a vote needs: counted of the members present or of all members, more
    than half or at least two-thirds of them."""

    base: str
    share: str


@dataclass(frozen=True)
class VoteOutcome:
    """A closed vote's result under its rule: ``counted`` is the number the majority is
    taken of (members present or all members), ``needed`` the votes for it needs."""

    counted: int
    needed: int
    passed: bool


def majority_rule_for(kind: str, setting: Mapping[str, str]) -> MajorityRule:
    """The rule of a meeting kind from ``EGOV_MEETING_MAJORITY`` (``kind -> "base:share"``);
    a kind the setting does not name needs more than half of the members present."""
    base, _sep, share = setting.get(kind, "").partition(":")
    if base not in MajorityBase.values or share not in MajorityShare.values:
        return MajorityRule(MajorityBase.PRESENT, MajorityShare.SIMPLE)
    return MajorityRule(base, share)


def majority_needed(counted: int, share: str) -> int:
    """Votes for a majority of ``counted``: more than half (the smallest whole number above
    half), or at least two-thirds (rounded up). Never fewer than one."""
    if share == MajorityShare.TWO_THIRDS:
        return max(1, -(-2 * counted // 3))
    return counted // 2 + 1


def vote_outcome(
    *, rule: MajorityRule, count_for: int, members: int, present: int, voted: int
) -> VoteOutcome:
    """The result of a closed vote. ``members`` are the meeting's invitees, ``present`` those
    taking part (checked in, or answering a written ballot), ``voted`` those who voted; the
    number counted never falls below who voted (an invited unit may send more than one
    person)."""
    counted = max(members if rule.base == MajorityBase.ALL else present, voted)
    needed = majority_needed(counted, rule.share)
    return VoteOutcome(counted=counted, needed=needed, passed=count_for >= needed)


def agenda_fits(planned_minutes: int, item_minutes: Iterable[int]) -> bool:
    """Whether the agenda's planned minutes fit in the meeting's (or the sub-items' in their
    item's)."""
    return sum(item_minutes) <= planned_minutes


AGENDA_DEPTH = 3  # items, sub-items and their sub-items: "1.", "1.1.", "1.1.1."


def item_number(parent_number: str | None, order: int) -> str:
    """How the agenda numbers the ``order``-th item under ``parent_number`` ("2" → "2.1")."""
    return f"{parent_number}.{order}" if parent_number else str(order)


def item_path(parent_path: str | None, order: int) -> str:
    """The sort key of the ``order``-th item under ``parent_path``: reading order of the tree
    ("0002" < "0002.0001" < "0003")."""
    place = f"{order:04d}"
    return f"{parent_path}.{place}" if parent_path else place


def pages_saved(paper_pages: Iterable[int | None], copies: int) -> tuple[int, int]:
    """The printed pages a meeting avoided by sending its papers electronically: each paper's
    pages once per participant (the copies a paper meeting prints), and how many papers'
    pages are unknown (they count nothing rather than a guess)."""
    pages = list(paper_pages)
    return sum(p for p in pages if p) * copies, sum(1 for p in pages if not p)


def item_path_length(depth: int) -> int:
    """The length of the path of an item ``depth`` levels down ("0002.0001": 9 at depth 2)."""
    return 5 * depth - 1


def outermost(paths: Iterable[str]) -> set[str]:
    """Of these items' paths, those with no ancestor among them: a timed item's time already
    holds the time of its timed sub-items, so durations count each minute once."""
    chosen = set(paths)
    return {p for p in chosen if not any(p.startswith(f"{q}.") for q in chosen)}


def quorum_needed(invited: int, percent: int) -> int:
    """How many invitees must be present for a quorum of ``percent`` % (rounded up)."""
    return -(-invited * percent // 100)


def quorum_reached(*, present: int, invited: int, percent: int) -> bool:
    return invited > 0 and present >= quorum_needed(invited, percent)


def overlaps(
    first_start: datetime.datetime,
    first_minutes: int,
    second_start: datetime.datetime,
    second_minutes: int,
) -> bool:
    """Whether two meetings' planned times overlap (touching ends do not)."""
    first_end = first_start + datetime.timedelta(minutes=first_minutes)
    second_end = second_start + datetime.timedelta(minutes=second_minutes)
    return first_start < second_end and second_start < first_end


def video_room_url(template: str, room: str) -> str:
    """The online room's link on the city's video conference system: ``template`` (the
    ``EGOV_MEETING_VIDEO_URL`` setting, Jitsi-style ``https://host/{room}``) with the room."""
    return template.replace("{room}", room)


# A code as ``models.new_checkin_code`` makes it (URL-safe base64 of 32 bytes: 43 characters).
CHECKIN_CODE = re.compile(r"[A-Za-z0-9_-]{43}")


def checkin_code_from(text: str) -> str | None:
    """The check-in code in what a scanner typed: the code itself or the check-in URL the QR
    holds (``…/check-in/<code>/``), spaces around it ignored; None when there is none."""
    text = (text or "").strip().rstrip("/")
    last = text.rsplit("/", 1)[-1]
    return last if CHECKIN_CODE.fullmatch(last) else None


@dataclass(frozen=True)
class ItemTime:
    """An agenda item's plan and its recorded start and end."""

    planned_minutes: int
    started_at: datetime.datetime
    ended_at: datetime.datetime


@dataclass(frozen=True)
class Duration:
    """Planned and actual minutes of a held meeting, as the figures count them."""

    planned: int
    actual: int
    by_items: bool  # from the agenda items' own times (else the meeting's start and end)


def meeting_duration(
    *,
    planned_minutes: int,
    started_at: datetime.datetime | None,
    ended_at: datetime.datetime | None,
    items: Sequence[ItemTime] = (),
) -> Duration | None:
    """The duration of a held meeting against its plan. Where the chair timed agenda items,
    the timed items' planned minutes against their actual minutes (like with like: an item
    not timed counts on neither side); otherwise the meeting's plan against its recorded
    start to end; None when neither was recorded."""
    if items:
        seconds = sum((i.ended_at - i.started_at).total_seconds() for i in items)
        return Duration(
            planned=sum(i.planned_minutes for i in items),
            actual=round(seconds / 60),
            by_items=True,
        )
    if started_at is None or ended_at is None:
        return None
    return Duration(
        planned=planned_minutes,
        actual=round((ended_at - started_at).total_seconds() / 60),
        by_items=False,
    )


# Working days an absent member may be given to send a written ballot (the session's
# working regulation sets the figure; these bounds only refuse nonsense).
WRITTEN_WORKDAYS = (1, 15)


def written_workdays_problem(workdays: int) -> str | None:
    """A message when the working days given for written ballots are out of bounds."""
    low, high = WRITTEN_WORKDAYS
    if low <= workdays <= high:
        return None
    return str(
        _("Give between %(low)s and %(high)s working days for the written ballots.")
        % {"low": low, "high": high}
    )
