"""Written ballots of absent members (biểu quyết bằng văn bản): the chair sends them when a
vote was taken without some invitees; each answers online before a deadline in working days;
the answers are counted by the rules of every vote (ADR 0017: named ballots kept, secret ones
only counted). The chair may close the vote once the answers are in; at the deadline it closes
by itself (``written_vote_close_due``: a job deferred to the deadline where the job backend can
wait, and the daily ``egov meetings_written_close`` for whatever it missed), counted exactly as
the chair's close counts (``vote_seal``), audited as ``meetings.vote_closed_at_deadline``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.choices import NotificationChannel
from egov.accounts.services_notify import notification_send
from egov.audit.services import event_record
from egov.audit.versioned import row_lock, versioned_update
from egov.common.exceptions import PermissionDenied
from egov.meetings import rules
from egov.meetings.choices import Choice, MeetingAuditAction, Response, VoteStatus
from egov.meetings.exceptions import MeetingConflict, MeetingError
from egov.meetings.models import Invitee, Meeting, Turnout, Vote, WrittenBallot
from egov.meetings.selectors import is_chair
from egov.meetings.services.votes import record_choice, vote_seal
from egov.workdays.rules import VN_TZ, add_working_time
from egov.workdays.selectors import work_calendar_get

A = MeetingAuditAction


def absent_voters(meeting: Meeting, vote: Vote) -> list[Any]:
    """The people of the invitations not checked in who have not voted: the person invited by
    name, or whom the invitation was delegated to (an invited unit that named nobody has no
    one to send a ballot to); declined invitations included — absent is absent."""
    voted = set(Turnout.objects.filter(vote=vote).values_list("voter_id", flat=True))
    people = []
    invitees = Invitee.objects.filter(meeting=meeting, checked_in_at__isnull=True).select_related(
        "person", "delegate"
    )
    for invitee in invitees:
        person = invitee.delegate if invitee.response == Response.DELEGATED else invitee.person
        if person is not None and person.pk not in voted and person not in people:
            people.append(person)
    return people


def _notify(meeting: Meeting, vote: Vote, voters: list[Any]) -> None:
    due = timezone.localtime(vote.written_until, VN_TZ).strftime("%H:%M %d/%m/%Y")
    link = reverse("meetings:meeting-detail", args=[meeting.pk])
    for voter in voters:
        notification_send(
            recipient=voter,
            channel=NotificationChannel.EMAIL,
            subject=_("Written ballot: %(question)s") % {"question": vote.question},
            body=_(
                "You were absent when “%(question)s” was put to the vote at “%(title)s”. "
                "Send your written ballot on the meeting's page before %(due)s."
            )
            % {"question": vote.question, "title": meeting.title, "due": due},
            link=link,
            obj=vote,
        )


def vote_send_written(*, actor: Any, vote: Vote, workdays: int) -> Vote:
    """The chair ends the voting in the room and sends a written ballot to each absent member,
    due ``workdays`` working days from now (the work calendar); the vote then awaits them."""
    meeting = vote.item.meeting
    if not is_chair(actor, meeting):
        raise PermissionDenied(_("Only the chair can open or close a vote."))
    problem = rules.written_workdays_problem(workdays)
    if problem:
        raise MeetingError(problem, code="workdays", fields={"workdays": problem})
    with transaction.atomic():
        locked = row_lock(Vote.objects.all(), vote.pk)
        target = rules.VOTE_TRANSITIONS.target("send_written", locked.status)
        voters = absent_voters(meeting, locked)
        if not voters:
            raise MeetingError(
                _("Nobody absent is left to send a written ballot to."), code="nobody_absent"
            )
        now = timezone.now()
        due = add_working_time(work_calendar_get(), now, Decimal(workdays))
        WrittenBallot.objects.bulk_create(
            WrittenBallot(vote=locked, voter=voter, sent_at=now) for voter in voters
        )
        locked = versioned_update(
            actor=actor,
            row=locked,
            action=A.VOTE_WRITTEN_SENT,
            fields={"status": target, "written_until": due},
            changes={"voters": [v.pk for v in voters], "workdays": workdays},
        )
        transaction.on_commit(lambda: _notify(meeting, locked, voters))
        transaction.on_commit(lambda: _close_at(locked.pk, due))
    return locked


def _close_at(vote_pk: int, due: Any) -> None:
    """Defer the close to the deadline on a job backend that can wait (the database worker
    ``egov start`` runs); elsewhere the daily ``egov meetings_written_close`` closes it."""
    from egov.meetings.tasks import written_vote_close

    if written_vote_close.get_backend().supports_defer:
        written_vote_close.using(run_after=due).enqueue(vote_pk)


def written_vote_close_due(*, vote_pk: int, now: Any = None) -> Vote | None:
    """Close a vote awaiting written ballots once their deadline has passed (by ``now``,
    default the present), sealing its count as the chair's close does; None when the vote is
    not awaiting them (already closed, by the chair or an earlier run) or not yet due, so a
    second run changes nothing. The close is audited, by the system, with the deadline and
    the ballots sent and answered."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Vote.objects.select_for_update(of=("self",)).filter(pk=vote_pk).first()
        if (
            locked is None
            or locked.status != VoteStatus.WRITTEN
            or locked.written_until is None
            or locked.written_until > now
        ):
            return None
        sent = WrittenBallot.objects.filter(vote=locked)
        return vote_seal(
            locked,
            actor=None,
            action=A.VOTE_CLOSED_AT_DEADLINE,
            changes={
                "written_until": locked.written_until.isoformat(),
                "written_sent": sent.count(),
                "written_answered": sent.filter(answered_at__isnull=False).count(),
            },
        )


def written_votes_close_due(*, now: Any = None) -> int:
    """Close every vote whose written ballots' deadline has passed by ``now``; how many."""
    now = now or timezone.now()
    due = Vote.objects.filter(status=VoteStatus.WRITTEN, written_until__lte=now).order_by("pk")
    return sum(
        written_vote_close_due(vote_pk=pk, now=now) is not None
        for pk in due.values_list("pk", flat=True)
    )


def written_ballot_cast(*, actor: Any, vote: Vote, choice: str) -> Turnout:
    """An absent member's written ballot, before the deadline; once (a ballot already cast in
    the room or in writing is refused)."""
    if choice not in Choice.values:
        raise MeetingError(
            _("Choose for, against or abstain."),
            fields={"choice": _("Choose for, against or abstain.")},
        )
    try:
        with transaction.atomic():
            locked = row_lock(Vote.objects.all(), vote.pk)
            written = WrittenBallot.objects.filter(vote=locked, voter=actor).first()
            if written is None:
                raise PermissionDenied(_("No written ballot was sent to you for this vote."))
            if written.answered_at is not None:
                raise MeetingConflict(_("You have already voted."), code="voted")
            rules.VOTE_TRANSITIONS.check("cast_written", locked.status)
            now = timezone.now()
            if now > locked.written_until:
                raise MeetingError(
                    _("The time for written ballots has passed."), code="written_late"
                )
            turnout = record_choice(locked, actor, choice)
            written.answered_at = now
            written.save(update_fields=["answered_at"])
            event_record(
                actor=actor,
                action=A.WRITTEN_BALLOT_CAST,
                obj=turnout,
                changes={"vote": locked.pk, "written_ballot": written.pk},
            )
    except IntegrityError:
        raise MeetingConflict(_("You have already voted."), code="voted") from None
    return turnout
