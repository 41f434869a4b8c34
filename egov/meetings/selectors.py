"""Scoped reads of paperless meetings. The host unit's officers see and manage their meetings
(and units above them see them through their subtree); invitees — a person named, a delegate,
or an officer of an invited unit — see the meetings they are invited to and their papers."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.meetings import rules
from egov.meetings.choices import MeetingStatus, Response, VoteStatus
from egov.meetings.models import (
    AgendaItem,
    CalendarFeed,
    Conclusion,
    ConnectedPoint,
    Invitee,
    Meeting,
    Paper,
    Speaker,
    Turnout,
    Vote,
    WrittenBallot,
)
from egov.orgs.access import can_act_for_unit, reach_of
from egov.orgs.choices import Role
from egov.orgs.models import Membership, OrgUnit

# Who manages a unit's meetings: its office (clerk, specialists) and heads.
MANAGER_ROLES = (Role.CLERK, Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD)


def may_manage(user: Any, meeting: Meeting) -> bool:
    return can_act_for_unit(user, meeting.host_unit, roles=MANAGER_ROLES)


def is_chair(user: Any, meeting: Meeting) -> bool:
    return getattr(user, "pk", None) == meeting.chair_id


# Where ``meeting_get_for_user`` keeps the invitation it looked up, for the request's later
# ``invitee_for`` on the same meeting object (never set elsewhere: a meeting object a test or
# a job keeps across changes of its invitations is always asked again).
_SEEN = "_invitee_seen_by"


def invitee_for(user: Any, meeting: Meeting) -> Invitee | None:
    """The invitation ``user`` answers for: named, delegated to, or of a unit they hold a role
    in (a role over a whole subtree does not make its holder the invited unit's member)."""
    if not getattr(user, "is_authenticated", False):
        return None
    seen = getattr(meeting, _SEEN, None)
    if seen is not None and seen[0] == user.pk:
        return seen[1]
    if "invitees" not in getattr(meeting, "_prefetched_objects_cache", {}):
        # Two indexed look-ups, not the whole list: a conference has 2,000 invitees, and
        # every check-in and vote asks (bench/NOTES.md, the conference bursts).
        invitees = meeting.invitees.order_by("pk")
        named = invitees.filter(Q(person_id=user.pk) | Q(delegate_id=user.pk)).first()
        if named is not None:
            return named
        units = reach_of(user).unit_ids
        return invitees.filter(unit_id__in=units, delegate__isnull=True).first() if units else None
    invitees = list(meeting.invitees.all())
    for invitee in invitees:
        if invitee.person_id == user.pk or invitee.delegate_id == user.pk:
            return invitee
    reach = reach_of(user)
    for invitee in invitees:
        if invitee.unit_id in reach.unit_ids and invitee.delegate_id is None:
            return invitee
    return None


def invitee_get_by_code_for_user(user: Any, code: str) -> Invitee:
    """The invitee a check-in URL names, for that invitee or the host's secretary; 404 for
    anyone else and for an unknown code (no hint whether a code exists)."""
    invitee = (
        Invitee.objects.select_related("meeting", "meeting__host_unit", "meeting__chair")
        .filter(checkin_code=code)
        .first()
    )
    if invitee is None:
        raise Http404
    meeting = invitee.meeting
    if invitee_for(user, meeting) != invitee and not may_manage(user, meeting):
        raise Http404
    return invitee


def may_see(user: Any, meeting: Meeting) -> bool:
    """Officers of the host unit (any role, or over it), the chair and the invitees."""
    return _sees(user, meeting)[0]


def _sees(user: Any, meeting: Meeting) -> tuple[bool, Invitee | None]:
    """``may_see`` and the user's invitation, asked first: most of those who open a meeting or
    cast a ballot are its participants, found by one look-up without reading their roles."""
    invitee = invitee_for(user, meeting)
    if invitee is not None or is_chair(user, meeting):
        return True, invitee
    return can_act_for_unit(user, meeting.host_unit), None


def meeting_list_for_user(user: Any) -> QuerySet[Meeting]:
    """Meetings hosted within the user's reach, chaired by them, or they are invited to."""
    if not getattr(user, "is_authenticated", False):
        return Meeting.objects.none()
    reach = reach_of(user)
    query = Q(chair=user) | Q(invitees__person=user) | Q(invitees__delegate=user)
    if not reach.is_empty:
        query |= reach.q("host_unit") | Q(invitees__unit__in=reach.unit_ids)
    ids = Meeting.objects.filter(query).values("pk")
    return (
        Meeting.objects.filter(pk__in=ids)
        .select_related("host_unit", "chair")
        .order_by("-starts_at", "-pk")
    )


def meeting_get_for_user(user: Any, pk: int) -> Meeting:
    """One meeting the user may see (``may_see``); 404 otherwise (no hint that it exists).
    The invitation is asked first, and kept on the returned object for the request's later
    ``invitee_for`` (the page, a ballot, a check-in ask again): a participant's ballot needs
    one look-up, not two, and no look-up of their roles (issue 19, 2,000 ballots a minute)."""
    meeting = (
        Meeting.objects.select_related("host_unit", "chair", "invitation", "minutes", "notice")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    seen, invitee = _sees(user, meeting)
    if not seen:
        raise Http404
    setattr(meeting, _SEEN, (user.pk, invitee))
    return meeting


def may_read_paper(user: Any, meeting: Meeting, paper: Paper) -> bool:
    """A paper not secret: everyone who sees the meeting. A secret one: its named readers, the
    chair and the host unit's managers (who named them)."""
    if not paper.secret:
        return True
    if is_chair(user, meeting) or may_manage(user, meeting):
        return True
    return paper.readers.filter(pk=getattr(user, "pk", None)).exists()


def paper_get_for_user(user: Any, meeting_pk: int, pk: int) -> Paper:
    """A paper of a meeting the user sees; a secret one only for its named readers; 404
    otherwise."""
    meeting = meeting_get_for_user(user, meeting_pk)
    paper = Paper.objects.filter(pk=pk, item__meeting=meeting).first()
    if paper is None or not may_read_paper(user, meeting, paper):
        raise Http404
    return paper


@dataclass(frozen=True)
class Quorum:
    invited: int
    present: int
    needed: int

    @property
    def reached(self) -> bool:
        return self.invited > 0 and self.present >= self.needed


def meeting_quorum(meeting: Meeting) -> Quorum:
    """Invitees, those checked in, and how many the meeting's quorum needs."""
    counts = meeting.invitees.aggregate(
        invited=Count("pk"), present=Count("pk", filter=Q(checked_in_at__isnull=False))
    )
    return Quorum(
        invited=counts["invited"],
        present=counts["present"],
        needed=rules.quorum_needed(counts["invited"], meeting.quorum_percent),
    )


def meeting_overlaps(
    *,
    starts_at: datetime.datetime,
    planned_minutes: int,
    chair_id: int | None,
    place: str,
    person_ids: Collection[int] = (),
    exclude_pk: int | None = None,
) -> list[str]:
    """Warnings for the other meetings (not cancelled) whose time overlaps the given one and
    that have the same chair, the same room, or one of ``person_ids`` as chair or invitee."""
    window = Meeting.objects.exclude(status=MeetingStatus.CANCELLED).filter(
        starts_at__lt=starts_at + datetime.timedelta(minutes=planned_minutes),
        starts_at__gt=starts_at - datetime.timedelta(days=1),
    )
    if exclude_pk is not None:
        window = window.exclude(pk=exclude_pk)
    people = {p for p in person_ids if p} | ({chair_id} if chair_id else set())
    room = place.strip().casefold()
    warnings = []
    for other in window.select_related("chair").prefetch_related("invitees"):
        if not rules.overlaps(starts_at, planned_minutes, other.starts_at, other.planned_minutes):
            continue
        when = timezone.localtime(other.starts_at).strftime("%H:%M %d/%m/%Y")
        if room and other.place.strip().casefold() == room:
            warnings.append(
                _("The room %(place)s is booked for “%(title)s” at %(when)s.")
                % {"place": other.place, "title": other.title, "when": when}
            )
        taken = {other.chair_id} | {
            pk for i in other.invitees.all() for pk in (i.person_id, i.delegate_id) if pk
        }
        for user in User.objects.filter(pk__in=people & taken).order_by("full_name"):
            warnings.append(
                _("%(name)s is also in “%(title)s” at %(when)s.")
                % {"name": user.full_name, "title": other.title, "when": when}
            )
    return warnings


def overlaps_of(meeting: Meeting) -> list[str]:
    """The overlap warnings of a planned meeting: its chair, room and invited persons."""
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.INVITED):
        return []
    persons = [pk for i in meeting.invitees.all() for pk in (i.person_id, i.delegate_id) if pk]
    return meeting_overlaps(
        starts_at=meeting.starts_at,
        planned_minutes=meeting.planned_minutes,
        chair_id=meeting.chair_id,
        place=meeting.place,
        person_ids=persons,
        exclude_pk=meeting.pk,
    )


def speaker_list(meeting: Meeting) -> list[Speaker]:
    """The speakers list: who speaks now, then who waits in order, then who spoke."""
    rows = list(meeting.speakers.select_related("person", "item"))
    speaking = [s for s in rows if s.started_at and not s.ended_at]
    waiting = [s for s in rows if not s.started_at and not s.ended_at]
    spoken = sorted((s for s in rows if s.ended_at), key=lambda s: s.ended_at)
    return speaking + waiting + spoken


@dataclass(frozen=True)
class MeetingFigures:
    """The figures the city's plans judge meetings by, for one unit's subtree and a period."""

    held: int
    held_online: int
    papers: int
    papers_on_time: int
    conclusions: int
    conclusions_tasked: int
    papers_electronic: int = 0  # not secret: sent to every participant through the system
    points: int = 0  # connected points of the held meetings
    point_participants: int = 0  # people present at them, as their officers reported
    timed: int = 0  # held meetings whose actual start and end were recorded
    pages_saved: int = 0  # printed pages avoided: pages of the electronic papers × invitees
    papers_pages_unknown: int = 0  # electronic papers whose page count is unknown
    planned_minutes: int = 0  # of the timed meetings
    actual_minutes: int = 0

    @property
    def online_share(self) -> float | None:
        return self.held_online / self.held if self.held else None

    @property
    def papers_on_time_share(self) -> float | None:
        return self.papers_on_time / self.papers if self.papers else None

    @property
    def papers_electronic_share(self) -> float | None:
        return self.papers_electronic / self.papers if self.papers else None

    @property
    def participants_per_point(self) -> float | None:
        return self.point_participants / self.points if self.points else None


def meeting_figures(*, unit: Any, first: datetime.date, last: datetime.date) -> MeetingFigures:
    """Meetings held (held or closed) by ``unit`` and the units below it whose start falls
    from ``first`` to ``last`` (local days), the share online, their papers sent on time and
    sent electronically (not secret: Decision 45/2018/QĐ-TTg sends papers electronically,
    secret ones excepted), the people present at their connected points, and conclusions
    turned into tasks. Plain numbers, one query per table."""
    meetings = Meeting.objects.filter(
        host_unit__path__startswith=unit.path,
        status__in=[MeetingStatus.HELD, MeetingStatus.CLOSED],
        starts_at__date__gte=first,
        starts_at__date__lte=last,
    )
    counts = meetings.aggregate(held=Count("pk"), online=Count("pk", filter=~Q(online_url="")))
    papers = (
        Paper.objects.current()
        .filter(item__meeting__in=meetings.values("pk"))
        .aggregate(
            all=Count("pk"),
            on_time=Count("pk", filter=Q(on_time=True)),
            electronic=Count("pk", filter=Q(secret=False)),
        )
    )
    points = ConnectedPoint.objects.filter(meeting__in=meetings.values("pk")).aggregate(
        all=Count("pk"), present=Sum("present")
    )
    conclusions = Conclusion.objects.filter(meeting__in=meetings.values("pk")).aggregate(
        all=Count("pk"), tasked=Count("pk", filter=Q(task__isnull=False))
    )
    saved = pages_saved(meetings).values()
    timed = {"timed": 0, "planned_minutes": 0, "actual_minutes": 0}
    for duration in meeting_durations(meetings).values():
        timed["timed"] += 1
        timed["planned_minutes"] += duration.planned
        timed["actual_minutes"] += duration.actual
    return MeetingFigures(
        **timed,
        held=counts["held"],
        held_online=counts["online"],
        papers=papers["all"],
        papers_on_time=papers["on_time"],
        papers_electronic=papers["electronic"],
        points=points["all"],
        point_participants=points["present"] or 0,
        conclusions=conclusions["all"],
        conclusions_tasked=conclusions["tasked"],
        pages_saved=sum(pages for pages, _unknown in saved),
        papers_pages_unknown=sum(unknown for _pages, unknown in saved),
    )


def pages_saved(meetings: QuerySet[Meeting]) -> dict[int, tuple[int, int]]:
    """For each of ``meetings``: the printed pages its papers sent electronically avoided
    (current versions, not secret: a secret paper is handed out on paper) and how many of
    those papers' pages are unknown (``rules.pages_saved``). Two queries."""
    papers: dict[int, list[int | None]] = defaultdict(list)
    for meeting_id, pages in (
        Paper.objects.current()
        .filter(item__meeting__in=meetings.values("pk"), secret=False)
        .values_list("item__meeting_id", "pages")
    ):
        papers[meeting_id].append(pages)
    copies = dict(
        Invitee.objects.filter(meeting_id__in=list(papers))
        .values("meeting_id")
        .annotate(n=Count("pk"))
        .values_list("meeting_id", "n")
    )
    return {pk: rules.pages_saved(pages, copies.get(pk, 0)) for pk, pages in papers.items()}


def _held_in(first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None) -> Any:
    meetings = Meeting.objects.filter(
        status__in=[MeetingStatus.HELD, MeetingStatus.CLOSED],
        starts_at__date__gte=first,
        starts_at__date__lte=last,
    )
    if unit_ids is not None:
        meetings = meetings.filter(host_unit_id__in=list(unit_ids))
    return meetings


def meeting_durations(meetings: QuerySet[Meeting]) -> dict[int, rules.Duration]:
    """Planned and actual minutes of each of ``meetings`` whose duration was recorded, as
    ``rules.meeting_duration`` counts them (the timed agenda items where there are any, else
    the meeting's start and end). Two queries."""
    timed: dict[int, dict[str, rules.ItemTime]] = defaultdict(dict)
    for meeting_id, path, planned, started, ended in AgendaItem.objects.filter(
        meeting__in=meetings.values("pk"), started_at__isnull=False, ended_at__isnull=False
    ).values_list("meeting_id", "path", "planned_minutes", "started_at", "ended_at"):
        timed[meeting_id][path] = rules.ItemTime(planned, started, ended)
    items = {  # a timed sub-item of a timed item is inside its item's time: counted once
        pk: [by_path[path] for path in sorted(rules.outermost(by_path))]
        for pk, by_path in timed.items()
    }
    result = {}
    for pk, planned, started, ended in meetings.values_list(
        "pk", "planned_minutes", "started_at", "ended_at"
    ):
        duration = rules.meeting_duration(
            planned_minutes=planned, started_at=started, ended_at=ended, items=items.get(pk, ())
        )
        if duration is not None:
            result[pk] = duration
    return result


def duration_values(
    *, first: datetime.date, last: datetime.date, unit_ids: Collection[int] | None = None
) -> dict[int, dict[str, int]]:
    """Per host unit (its own meetings), for meetings held from ``first`` to ``last`` whose
    duration was recorded (``meeting_durations``: the chair timed the agenda items, or the
    meeting's start and end): ``timed`` (how many), ``planned_minutes`` and
    ``actual_minutes`` (sums), ``online`` (how many of them had an online room). Plain,
    additive numbers for the dashboards' figures; three queries."""
    meetings = _held_in(first, last, unit_ids)
    durations = meeting_durations(meetings)
    result: dict[int, dict[str, int]] = {}
    for pk, unit_id, online in meetings.values_list("pk", "host_unit_id", "online_url"):
        if pk not in durations:
            continue
        line = result.setdefault(
            unit_id, {"timed": 0, "planned_minutes": 0, "actual_minutes": 0, "online": 0}
        )
        line["timed"] += 1
        line["planned_minutes"] += durations[pk].planned
        line["actual_minutes"] += durations[pk].actual
        line["online"] += bool(online)
    return result


def held_meetings(*, unit: Any, first: datetime.date, last: datetime.date) -> QuerySet[Meeting]:
    """The meetings held by ``unit``'s subtree in the period, for the figures page's table."""
    return (
        _held_in(first, last, None)
        .filter(host_unit__path__startswith=unit.path)
        .select_related("host_unit")
        .annotate(
            point_count=Count("points", distinct=True),
            point_present=Sum("points__present"),
        )
        .order_by("starts_at")
    )


def calendar_feed_of(user: Any) -> CalendarFeed | None:
    """The officer's live calendar link, if they made one."""
    return CalendarFeed.objects.filter(user=user, revoked_at=None).first()


def calendar_feed_user(token: str) -> User | None:
    """The active officer whose live calendar link ``token`` is, or None."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, revoked_at=None, user__is_active=True)
        .first()
    )
    return feed.user if feed else None


def calendar_units(user: Any) -> list[OrgUnit]:
    """The units an officer may follow in a calendar: those they hold a role in."""
    ids = Membership.objects.current().filter(user=user).values("unit_id")
    return list(OrgUnit.objects.active().filter(pk__in=ids).order_by("path"))


def calendar_unit_get(user: Any, unit_id: int) -> OrgUnit:
    """A unit within the officer's reach, for its feed; 404 otherwise."""
    unit = OrgUnit.objects.active().filter(pk=unit_id).first()
    if unit is None or not can_act_for_unit(user, unit):
        raise Http404
    return unit


def _window(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    now = timezone.now()
    return meetings.filter(
        starts_at__gte=now - datetime.timedelta(days=60),
        starts_at__lte=now + datetime.timedelta(days=366),
    )


def calendar_unit_meetings(unit: OrgUnit) -> QuerySet[Meeting]:
    """A unit's feed: the meetings it hosts or is invited to, 60 days back to a year ahead."""
    ids = Meeting.objects.filter(Q(host_unit=unit) | Q(invitees__unit=unit)).values("pk")
    return _window(
        Meeting.objects.filter(pk__in=ids).select_related("host_unit").order_by("starts_at")
    )


def calendar_meetings(user: Any) -> QuerySet[Meeting]:
    """The meetings of an officer's feed: from 60 days ago to a year ahead."""
    return _window(meeting_list_for_user(user))


@dataclass(frozen=True)
class VoteView:
    """A vote as one participant sees it: whether they voted, their choice in a named vote,
    whether they may vote now."""

    vote: Vote
    i_voted: bool
    my_choice: str | None
    may_vote: bool


def vote_list_for_user(user: Any, meeting: Meeting) -> list[VoteView]:
    """The votes of a meeting the user sees (``meeting_get_for_user`` first), each with the
    user's part in it. Four queries whatever the number of votes."""
    votes = list(
        Vote.objects.filter(item__meeting=meeting)
        .select_related("item")
        .prefetch_related("ballots__voter")
        .order_by("pk")
    )
    voted = set(
        Turnout.objects.filter(vote__in=votes, voter=user).values_list("vote_id", flat=True)
    )
    pending = set(
        WrittenBallot.objects.filter(
            vote__in=votes, voter=user, answered_at__isnull=True
        ).values_list("vote_id", flat=True)
    )
    invited = invitee_for(user, meeting)
    may_room = invited is not None and invited.response != Response.DECLINED
    views = []
    for vote in votes:
        mine = next((b.choice for b in vote.ballots.all() if b.voter_id == user.pk), None)
        may = vote.pk not in voted and (
            (vote.status == VoteStatus.OPEN and may_room)
            or (vote.status == VoteStatus.WRITTEN and vote.pk in pending)
        )
        views.append(VoteView(vote, vote.pk in voted, mine, may))
    return views


def vote_get_for_user(user: Any, meeting_pk: int, pk: int) -> Vote:
    """A vote of a meeting the user sees; 404 otherwise."""
    meeting = meeting_get_for_user(user, meeting_pk)
    vote = Vote.objects.select_related("item__meeting").filter(pk=pk, item__meeting=meeting).first()
    if vote is None:
        raise Http404
    return vote


def held_points(meetings: Collection[Meeting]) -> list[ConnectedPoint]:
    """The connected points of the given meetings with how many people were present at each
    (the figures page's export)."""
    return list(
        ConnectedPoint.objects.filter(meeting__in=[m.pk for m in meetings])
        .select_related("meeting", "unit")
        .order_by("meeting__starts_at", "meeting_id", "pk")
    )
