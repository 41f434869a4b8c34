"""Scoped reads of paperless meetings. The host unit's officers see and manage their meetings
(and units above them see them through their subtree); invitees — a person named, a delegate,
or an officer of an invited unit — see the meetings they are invited to and their papers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from egov.meetings.choices import MeetingStatus
from egov.meetings.models import Conclusion, Invitee, Meeting, Paper
from egov.orgs.access import can_act_for_unit, reach_of
from egov.orgs.choices import Role

# Who manages a unit's meetings: its office (clerk, specialists) and heads.
MANAGER_ROLES = (Role.CLERK, Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD)


def may_manage(user: Any, meeting: Meeting) -> bool:
    return can_act_for_unit(user, meeting.host_unit, roles=MANAGER_ROLES)


def is_chair(user: Any, meeting: Meeting) -> bool:
    return getattr(user, "pk", None) == meeting.chair_id


def invitee_for(user: Any, meeting: Meeting) -> Invitee | None:
    """The invitation ``user`` answers for: named, delegated to, or of a unit they hold a role
    in (a role over a whole subtree does not make its holder the invited unit's member)."""
    if not getattr(user, "is_authenticated", False):
        return None
    invitees = list(meeting.invitees.all())
    for invitee in invitees:
        if invitee.person_id == user.pk or invitee.delegate_id == user.pk:
            return invitee
    reach = reach_of(user)
    for invitee in invitees:
        if invitee.unit_id in reach.unit_ids and invitee.delegate_id is None:
            return invitee
    return None


def may_see(user: Any, meeting: Meeting) -> bool:
    """Officers of the host unit (any role, or over it), the chair and the invitees."""
    return (
        can_act_for_unit(user, meeting.host_unit)
        or is_chair(user, meeting)
        or invitee_for(user, meeting) is not None
    )


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
    """One meeting the user may see; 404 otherwise (no hint that it exists)."""
    meeting = (
        Meeting.objects.select_related("host_unit", "chair", "invitation", "minutes", "notice")
        .filter(pk=pk)
        .first()
    )
    if meeting is None or not may_see(user, meeting):
        raise Http404
    return meeting


def paper_get_for_user(user: Any, meeting_pk: int, pk: int) -> Paper:
    meeting = meeting_get_for_user(user, meeting_pk)
    paper = Paper.objects.filter(pk=pk, item__meeting=meeting).first()
    if paper is None:
        raise Http404
    return paper


@dataclass(frozen=True)
class MeetingFigures:
    """The figures the city's plans judge meetings by, for one unit's subtree and a period."""

    held: int
    held_online: int
    papers: int
    papers_on_time: int
    conclusions: int
    conclusions_tasked: int

    @property
    def online_share(self) -> float | None:
        return self.held_online / self.held if self.held else None

    @property
    def papers_on_time_share(self) -> float | None:
        return self.papers_on_time / self.papers if self.papers else None


def meeting_figures(*, unit: Any, first: datetime.date, last: datetime.date) -> MeetingFigures:
    """Meetings held (held or closed) by ``unit`` and the units below it whose start falls
    from ``first`` to ``last`` (local days), the share online, their papers sent on time and
    conclusions turned into tasks. Plain numbers, one query per table."""
    meetings = Meeting.objects.filter(
        host_unit__path__startswith=unit.path,
        status__in=[MeetingStatus.HELD, MeetingStatus.CLOSED],
        starts_at__date__gte=first,
        starts_at__date__lte=last,
    )
    counts = meetings.aggregate(held=Count("pk"), online=Count("pk", filter=~Q(online_url="")))
    papers = Paper.objects.filter(item__meeting__in=meetings.values("pk")).aggregate(
        all=Count("pk"), on_time=Count("pk", filter=Q(on_time=True))
    )
    conclusions = Conclusion.objects.filter(meeting__in=meetings.values("pk")).aggregate(
        all=Count("pk"), tasked=Count("pk", filter=Q(task__isnull=False))
    )
    return MeetingFigures(
        held=counts["held"],
        held_online=counts["online"],
        papers=papers["all"],
        papers_on_time=papers["on_time"],
        conclusions=conclusions["all"],
        conclusions_tasked=conclusions["tasked"],
    )
